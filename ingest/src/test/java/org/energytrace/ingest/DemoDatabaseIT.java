package org.energytrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One demo per database: a second {@code ingest demo} on the database of a running one reset every
 * password the first had printed (they answered 401) and ran a second simulator over the same
 * meters. It now stops at once, naming the database and the option.
 */
class DemoDatabaseIT {
  TestDatabase db;

  @BeforeEach
  void database() {
    // empty: the check is that the second demo wrote nothing, not even the schema
    db = TestDatabase.createEmpty();
  }

  @AfterEach
  void drop() {
    db.close();
  }

  @Test
  void aSecondDemoOnTheDatabaseOfARunningOneStopsAtOnceNamingTheDatabase(@TempDir Path dir)
      throws Exception {
    Path gatewayJar = Files.createFile(dir.resolve("energytrace-gateway.jar"));
    Optional<Connection> running = DemoDatabase.lock(db.config());
    assertThat(running).as("the first demo's lock").isPresent();
    try (Connection held = running.get()) {
      assertThat(DemoDatabase.lock(db.config())).as("a second lock while it is held").isEmpty();

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream before = System.err;
      int code;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        code =
            new CommandLine(new IngestMain())
                .execute(
                    "demo",
                    "--db-url",
                    db.url(),
                    "--mqtt",
                    TestBroker.URL,
                    "--gateway-jar",
                    gatewayJar.toString());
      } finally {
        System.setErr(before);
      }
      assertThat(code).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("another demo is running on " + db.url())
          .contains("--db-url");
      // it stopped before writing anything (the demo migrates, then resets its accounts)
      assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'app_user'")).isZero();
    }
    // the first demo stopped: its lock is free again
    Optional<Connection> again = DemoDatabase.lock(db.config());
    assertThat(again).isPresent();
    again.get().close();
  }
}
