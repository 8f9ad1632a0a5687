package org.energytrace.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.energytrace.ingest.fixtures.Ports.freePort;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.Chromium;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.RunsAlone;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The README's quick start as a newcomer runs it, from the built jar, on a machine where other
 * programs already hold the demo's usual ports 1883, 4840, 5020 and 8080 (issue 13): the demo still
 * starts, prints where it serves and who can sign in, and the readings of its plant arrive; what
 * the user asked for and cannot have stops it at once, naming the port and the option; a dead
 * gateway child stops it non-zero.
 */
@RunsAlone
class DemoQuickStartIT {
  static final Path INGEST_JAR = Path.of("target", "energytrace-ingest.jar");
  static final Path GATEWAY_JAR = Path.of("..", "gateway", "target", "energytrace-gateway.jar");
  static final int[] USUAL_PORTS = {1883, 4840, 5020, 8080};
  static final Pattern OVERVIEW = Pattern.compile("Overview: +(http://localhost:(\\d+)/\\S+)");
  static final Pattern SIGN_IN = Pattern.compile("Sign in: +(http://localhost:(\\d+)/\\S+)");
  static final Pattern CP_SECTION = Pattern.compile("CP section: +(http://localhost:(\\d+)/\\S+)");
  static final Pattern ACCOUNT =
      Pattern.compile("^ {4}([a-z_]+)(?: \\([^)]+\\))? +([a-z0-9.@-]+) +([A-Za-z0-9]{20})$");
  static final Pattern GATEWAY_PID = Pattern.compile("started gateway demo \\(pid (\\d+)\\)");
  static final Pattern BROKER_PID =
      Pattern.compile("started embedded MQTT broker \\(pid (\\d+)\\)");

  final List<ServerSocket> occupied = new ArrayList<>();
  final List<String> output = new CopyOnWriteArrayList<>();
  TestDatabase db;
  Process demo;

  @TempDir Path dataDir;

  @BeforeEach
  void occupyTheUsualPorts() throws IOException {
    assertThat(INGEST_JAR).as("built by package, before failsafe").isRegularFile();
    assertThat(GATEWAY_JAR).as("built by the gateway module's package").isRegularFile();
    for (int port : USUAL_PORTS) {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(false);
      try {
        // every interface: a program that holds only loopback (the local Mosquitto) keeps it
        s.bind(new InetSocketAddress(port));
        occupied.add(s);
      } catch (IOException alreadyTaken) {
        // another program holds it already, which is what the test wants
        s.close();
      }
      assertThat(DemoPorts.free(null, port)).as("port %d is taken", port).isFalse();
    }
    db = TestDatabase.create();
  }

