package org.energytrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.energytrace.ingest.verification.dossier.ServerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every ingest command answers --help with its options, before asking for anything it needs. */
class IngestMainTest {

  @ParameterizedTest
  @ValueSource(strings = {"serve", "migrate", "demo", "mqtt-auth", "server-key"})
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

  @ParameterizedTest
  @ValueSource(strings = {"serve", "migrate", "demo", "mqtt-auth", "server-key"})
  void everyCommandPrintsTheVersion(String command) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new IngestMain());
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute(command, "--version")).isZero();
    // it printed nothing
    assertThat(out.toString()).startsWith("energytrace-ingest " + IngestMain.VERSION);
  }

  @Test
  void noCommandIsABadCommandLineAsForTheOtherJars() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new IngestMain());
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    // it printed the usage and ended with 0
    assertThat(cli.execute()).isEqualTo(2);
    assertThat(err.toString()).contains("name a command").contains("Usage: ingest");
  }

  @Test
  void theDemoHelpNamesTheShortestHistoryTheDemoAccepts() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new IngestMain());
    cli.setOut(new PrintWriter(out));

    cli.execute("demo", "--help");

    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help)
        .contains("--history=DURATION")
        .contains("at least P" + DemoCommand.shortestHistory().toDays() + "D")
        .contains("gateway/target/energytrace-gateway.jar");
  }

  @Test
  void theServerKeyCommandPrintsThePublicKeyOfTheConfiguredKeyFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("k.pem");
    Path config = dir.resolve("ingest.yaml");
    Files.writeString(
        config,
        "db:\n  url: jdbc:postgresql://127.0.0.1:5432/none\nmqtt:\n  url: tcp://127.0.0.1:1883\n"
            + "  client_id: x\nintegrity:\n  server_key_file: "
            + file
            + "\n");
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      code = new CommandLine(new IngestMain()).execute("server-key", "--config", config.toString());
    } finally {
      System.setOut(out);
    }
    assertThat(code).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith("-----BEGIN PUBLIC KEY-----")
        .isEqualTo(ServerKey.loadOrCreate(file).publicPem());
  }
}
