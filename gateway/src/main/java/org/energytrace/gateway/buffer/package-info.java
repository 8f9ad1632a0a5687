/**
 * Store and forward: the {@link org.energytrace.gateway.buffer.ReadingBuffer} between the pollers
 * and the publisher, durable ({@link org.energytrace.gateway.buffer.FileReadingBuffer}: segment
 * files, the ack, the journal of sealed batches) or in memory ({@link
 * org.energytrace.gateway.buffer.MemoryReadingBuffer}), with an explicit overflow policy and
 * message sequence numbers that never repeat ({@link org.energytrace.gateway.buffer.SeqStore}).
 */
package org.energytrace.gateway.buffer;
