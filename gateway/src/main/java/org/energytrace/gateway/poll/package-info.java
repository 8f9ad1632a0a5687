/**
 * Polling: the {@link org.energytrace.gateway.poll.MeterDriver} role every protocol driver plays,
 * and the {@link org.energytrace.gateway.poll.Poller} that reads each device on its own schedule
 * and thread and appends to the buffer, flagging counters that went down ({@link
 * org.energytrace.gateway.poll.CounterWatch}).
 */
package org.energytrace.gateway.poll;
