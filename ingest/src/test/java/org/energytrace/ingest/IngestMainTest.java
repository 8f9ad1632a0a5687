package org.energytrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every ingest command answers --help with its options, before asking for anything it needs. */
class IngestMainTest {

  @ParameterizedTest
  @ValueSource(strings = {"serve", "migrate", "demo", "mqtt-auth"})
  void everyCommandPrintsItsHelp(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new IngestMain());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int code = cli.execute(command, "--help");

    assertThat(code).isZero();
    assertThat(err.toString()).doesNotContain("Unknown option").doesNotContain("Missing required");
    assertThat(out.toString()).contains("Usage: ingest " + command).contains("--help");
  }
}
