package org.energytrace.ingest.model;

import java.util.regex.Pattern;

/** A parsed topic {@code et/v1/{enterprise}/{site}/{gateway}/{kind}}. */
public record TopicName(String enterprise, String site, String gateway, MessageKind kind) {
  public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");

  /** A channel name (the contract's {@code points[].channel}). */
  public static final Pattern CHANNEL = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");

  public TopicName {
    requireId("enterprise", enterprise);
    requireId("site", site);
    requireId("gateway", gateway);
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
  }

  private static void requireId(String what, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " '" + value + "' does not match " + ID.pattern());
    }
  }

  /**
   * Parses a topic.
   *
   * @throws RefusedMessageException naming the bad segment
   */
  public static TopicName parse(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length != 6 || !parts[0].equals("et") || !parts[1].equals("v1")) {
      throw new RefusedMessageException(
          "topic: expected et/v1/{enterprise}/{site}/{gateway}/{kind}, got '" + topic + "'");
    }
    MessageKind kind =
        MessageKind.fromSegment(parts[5])
            .orElseThrow(
                () ->
                    new RefusedMessageException(
                        "topic: unknown kind '"
                            + parts[5]
                            + "' (expected telemetry, status or production)"));
    try {
      return new TopicName(parts[2], parts[3], parts[4], kind);
    } catch (IllegalArgumentException e) {
      throw new RefusedMessageException("topic: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "et/v1/" + enterprise + "/" + site + "/" + gateway + "/" + kind.segment();
  }
}
