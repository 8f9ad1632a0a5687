package org.energytrace.analytics.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of the commands that write a report (a picocli mixin). */
final class FormatOption {

  enum Format {
    json,
    text
  }

  @Option(names = "--format", defaultValue = "json", description = "json or text (default: json)")
  Format format;

  /** Whether the report is wanted as text rather than JSON. */
  boolean text() {
    return format == Format.text;
  }
}
