package org.energytrace.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  final ConfigLoader loader =
      new ConfigLoader(Map.of("ET_DB_PASSWORD", "s3cret", "ET_PORT", "9090")::get);

  @Test
  void loadsTheShippedDefaultAndDemoConfigurations() {
    IngestConfig defaults = loader.loadResource("ingest-default.yaml");
    IngestConfig demo = loader.loadResource("ingest-demo.yaml");

    assertThat(defaults.ingest().autoRegister()).isFalse();
    assertThat(defaults.ingest().clockSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.ingest().maxAge()).isEqualTo(Duration.ofDays(400));
    assertThat(defaults.ingest().maxPayloadBytes()).isEqualTo(1 << 20);
    assertThat(defaults.db().password()).isEqualTo("s3cret");
    assertThat(demo.ingest().autoRegister()).isTrue();
  }

  @Test
  void resolvesEnvironmentPlaceholdersWithDefaults() {
    IngestConfig c =
        loader.parse(
            "t.yaml",
            """
            http:
              port: ${ENV:ET_PORT:8080}
            db:
              url: ${ENV:ET_DB_URL:jdbc:postgresql://db:5432/et}
            mqtt:
              url: tcp://broker:1883
              client_id: ingest-1
              shared_group: ingest
            """);

    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.db().url()).isEqualTo("jdbc:postgresql://db:5432/et");
    assertThat(c.mqtt().subscriptions()).contains("$share/ingest/et/v1/+/+/+/telemetry");
  }

  @Test
  void reportsEveryInvalidFieldWithFileLineAndPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "bad.yaml",
                    """
                    http:
                      port: 99999
                    db:
                      url: mysql://x
                      password: plain-text
                    mqtt:
                      url: tcp://broker:1883
                      reconect_delay: PT1S
                    ingest:
                      clock_skew: five minutes
                    """));

    // in the order of the file's lines: they came in the order the checks ran (line 9 before
    // line 2)
    assertThat(e.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "bad.yaml:2: http.port: must be between 0 and 65535, got 99999",
            "bad.yaml:4: db.url: must be a jdbc:postgresql: URL, got 'mysql://x'",
            "bad.yaml:5: db.password: secrets come from the environment: write ${ENV:NAME}, not"
                + " the secret",
            // a missing key at the line of its section
            "bad.yaml:6: mqtt.client_id: is required",
            "bad.yaml:8: mqtt.reconect_delay: unknown field",
            "bad.yaml:10: ingest.clock_skew: must be an ISO-8601 duration such as PT5M or P400D,"
                + " got 'five minutes'");
  }

  @Test
  void readsTheHttpLimitsTheLiveCapsAndTheFramingOriginsOfIssue11() {
    String base =
        """
        db:
          url: jdbc:postgresql://db:5432/et
        mqtt:
          url: tcp://broker:1883
          client_id: x
        """;
    IngestConfig defaults = loader.parse("t.yaml", base);
    IngestConfig set =
        loader.parse(
            "t.yaml",
            base
                + """
                http:
                  max_body_bytes: 65536
                  max_upload_bytes: 4194304
                  upload_dir: /var/lib/energytrace/uploads
                security:
                  live_max_streams_per_principal: 3
                  live_max_streams_per_ip: 200
                  live_reauthorize_every: PT2S
                  refusal_audit_window: PT5M
                  showcase_frame_ancestors: [https://portal.example.gov.vn]
                """);
    ConfigException bad =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "bad.yaml",
                    base
                        + """
                        security:
                          showcase_frame_ancestors: ["*", "https://ok.example.org"]
                        """));

    assertThat(defaults.http().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(defaults.http().uploadDir()).isEmpty();
    assertThat(defaults.security().liveMaxStreamsPerPrincipal()).isEqualTo(10);
    assertThat(defaults.security().liveMaxStreamsPerIp()).isEqualTo(50);
    assertThat(defaults.security().showcaseFrameAncestors()).isEmpty();
    assertThat(set.http().maxUploadBytes()).isEqualTo(4 << 20);
    assertThat(set.http().uploadDir()).isEqualTo("/var/lib/energytrace/uploads");
    assertThat(set.security().liveReauthorizeEvery()).isEqualTo(Duration.ofSeconds(2));
    assertThat(set.security().refusalAuditWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(set.security().showcaseFrameAncestors())
        .containsExactly("https://portal.example.gov.vn");
    assertThat(bad.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "bad.yaml:7: security.showcase_frame_ancestors[0]: is not an origin such as"
                + " https://portal.example.org, got '*'");
  }

  @Test
  void readsTheNumberOfBatchesInFlightAndDefaultsToTwo() {
    String base =
        """
        db:
          url: jdbc:postgresql://db:5432/et
          pool_size: 8
        mqtt:
          url: tcp://broker:1883
          client_id: x
        """;

    assertThat(loader.parse("t.yaml", base).ingest().inFlight()).isEqualTo(2);
    assertThat(loader.parse("t.yaml", base + "ingest:\n  in_flight: 6\n").ingest().inFlight())
        .isEqualTo(6);
  }

  @Test
  void refusesMoreBatchesInFlightThanConnectionsOrOutsideOneToSixteen() {
    // each batch in flight holds a connection until its commit
    ConfigException tooMany =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "t.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                      pool_size: 4
                    mqtt:
                      url: tcp://broker:1883
                      client_id: x
                    ingest:
                      in_flight: 5
                    """));
    ConfigException zero =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "t.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                    mqtt:
                      url: tcp://broker:1883
                      client_id: x
                    ingest:
                      in_flight: 0
                    """));

    assertThat(tooMany.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "t.yaml:8: ingest.in_flight: must not exceed db.pool_size (4): each batch in flight"
                + " needs its own connection, got 5");
    assertThat(zero.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly("t.yaml:7: ingest.in_flight: must be between 1 and 16, got 0");
  }

  @Test
  void refusesARequiredPlaceholderWhoseVariableIsUnset() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "t.yaml",
                    """
                    db:
                      url: ${ENV:NOT_SET}
                    mqtt:
                      url: tcp://broker:1883
                      client_id: x
                    """));

    assertThat(e.problems())
        .extracting(ConfigProblem::problem)
        .containsExactly("environment variable NOT_SET is not set and has no default");
  }

  @Test
  void readsTariffsPerCarrierAndTheGridFactorYearOfTheDashboards() {
    IngestConfig demo = loader.loadResource("ingest-demo.yaml");
    IngestConfig c =
        loader.parse(
            "t.yaml",
            """
            db:
              url: jdbc:postgresql://db:5432/et
            mqtt:
              url: tcp://broker:1883
              client_id: x
            dashboards:
              tariff_per_kwh: 2000
              tariff_per_nm3_gas: 11500.5
              grid_factor_year: 2023
              public_url: https://energy.example.gov.vn/pilot/
            """);

    assertThat(c.dashboards().tariffs().price("electricity").perUnit()).isEqualTo(2000);
    assertThat(c.dashboards().tariffs().price("natural_gas").unit()).isEqualTo("Nm3");
    assertThat(c.dashboards().tariffs().price("natural_gas").perUnit()).isEqualTo(11500.5);
    assertThat(c.dashboards().tariffs().price("diesel")).isNull();
    assertThat(c.dashboards().gridFactorYear()).isEqualTo(2023);
    // the showcase's QR code points at the public address, its trailing slash dropped
    assertThat(c.dashboards().publicUrl()).isEqualTo("https://energy.example.gov.vn/pilot");
    assertThat(loader.loadResource("ingest-default.yaml").dashboards().publicUrl()).isEmpty();
    // the demo prices both of its carriers and states the grid factor year it uses
    assertThat(demo.dashboards().tariffPerNm3Gas()).isPositive();
    assertThat(demo.dashboards().gridFactorYear()).isEqualTo(2023);
    assertThat(loader.loadResource("ingest-default.yaml").dashboards().gridFactorYear()).isNull();
  }

  @Test
  void refusesAGasTariffOrGridFactorYearThatIsNotANumberAndAPublicUrlThatIsNoAddress() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "bad.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                    mqtt:
                      url: tcp://broker:1883
                      client_id: x
                    dashboards:
                      tariff_per_nm3_gas: cheap
                      grid_factor_year: last
                      public_url: energy.example.gov.vn
                    """));

    assertThat(e.problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "bad.yaml:7: dashboards.tariff_per_nm3_gas: must be a number, got 'cheap'",
            "bad.yaml:8: dashboards.grid_factor_year: must be a year such as 2023 (or empty), got"
                + " 'last'",
            "bad.yaml:9: dashboards.public_url: must be an address such as"
                + " https://energy.example.gov.vn (or empty), got 'energy.example.gov.vn'");
  }

  @Test
  void readsTheIntakeBoundsAndTimingsAndRefusesAMaximumReconnectDelayBelowTheFirst() {
    IngestConfig c =
        loader.parse(
            "t.yaml",
            """
            db:
              url: jdbc:postgresql://db:5432/et
            mqtt:
              url: tcp://broker:1883
              client_id: ingest-1
              keep_alive: PT10S
              reconnect_delay: PT1S
              reconnect_max_delay: PT8S
              queue_max_bytes: 1048576
            ingest:
              batch_max_bytes: 2097152
              stall_timeout: PT45S
            """);
    ConfigException bad =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "bad.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                    mqtt:
                      url: tcp://broker:1883
                      client_id: ingest-1
                      reconnect_delay: PT10S
                      reconnect_max_delay: PT5S
                      keep_alive: PT0.5S
                    """));

    assertThat(c.mqtt().keepAlive()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.mqtt().reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(8));
    assertThat(c.mqtt().queueMaxBytes()).isEqualTo(1 << 20);
    assertThat(c.ingest().batchMaxBytes()).isEqualTo(2 << 20);
    assertThat(c.ingest().stallTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(bad.getMessage())
        .contains("bad.yaml:7: mqtt.reconnect_max_delay: must not be shorter than")
        .contains("mqtt.keep_alive: must be between PT1S and PT65535S");
  }

  @Test
  void reportsAYamlSyntaxErrorOnOneLineWithItsLineAndColumn() {
    ConfigException tab =
        catchThrowableOfType(
            ConfigException.class,
            () -> loader.parse("tab.yaml", "db:\n  url: jdbc:postgresql://x/y\n\tuser: a\n"));
    // the tab's own line (Jackson's location says the line before), named as a tab, one line
    assertThat(tab.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "tab.yaml:3: (document): not valid YAML at column 1: a tab character: YAML indents"
                + " with spaces only");

    ConfigException flow =
        catchThrowableOfType(
            ConfigException.class,
            () -> loader.parse("flow.yaml", "db:\n  url: [x\nmqtt:\n  url: y\n"));
    assertThat(flow.problems()).hasSize(1);
    assertThat(flow.problems().get(0).toString())
        .startsWith("flow.yaml:3: (document): not valid YAML at column 5: expected ',' or ']'")
        .endsWith("(parsing a flow sequence from line 2)")
        .doesNotContain("\n");
  }

  @Test
  void namesAKeyGivenTwiceWithBothLinesAsTheGatewayDoes() {
    // it said "dup.yaml:3: not valid YAML: Duplicate Object property "port"", without the section
    ConfigException dup =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "dup.yaml", "http:\n  port: 8080\n  host: 0.0.0.0\n  port: 8081\ndb: {}\n"));
    assertThat(dup.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "dup.yaml:4: http.port: given twice (first on line 2); write each key once");
    // the same key in two sections is no duplicate
    ConfigException other =
        catchThrowableOfType(
            ConfigException.class,
            () -> loader.parse("two.yaml", "http:\n  url: x\ndb:\n  url: y\n  url: z\n"));
    assertThat(other.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly("two.yaml:5: db.url: given twice (first on line 4); write each key once");
  }

  @Test
  void refusesAValueWhereAListBelongsWithItsLineNotTheBindersWords() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "list.yaml",
                    """
                    db:
                      url: jdbc:postgresql://localhost/x
                    mqtt:
                      url: tcp://localhost:1883
                      client_id: x
                      topics: et/v1/+/+/+/telemetry
                    security:
                      showcase_frame_ancestors: https://portal.example.org
                    """));
    assertThat(e.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "list.yaml:6: mqtt.topics: must be a list, was 'et/v1/+/+/+/telemetry'",
            "list.yaml:8: security.showcase_frame_ancestors: must be a list, was"
                + " 'https://portal.example.org'");
  }

  @Test
  void aKeyGivenTwiceIsRefusedWithItsLineNotTheLastOneTaken() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "dup.yaml",
                    """
                    db:
                      url: jdbc:postgresql://localhost/x
                    http:
                      port: 99999
                      port: 8080
                    mqtt:
                      url: tcp://localhost:1883
                      client_id: x
                    """));

    assertThat(e.getMessage()).contains("dup.yaml:5").contains("port");
  }

  @Test
  void wordsWhatThePublishedSchemaRefusesAndNeverShowsASecret() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "bad.yaml",
                    """
                    mqtt:
                      client_id: x
                      queue_capacity: many
                    security:
                      mode: test
                      admin_password: hunter2-literal
                      trust_forwarded_proto: sometimes
                      session_max_age: PT0S
                    dashbords:
                      currency: VND
                    """));

    assertThat(e.problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            // no db section: no line; mqtt.url belongs in the mqtt section of line 1
            "bad.yaml: db.url: is required",
            "bad.yaml:1: mqtt.url: is required",
            "bad.yaml:3: mqtt.queue_capacity: must be an integer, got 'many'",
            "bad.yaml:5: security.mode: must be production or demo, got 'test'",
            "bad.yaml:6: security.admin_password: secrets come from the environment: write"
                + " ${ENV:NAME}, not the secret",
            "bad.yaml:7: security.trust_forwarded_proto: must be true or false, got 'sometimes'",
            "bad.yaml:8: security.session_max_age: must be positive",
            "bad.yaml:9: dashbords: unknown section (expected http, db, mqtt, ingest, security,"
                + " dashboards, integrity, mail)");
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  @Test
  void mailIsOffByDefaultAndBindsTheSmtpServerWithItsPasswordFromTheEnvironment() {
    assertThat(loader.loadResource("ingest-default.yaml").mail().enabled()).isFalse();
    IngestConfig c =
        new ConfigLoader(n -> n.equals("SMTP_PW") ? "s3cret" : null)
            .parse(
                "mail.yaml",
                """
                db:
                  url: jdbc:postgresql://db:5432/et
                mqtt:
                  url: tcp://broker:1883
                  client_id: ingest-1
                mail:
                  smtp_host: smtp.example.vn
                  smtp_port: "${ENV:SMTP_PORT:2525}"
                  from: sxsh@example.vn
                  starttls: OPTIONAL
                  username: et
                  password: ${ENV:SMTP_PW}
                """);
    assertThat(c.mail().enabled()).isTrue();
    assertThat(c.mail().smtpPort()).isEqualTo(2525);
    assertThat(c.mail().starttls()).isEqualTo(MailConfig.StartTls.OPTIONAL);
    assertThat(c.mail().password()).isEqualTo("s3cret");
    assertThat(c.mail().sendEvery()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.mail().toString()).doesNotContain("s3cret");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "mail.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                    mqtt:
                      url: tcp://broker:1883
                      client_id: ingest-1
                    mail:
                      smtp_host: smtp.example.vn
                      starttls: sometimes
                      password: literal-pw
                    """));
    assertThat(e.problems())
        .extracting(ConfigProblem::toString)
        .containsExactlyInAnyOrder(
            "mail.yaml:8: mail.starttls: must be DISABLED, OPTIONAL or REQUIRED, got 'sometimes'",
            "mail.yaml:9: mail.password: secrets come from the environment: write ${ENV:NAME},"
                + " not the secret");
    assertThat(e.getMessage()).doesNotContain("literal-pw");

    ConfigException noFrom =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "mail.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                    mqtt:
                      url: tcp://broker:1883
                      client_id: ingest-1
                    mail:
                      smtp_host: smtp.example.vn
                    """));
    assertThat(noFrom.getMessage()).contains("mail.from must be an e-mail address");
  }

  @Test
  void takesEveryDefaultFromTheSchemaAndLetsTheRecordsRefuseWhatTheSchemaCannotSay() {
    IngestConfig c =
        loader.parse(
            "t.yaml",
            """
            db:
              url: jdbc:postgresql://db:5432/et
            mqtt:
              url: tcp://broker:1883
              client_id: x
            """);
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                loader.parse(
                    "bad.yaml",
                    """
                    db:
                      url: jdbc:postgresql://db:5432/et
                    mqtt:
                      url: tcp://broker:1883
                      client_id: x
                    security:
                      admin_username: Root
                    """));

    assertThat(c.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080));
    assertThat(c.db())
        .isEqualTo(new DbConfig("jdbc:postgresql://db:5432/et", "postgres", "", 4, true));
    assertThat(c.mqtt().sessionExpiry()).isEqualTo(Duration.ofHours(24));
    assertThat(c.mqtt().topics()).hasSize(3);
    assertThat(c.ingest())
        .isEqualTo(
            new PipelineConfig(
                false,
                1 << 20,
                Duration.ofMinutes(5),
                Duration.ofDays(400),
                5000,
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                2));
    assertThat(c.security()).usingRecursiveComparison().isEqualTo(SecurityConfig.defaults());
    assertThat(c.dashboards()).isEqualTo(DashboardConfig.defaults());
    assertThat(c.integrity().serverKeyFile()).isEqualTo(IntegrityConfig.homeKeyFile());
    assertThat(c.integrity().sealGrace()).isEqualTo(IntegrityConfig.DEFAULT_SEAL_GRACE);
    assertThat(e.problems())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "bad.yaml:6: security: admin_username must match ^[a-z0-9][a-z0-9._@-]{0,127}$, got"
                + " 'Root'");
  }
}
