package org.energytrace.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.delivery.DeliveryFixtures.*;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PrivateMosquitto;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the ingest process (the shaded jar, a separate JVM) in the middle of a stream,
 * then a restart: the persistent session keeps what was not acknowledged, the idempotent store
 * absorbs what was committed but not acknowledged, and the counts are exact.
 */
class IngestKillIT {
  static final Path JAR = Path.of("target", "energytrace-ingest.jar");

  @Test
  void storesEveryReadingExactlyOnceAfterIngestIsKilledMidStreamAndRestarted() throws Exception {
    assertThat(JAR).as("the shaded jar (built by package, before failsafe)").isRegularFile();
    String enterprise = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
    ExecutorService publisher = Executors.newSingleThreadExecutor();
    try (TestDatabase db = TestDatabase.create();
        PrivateMosquitto mosquitto = PrivateMosquitto.start();
        TestBroker gateway = TestBroker.connect(mosquitto.url())) {
      Gateways.register(db, enterprise + "/plant-1/gw-1");
      int port = freePort();
      Path config = writeConfig(db, mosquitto.url(), "et-it-kill-" + UUID.randomUUID(), port);
      Process first = startIngest(config, db, "first");
      // health is 200 once the subscription exists: from then on the session keeps our messages
      await().atMost(Duration.ofSeconds(60)).until(() -> !first.isAlive() || healthy(port));
      assertThat(first.isAlive()).as("ingest started").isTrue();

      AtomicInteger published = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      Future<?> stream =
          publisher.submit(
              () -> {
                while (!stop.get()) {
                  gateway.publish(topic(enterprise), message(t0, published.get()));
                  published.incrementAndGet();
                }
              });
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> db.count(countSql(enterprise)) >= 50L * POINTS_PER_MESSAGE);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
      int atKill = published.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> published.get() >= atKill + 200);
      stop.set(true);
      stream.get(10, TimeUnit.SECONDS);
      int total = published.get();
      long storedWhileDown = db.count(countSql(enterprise));

      Process second = startIngest(config, db, "second");
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> db.count(countSql(enterprise)) == (long) total * POINTS_PER_MESSAGE);
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(3))
            .until(() -> db.count(countSql(enterprise)) == (long) total * POINTS_PER_MESSAGE);
      } finally {
        second.destroy();
        second.waitFor(15, TimeUnit.SECONDS);
      }
      assertThat(storedWhileDown).isLessThan((long) total * POINTS_PER_MESSAGE);
      assertThat(db.count(sumSql(enterprise))).isEqualTo(expectedSum(total));
    } finally {
      publisher.shutdownNow();
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static boolean healthy(int port) {
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  static Path writeConfig(TestDatabase db, String mqttUrl, String clientId, int port)
      throws Exception {
    Path file = Files.createTempFile("ingest-kill-it-", ".yaml");
    Files.writeString(
        file,
        """
        http:
          host: 127.0.0.1
          port: %d
        db:
          url: %s
          user: %s
          password: ${ENV:ET_IT_DB_PASSWORD:}
          pool_size: 2
          migrate_on_start: true
        mqtt:
          url: %s
          client_id: %s
          topics: [ "et/v1/+/+/+/telemetry" ]
          session_expiry: PT1H
          queue_capacity: 20
          reconnect_delay: PT0.2S
        ingest:
          auto_register: true
          batch_max_rows: 200
          batch_max_wait: PT0.05S
          retry_delay: PT0.2S
        security:
          admin_password: ${ENV:ET_IT_ADMIN_PASSWORD}
        """
            .formatted(port, db.url(), db.config().user(), mqttUrl, clientId),
        StandardCharsets.UTF_8);
    return file;
  }

  static Process startIngest(Path config, TestDatabase db, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java, "-Xmx256m", "-jar", JAR.toString(), "serve", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(new File("target/ingest-kill-it-" + name + ".log"));
    pb.environment().put("ET_IT_DB_PASSWORD", db.config().password());
    // production mode refuses to start without a strong administrator password (docs/security.md)
    pb.environment()
        .put("ET_IT_ADMIN_PASSWORD", "kill-it-" + Long.toHexString(System.nanoTime()) + "-strong");
    return pb.start();
  }
}
