package org.energytrace.gateway.buffer;

import org.energytrace.gateway.model.Reading;

/** A reading with its position in the durable buffer's log. */
record Indexed(long index, Reading reading) {}
