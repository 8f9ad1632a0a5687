package org.energytrace.ingest.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.energytrace.ingest.IngestApp;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.TestAccess;
import org.energytrace.ingest.fixtures.TestBroker;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.live.LiveFeed;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * How long a stored reading takes to show on the overview (issue 6: "values update live within 2 s
 * of a reading being stored"), measured, not asserted; not part of {@code mvn verify}. Ingest
 * in-process against the local PostgreSQL (fresh database) and the local Mosquitto (subscribed to
 * this run's enterprise only), the overview open in Debian's headless Chromium, readings published
 * over MQTT one at a time (the next once the previous is on the page). For each reading:
 *
 * <ul>
 *   <li>publish: the publisher's clock just before {@code publish()};
 *   <li>commit: when the committed batch reaches the live feed's event-bus consumer in the same JVM
 *       (published after the commit, before the SSE push);
 *   <li>DOM: a MutationObserver in the page sees the power cell change to the reading's value
 *       ({@code Date.now()}); paint: the next animation frame after that.
 * </ul>
 *
 * All clocks are the same host's wall clock. Prints p50/p95/max of commit→DOM, publish→DOM and
 * commit→paint. Command and results: docs/benchmarks/dashboards.md.
 */
final class DashboardLatencyBenchmark {
  static final String METER = "bench-em";

  /**
   * Runs {@link #main} through surefire, which puts the test classpath (Selenium) in place; the
   * class name matches no surefire or failsafe pattern, so only an explicit {@code -Dtest=} runs
   * it: {@code mvn -o -q -pl ingest test -Dtest=DashboardLatencyBenchmark -Dreadings=50}.
   */
  @Test
  void measure() throws Exception {
    main(new String[] {String.valueOf(Integer.getInteger("readings", 50))});
  }

  public static void main(String[] args) throws Exception {
    int readings = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    String enterprise = "lat-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    Map<Double, Long> committed = new ConcurrentHashMap<>();
    try (TestDatabase db = TestDatabase.create();
        TestBroker broker = TestBroker.connect()) {
      Vertx vertx = Vertx.vertx();
      IngestConfig d =
          IngestConfig.defaults(
              db.url(), db.config().user(), TestBroker.URL, "bench-" + enterprise);
      MqttConfig m = d.mqtt();
      IngestConfig config =
          d.withMqtt(
              new MqttConfig(
                  m.url(),
                  m.clientId(),
                  m.username(),
                  m.password(),
                  List.of("et/v1/" + enterprise + "/+/+/telemetry"),
                  "",
                  m.sessionExpiry(),
                  m.queueCapacity(),
                  m.reconnectDelay()));
      Gateways.register(db, enterprise + "/plant-1/gw-1");
      IngestApp app = IngestApp.start(vertx, config).await();
      while (!app.mqttConnected()) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      vertx
          .eventBus()
          .<LiveFeed.Batch>localConsumer(LiveFeed.ADDRESS)
          .handler(
              msg -> {
                long now = System.currentTimeMillis();
                for (var r : msg.body().readings()) {
                  if (METER.equals(r.meter())) {
                    committed.putIfAbsent(r.value(), now);
                  }
                }
              });
      // the meter exists before the page opens (a new meter makes the page reload its overview)
      long seq = 0;
      Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      publish(broker, enterprise, ++seq, ts, 100.0);
      while (!committed.containsKey(100.0)) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      TestAccess.of(db)
          .user("bench-" + enterprise, Role.ENTERPRISE_VIEWER, enterprise, List.of(), password);

      ChromeDriver browser = browser();
      try {
        String base = "http://127.0.0.1:" + app.httpPort();
        browser.get(base + "/login.html?next=/overview.html%3Flang%3Den");
        browser.findElement(By.id("username")).sendKeys("bench-" + enterprise);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form#login button[type=submit]")).click();
        JavascriptExecutor js = browser;
        waitFor(
            () ->
                "live"
                        .equals(
                            js.executeScript(
                                "const e = document.getElementById('live-state');"
                                    + " return e && e.dataset.state;"))
                    && "100"
                        .equals(
                            js.executeScript(
                                "const c = document.getElementById('power-"
                                    + METER
                                    + "');"
                                    + " return c && c.textContent;")),
            Duration.ofSeconds(20));
        // the page's own clock: the first time each power text appears, and the frame after
        js.executeScript(
            """
            window.__seen = {};
            const look = () => {
              const c = document.getElementById('power-%s');
              if (!c || window.__seen[c.textContent]) return;
              const text = c.textContent, entry = { dom: Date.now() };
              window.__seen[text] = entry;
              requestAnimationFrame(() => { entry.paint = Date.now(); });
            };
            new MutationObserver(look).observe(document.getElementById('meters'),
              { childList: true, subtree: true, characterData: true });
            """
                .formatted(METER));

        List<long[]> samples = new ArrayList<>(); // publish, commit, dom, paint
        for (int i = 0; i < readings; i++) {
          double value = 200 + i + 0.5; // shown as "200.5", "201.5", ... with lang=en
          String text = String.format(Locale.ROOT, "%.1f", value);
          Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
          long published = System.currentTimeMillis();
          publish(broker, enterprise, ++seq, at, value);
          waitFor(
              () ->
                  js.executeScript(
                          "const e = window.__seen['"
                              + text
                              + "']; return e && e.paint ? [e.dom, e.paint] : null;")
                      != null,
              Duration.ofSeconds(30));
          @SuppressWarnings("unchecked")
          List<Number> seen =
              (List<Number>)
                  js.executeScript(
                      "const e = window.__seen['" + text + "']; return [e.dom, e.paint];");
          Long commit = committed.get(value);
          samples.add(
              new long[] {
                published,
                commit == null ? -1 : commit,
                seen.get(0).longValue(),
                seen.get(1).longValue()
              });
          // readings arrive at irregular moments, not in step with the page's timers
          TimeUnit.MILLISECONDS.sleep(150 + (i * 37) % 400);
        }
        report(samples);
      } finally {
        browser.quit();
        app.stop().await();
        vertx.close().await();
      }
    }
  }

  static void publish(TestBroker broker, String enterprise, long seq, Instant at, double kw) {
    broker.publish(
        "et/v1/" + enterprise + "/plant-1/gw-1/telemetry",
        """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"%s","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"}]}
        """
            .formatted(seq, at, METER, at, kw));
  }

  static ChromeDriver browser() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(java.nio.file.Path.of("/usr/bin/chromium").toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,768",
        "--user-data-dir=" + Files.createTempDirectory("et-chromium-bench-"));
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(java.nio.file.Path.of("/usr/bin/chromedriver").toFile())
            .build(),
        options);
  }

  interface Condition {
    boolean met() throws Exception;
  }

  static void waitFor(Condition c, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!c.met()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not reached within " + within);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  static void report(List<long[]> samples) {
    long[] commitToDom = samples.stream().mapToLong(s -> s[2] - s[1]).toArray();
    long[] publishToDom = samples.stream().mapToLong(s -> s[2] - s[0]).toArray();
    long[] commitToPaint = samples.stream().mapToLong(s -> s[3] - s[1]).toArray();
    long[] publishToCommit = samples.stream().mapToLong(s -> s[1] - s[0]).toArray();
    System.out.printf(
        Locale.ROOT,
        "readings: %d (one at a time), overview in headless Chromium %s%n",
        samples.size(),
        "(lang=en)");
    line("publish -> commit", publishToCommit);
    line("commit  -> DOM", commitToDom);
    line("commit  -> paint", commitToPaint);
    line("publish -> DOM", publishToDom);
  }

  static void line(String what, long[] ms) {
    long[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-18s ms: p50 %d  p95 %d  max %d  (min %d)%n",
        what,
        pct(s, 0.50),
        pct(s, 0.95),
        s[s.length - 1],
        s[0]);
  }

  /** Nearest-rank percentile of sorted values. */
  static long pct(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
