package org.energytrace.ingest.model;

import java.util.Arrays;
import java.util.Optional;

/** The last topic segment: which payload schema applies. */
public enum MessageKind {
  TELEMETRY("telemetry"),
  STATUS("status"),
  PRODUCTION("production");

  private final String segment;

  MessageKind(String segment) {
    this.segment = segment;
  }

  public String segment() {
    return segment;
  }

  /** Classpath resource of the contract schema (copied from docs/schemas by the build). */
  public String schemaResource() {
    return "contract/" + segment + ".schema.json";
  }

  public static Optional<MessageKind> fromSegment(String segment) {
    return Arrays.stream(values()).filter(k -> k.segment.equals(segment)).findFirst();
  }
}