  @AfterEach
  void stop() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroy();
      if (!demo.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
    for (ServerSocket s : occupied) {
      s.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void startsWithTheUsualPortsTakenPrintsWhereAndWhoSpeaksTheReadersLanguageAndStopsWithItsGateway()
      throws Exception {
    demo = start(Map.of(), "--history", "P9D");

    String overview = awaitLine(OVERVIEW, Duration.ofMinutes(2)).group(1);
    Matcher signIn = awaitLine(SIGN_IN, Duration.ofSeconds(5));
    String cpSection = awaitLine(CP_SECTION, Duration.ofSeconds(5)).group(1);
    int port = Integer.parseInt(signIn.group(2));
    assertThat(port).as("8080 is taken: a free port, printed").isNotEqualTo(8080);
    Map<String, String[]> accounts = awaitAccounts();
    assertThat(accounts.keySet())
        .containsExactlyInAnyOrder(
            "system_admin",
            "province_officer",
            "auditor",
            "enterprise_admin",
            "enterprise_viewer",
            "district_officer",
            "park_officer");

    HttpClient anonymous = HttpClient.newHttpClient();
    assertThat(get(anonymous, overview).statusCode()).isEqualTo(200);
    assertThat(get(anonymous, signIn.group(1)).statusCode()).isEqualTo(200);
    assertThat(get(anonymous, cpSection).statusCode()).as("the public CP section").isEqualTo(200);
    Map<String, HttpClient> signedIn = new LinkedHashMap<>();
    for (var a : accounts.entrySet()) {
      HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      HttpResponse<String> login = login(client, port, a.getValue()[0], a.getValue()[1]);
      assertThat(login.statusCode())
          .as("sign-in as %s: %s", a.getKey(), login.body())
          .isEqualTo(200);
      signedIn.put(a.getKey(), client);
    }

    // the simulator's ports were taken: the gateway demo says which it used instead
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(output)
                    .anyMatch(l -> l.contains("port 4840 is taken"))
                    .anyMatch(l -> l.contains("port 5020 is taken")));
    // the plant's readings arrive, for the enterprise's viewer and the province alike
    String readings =
        "http://localhost:"
            + port
            + "/api/v1/enterprises/demo-brewery/meters/line1-em/readings?from="
            // the gateway's: the days before the measure (five with P9D) are loaded directly
            + java.time.Instant.now().minus(Duration.ofDays(1));
    for (String role : List.of("enterprise_viewer", "province_officer")) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                HttpResponse<String> r = get(signedIn.get(role), readings);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(new JsonObject(r.body()).getJsonArray("readings", new JsonArray()))
                    .isNotEmpty();
              });
    }

    // the shortest history the demo takes still seeds its whole story: a baseline fitted and
    // approved, an adjustment, a signed-off period
    awaitLine(Pattern.compile("^demo ready: EnPI plant-sec"), Duration.ofMinutes(3));
    assertThat(output).noneMatch(l -> l.contains("seeding the demo plant failed"));
    // the sign-off went on to the province's registry (the pilot's "savings verified" step and a
    // verified saving per carrier of its EnPI, electricity and gas), which the programme counts
    assertThat(output)
        .anyMatch(l -> l.contains("signed off verified") && l.contains("recorded=true"));
    HttpResponse<String> indicators =
        get(
            signedIn.get("province_officer"),
            "http://localhost:" + port + "/api/v1/programme/indicators");
    assertThat(indicators.statusCode()).as(indicators.body()).isEqualTo(200);
    assertThat(
            new JsonObject(indicators.body())
                .getJsonObject("energy_saved")
                .getJsonObject("verified")
                .getJsonArray("facilities"))
        .as(indicators.body())
        .contains("demo-brewery");

    // every read of the API answers on the demo's data what openapi.yaml says it answers
    DemoAnswers.Checked answers = DemoAnswers.check(signedIn.get("system_admin"), port);
    System.out.println(
        "[answers] checked "
            + answers.operations().size()
            + " reads against openapi.yaml; not read: "
            + answers.skipped());
    assertThat(answers.problems()).isEmpty();
    assertThat(answers.operations())
        .as("the demo's reads checked (not read: %s)", answers.skipped())
        .contains(
            "getEnpiSavings",
            "getShowcase",
            "getProgrammeIndicators",
            "getCpAssessment",
            "getResourceToe")
        .hasSizeGreaterThan(45);

    // every page of every demo role speaks the reader's language: the pages of the roles'
    // navigation, in Vietnamese and in English, on this demo's data (the story seeded: baseline
    // approved, adjustment, period signed off; the labels are those of the README's 395 days; one
    // demo for both checks keeps the suite's time)
    List<String> wrongLanguage = pagesSpeakingTheWrongLanguage(port, accounts);
    wrongLanguage.forEach(p -> System.out.println("[sweep] problem: " + p));
    assertThat(wrongLanguage).isEmpty();

    // the gateway child dies: the demo says so and stops non-zero
    long pid = Long.parseLong(awaitLine(GATEWAY_PID, Duration.ofSeconds(5)).group(1));
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isEqualTo(1);
    assertThat(output)
        .anyMatch(l -> l.contains("the gateway demo (pid " + pid) && l.contains("exited"));
  }

  @Test
  void startsItsOwnBrokerWhereNoneListensAndStopsWhenItDies() throws Exception {
    // a broker URL where nothing listens (the machine's Mosquitto holds 1883 here): the demo runs
    // the gateway jar's embedded broker there as a second child
    int port = freePort();
    // and the simulator's ports asked for: passed down to the gateway demo
    int opcUa = freePort();
    int modbus = freePort();
    demo =
        start(
            Map.of(),
            "--history",
            "P9D",
            "--mqtt",
            "tcp://localhost:" + port,
            "--opcua-port",
            "" + opcUa,
            "--modbus-port",
            "" + modbus);
    long brokerPid = Long.parseLong(awaitLine(BROKER_PID, Duration.ofMinutes(1)).group(1));
    int http = Integer.parseInt(awaitLine(SIGN_IN, Duration.ofMinutes(2)).group(2));
    String[] viewer = awaitAccounts().get("enterprise_viewer");
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(login(client, http, viewer[0], viewer[1]).statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              HttpResponse<String> r =
                  get(
                      client,
                      "http://localhost:"
                          + http
                          + "/api/v1/enterprises/demo-brewery/meters/line1-em/readings"
                          // the gateway's, not the history loaded before it started
                          + "?from="
                          + java.time.Instant.now().minus(Duration.ofDays(1)));
              assertThat(new JsonObject(r.body()).getJsonArray("readings", new JsonArray()))
                  .isNotEmpty();
            });
    assertThat(output)
        .anyMatch(l -> l.contains("started an embedded one at tcp://127.0.0.1:" + port))
        .anyMatch(
            l ->
                l.contains("demo: running")
                    && l.contains("opc.tcp://127.0.0.1:" + opcUa + "/")
                    && l.contains("Modbus TCP 127.0.0.1:" + modbus));

    ProcessHandle.of(brokerPid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isEqualTo(1);
    assertThat(output)
        .anyMatch(
            l -> l.contains("the embedded MQTT broker (pid " + brokerPid) && l.contains("exited"));
  }

  @Test
  void aTakenPortTheUserAskedForStopsTheDemoAtOnceNamingItsOption() throws Exception {
    int held = occupied.isEmpty() ? 8080 : occupied.get(0).getLocalPort();
    demo = start(Map.of(), "--port", String.valueOf(held));
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isEqualTo(2);
    assertThat(output).anyMatch(l -> l.contains("port " + held) && l.contains("--port"));
  }

  @Test
  void theEnvironmentGivesThePortsWhenNoOptionDoes() throws Exception {
    // ET_HTTP_PORT is read (the option's default used to override it): a taken one is named
    demo = start(Map.of("ET_HTTP_PORT", "8080"));
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isEqualTo(2);
    assertThat(output).anyMatch(l -> l.contains("ET_HTTP_PORT=8080") && l.contains("--port"));

    output.clear();
    demo = start(Map.of("ET_OPCUA_PORT", "4840"));
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isEqualTo(2);
    assertThat(output)
        .anyMatch(l -> l.contains("ET_OPCUA_PORT=4840") && l.contains("--opcua-port"));
  }

  @Test
  void aHistoryTooShortForTheBaselineIsRefusedAtOnce() throws Exception {
    // P1D put the measure on the history's first day: seeding failed later with "to is before
    // from"; P2D to P8D left the baseline fewer days than its model's four parameters need
    demo = start(Map.of(), "--history", "P8D");
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isEqualTo(2);
    assertThat(output)
        .anyMatch(l -> l.contains("--history PT192H is too short") && l.contains("give P9D"));
  }

  @Test
  void demoHelpPrintsTheOptions() throws Exception {
    demo = start(Map.of(), "--help");
    await().atMost(Duration.ofSeconds(60)).until(() -> !demo.isAlive());
    assertThat(demo.exitValue()).isZero();
    assertThat(String.join("\n", output))
        .contains("--port", "--db-url", "--mqtt", "--opcua-port", "--modbus-port", "ET_HTTP_PORT")
        .doesNotContain("Unknown option");
  }

  /**
   * What the demo's data holds that is no English word of the pages: its enterprise, site, meter,
   * product, EnPI and CP assessment codes, the brand, and "Than đá" (coal, a resource the demo
   * brewery named in Vietnamese: "than" is an English word too). The account names are added.
   */
  static final List<String> DEMO_CODES =
      List.of(
          "EnergyTrace",
          "demo-brewery",
          "plant-1",
          "line1-em",
          "line2-em",
          "line3-em",
          "boiler-gas",
          "water-main",
          // a meter's code ("steam" is a word of the pages since every carrier has a name)
          "steam-main",
          "crate-beer",
          "can-beer",
          "keg-beer",
          "plant-sec",
          "sxsh-nau-lohoi",
          "dao-tao-can-bo-sxsh",
          "Than đá");

  /**
   * The roles whose pages are read: the others' are subsets of these (a viewer's of the enterprise
   * administrator's, an area officer's of the province officer's), which keeps the sweep within the
   * suite's time.
   */
  static final List<String> SWEPT_ROLES =
      List.of("system_admin", "enterprise_admin", "auditor", "province_officer");

  /** The roles whose pages are also read in English (the system administrator's are all). */
  static final List<String> ENGLISH_ROLES = List.of("system_admin");

  /**
   * Pages every role is shown alike (public; the plant's data, whose labels do not depend on the
   * role; one's own password): read once per language.
   */
  static final List<String> ALIKE_FOR_EVERY_ROLE =
      List.of("/cp.html", "/showcase.html", "/overview.html", "/trends.html", "/", "/meter.html");

  /**
   * Signs in as each demo account of {@link #SWEPT_ROLES} in a headless Chromium and opens every
   * page of its header's navigation (and the first meter's page the overview links to) in
   * Vietnamese, once the page's data has arrived; for {@link #ENGLISH_ROLES} in English too. Every
   * English word left on a Vietnamese page ({@link PageChecks#englishInVietnamese}; codes the page
   * marks {@code translate="no"} are codes) and every Vietnamese label left whole on an English
   * page, as "role page (lang): problem".
   */
  private List<String> pagesSpeakingTheWrongLanguage(int port, Map<String, String[]> accounts)
      throws IOException {
    List<String> problems = new ArrayList<>();
    java.util.Set<String> readOnce = new java.util.HashSet<>();
    ChromeDriver browser = Chromium.start("--lang=vi-VN", "--window-size=1366,768");
    try {
      for (var a : accounts.entrySet()) {
        String role = a.getKey();
        if (!SWEPT_ROLES.contains(role)) {
          continue;
        }
        List<String> allowed = new ArrayList<>(DEMO_CODES);
        accounts.values().forEach(x -> allowed.add(x[0]));
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + port + "/login.html?lang=vi");
        BrowserSession.submitSignIn(browser, a.getValue()[0], a.getValue()[1]);
        // the role's links are added once the header knows who signed in
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> !browser.findElements(By.cssSelector("header#top #who button")).isEmpty());
        List<String> pages = new ArrayList<>();
        for (WebElement link : browser.findElements(By.cssSelector("header#top nav a"))) {
          String href = link.getAttribute("href");
          if (!pages.contains(href)) {
            pages.add(href);
          }
        }
        assertThat(pages).as("%s's navigation", role).hasSizeGreaterThan(4);
        for (String lang : ENGLISH_ROLES.contains(role) ? List.of("vi", "en") : List.of("vi")) {
          for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            String path = URI.create(page).getPath();
            boolean alike =
                ALIKE_FOR_EVERY_ROLE.contains(path)
                    || (path.equals("/accounts.html") && !role.endsWith("admin"));
            if (alike && !readOnce.add(path + " " + lang)) {
              continue;
            }
            long began = System.nanoTime();
            browser.get(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
            String where = role + " " + path + " (" + lang + "): ";
            awaitSettled(browser);
            if (page.contains("/overview.html")) {
              // read in the page: the overview renders its table again as readings arrive
              Object meter =
                  browser.executeScript(
                      "const a = document.querySelector(\"main a[href*='/meter.html']\");"
                          + " return a ? a.href : null;");
              if (meter != null && !pages.contains(meter.toString())) {
                pages.add(meter.toString());
              }
            }
            int panels = showcasePanels(browser);
            for (int panel = 0; panel < panels; panel++) {
              List<String> found;
              if (lang.equals("vi")) {
                List<String> codes = new ArrayList<>(allowed);
                codes.addAll(codesOf(browser));
                found = PageChecks.englishInVietnamese(browser, codes);
              } else {
                found = vietnameseLabelsInEnglish(browser);
              }
              found.forEach(p -> problems.add(where + p));
              if (panels > 1) {
                browser.findElement(By.id("next")).click();
              }
            }
            System.out.printf("[sweep] %s%d ms%n", where, (System.nanoTime() - began) / 1_000_000);
          }
        }
      }
    } finally {
      browser.quit();
    }
    return problems.stream().distinct().toList();
  }

  /**
   * Waits until the page has loaded its data: its text, numbers aside (live values change), the
   * same on three looks a fifth of a second apart, at most 20 s.
   */
  private static void awaitSettled(ChromeDriver browser) {
    String[] last = {null};
    int[] same = {0};
    await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ofMillis(200))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Object t =
                  browser.executeScript(
                      "return document.readyState === 'complete' && document.body"
                          + " ? document.body.innerText : null");
              String now = t == null ? null : t.toString().replaceAll("[0-9]", "");
              same[0] = now != null && !now.isBlank() && now.equals(last[0]) ? same[0] + 1 : 0;
              last[0] = now;
              return same[0] >= 2;
            });
  }

  /** The showcase's panels, paused, to check each: 1 on any other page. */
  private static int showcasePanels(ChromeDriver browser) {
    List<WebElement> pos = browser.findElements(By.id("panel-pos"));
    if (pos.isEmpty() || browser.findElements(By.id("pause")).isEmpty()) {
      return 1;
    }
    Matcher m = Pattern.compile("/ *(\\d+)").matcher(pos.get(0).getText());
    if (!m.find()) {
      return 1;
    }
    browser.findElement(By.id("pause")).click();
    return Integer.parseInt(m.group(1));
  }

  /**
   * The texts the page marks as not to be translated ({@code translate="no"}: the audit log's
   * action codes and target paths), each text of them.
   */
  @SuppressWarnings("unchecked")
  static List<String> codesOf(ChromeDriver browser) {
    return (List<String>)
        browser.executeScript(
            """
            const out = [];
            for (const e of document.querySelectorAll('[translate="no"]')) {
              const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
              for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.trim()) out.push(n.data.trim());
            }
            return out.sort((x, y) => y.length - x.length);
            """);
  }

  /**
   * Every Vietnamese label of the pages ({@code i18n.js}: one whose Vietnamese differs from its
   * English), values put in it or not, that is the whole of a visible text, an {@code aria-label}
   * or a {@code title} of a page shown in English. Data in Vietnamese (an enterprise's, a
   * district's or a resource's name) is no label and not reported.
   */
  @SuppressWarnings("unchecked")
  static List<String> vietnameseLabelsInEnglish(ChromeDriver browser) {
    return (List<String>)
        browser.executeScript(
            """
            return (async () => {
            const { vocabulary } = await import("/js/i18n.js");
            const voc = vocabulary(), labels = [];
            const vi = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
            voc.vi.forEach((v, i) => {
              if (v === voc.en[i] || !vi.test(v)) return;
              const parts = v.trim().split(/\\{\\w+\\}/)
                .map(p => p.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&"));
              labels.push([v, new RegExp("^" + parts.join("[\\\\s\\\\S]*?") + "$")]);
            });
            const out = [];
            const check = (text, where) => {
              const s = String(text == null ? "" : text).trim();
              if (!s || !vi.test(s)) return;
              const l = labels.find(([, re]) => re.test(s));
              if (l) out.push("label '" + l[0].slice(0, 60) + "' in " + where + ": '" + s.slice(0, 100) + "'");
            };
            const other = el => { const l = el.closest("[lang]"); return l && l !== document.documentElement && l.lang !== document.documentElement.lang; };
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const el = node.parentElement;
              if (!el || el.closest("script, style, [hidden]") || !el.getClientRects().length || other(el)) continue;
              check(node.data, "<" + el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + ">");
            }
            for (const el of document.querySelectorAll("[aria-label], [title]")) {
              if (other(el)) continue;
              check(el.getAttribute("aria-label"), "aria-label");
              check(el.getAttribute("title"), "title");
            }
            return out;
            })();
            """);
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(INGEST_JAR.toString());
    command.add("demo");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    for (String name :
        List.of(
            "ET_HTTP_PORT",
            "ET_MQTT_URL",
            "ET_OPCUA_PORT",
            "ET_MODBUS_PORT",
            "ET_GATEWAY_HTTP",
            "ET_DEMO_ENTERPRISE")) {
      e.remove(name);
    }
    e.put("ET_DB_URL", db.url());
    e.put("PGUSER", db.server().user());
    e.put("ET_DATA_DIR", dataDir.resolve("gateway").toString());
    // its own broker session: a later demo on this machine must not receive this one's backlog
    e.put("ET_MQTT_CLIENT_ID", "et-quickstart-it-" + java.util.UUID.randomUUID());
    e.putAll(env);
    Process p = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  output.add(line);
                  System.out.println("[demo] " + line);
                }
              } catch (IOException gone) {
                // the demo stopped
              }
            },
            "demo-output");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  private Matcher awaitLine(Pattern pattern, Duration within) {
    Matcher[] found = new Matcher[1];
    await()
        .atMost(within)
        .until(
            () -> {
              for (String line : output) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                  found[0] = m;
                  return true;
                }
              }
              assertThat(demo.isAlive()).as("the demo is running: %s", output).isTrue();
              return false;
            });
    return found[0];
  }

  /** The printed accounts, once the last is printed. */
  private Map<String, String[]> awaitAccounts() {
    awaitLine(Pattern.compile("Stop with Ctrl-C"), Duration.ofSeconds(10));
    return accounts();
  }

  /** The printed accounts: role → (username, password). */
  private Map<String, String[]> accounts() {
    Map<String, String[]> accounts = new LinkedHashMap<>();
    for (String line : output) {
      Matcher m = ACCOUNT.matcher(line);
      if (m.matches()) {
        accounts.put(m.group(1), new String[] {m.group(2), m.group(3)});
      }
    }
    return accounts;
  }

  static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> login(HttpClient client, int port, String user, String password)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("username", user).put("password", password).encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
