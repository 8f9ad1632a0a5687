package org.energytrace.gateway.buffer;

import java.nio.file.Path;

/** One segment file of the durable buffer, named after the index of its first reading. */
final class Segment {
  final long first;
  final Path path;
  long bytes;
  long end; // one past the last index in this segment

  Segment(long first, Path path) {
    this.first = first;
    this.path = path;
    this.end = first;
  }
}
