package org.energytrace.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.fixtures.Examples;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.metrics.IngestMetrics;
import org.energytrace.ingest.model.Incoming;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.registry.PgRegistry.ChannelSpec;
import org.energytrace.ingest.registry.PgRegistry.GatewaySpec;
import org.energytrace.ingest.registry.PgRegistry.MeterSpec;
import org.energytrace.ingest.validate.MessageValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store against the real database, without MQTT. */
class PgIngestStoreIT {
  static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
  static TestDatabase db;
  static Database database;
  final MessageValidator validator =
      new MessageValidator(
          Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20, Duration.ofMinutes(5), Duration.ofDays(400));

  @BeforeAll
  static void migrate() {
    db = TestDatabase.create();
    database = Database.open(db.config());
    database.migrate();
    // auto-registration adds meters and channels only: the gateways are registered first
    Gateways.register(
        database.dataSource(),
        "golden/plant-1/gw-demo-01",
        "strict-co/plant-1/gw-1",
        "unit-co/plant-1/gw-1",
        "whr-co/plant-1/gw-1",
        "spike-co/plant-1/gw-spike",
        "counter-co/plant-1/gw-1",
        "kind-co/plant-1/gw-1",
        "concurrent-co/plant-1/gw-1",
        "seq-co/plant-1/gw-1",
        "seq-co/plant-1/gw-2",
        "seq-co/plant-1/gw-3",
        "seq-co/plant-1/gw-4");
  }

  @AfterAll
  static void drop() {
    database.close();
    db.close();
  }

  Incoming incoming(String topic, byte[] payload) {
    return new Incoming(topic, payload, NOW, validator.validate(topic, payload));
  }

  @Test
  // the last will (no ts, stamped with its arrival) is newer than the online message
  void storesTheGoldenExamplesOfEveryKindInOneBatch() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    List<Incoming> batch =
        Examples.jsonFiles(Examples.VALID).stream()
            .map(
                p ->
                    incoming(
                        Examples.topicFor(p).replace("demo-brewery", "golden"), Examples.bytes(p)))
            .toList();

    // what the examples hold, counted from the files (examples are added with the contract)
    int points = 0;
    int counts = 0;
    long lastSeq = 0;
    tools.jackson.databind.json.JsonMapper json =
        tools.jackson.databind.json.JsonMapper.builder().build();
    for (var p : Examples.jsonFiles(Examples.VALID)) {
      var root = json.readTree(Examples.bytes(p));
      points += root.path("points").size();
      counts += root.path("counts").size();
      lastSeq = Math.max(lastSeq, root.path("seq").asLong(0));
    }

    BatchResult first = store.write(batch);
    BatchResult replay = store.write(batch);

    assertThat(points).isGreaterThanOrEqualTo(4);
    assertThat(first.stored()).hasSize(points);
    assertThat(first.productionStored()).isEqualTo(counts).isGreaterThanOrEqualTo(3);
    assertThat(replay.stored()).isEmpty();
    assertThat(replay.duplicates()).isEqualTo(points);
    assertThat(replay.productionStored()).isZero();
    assertThat(
            db.count(
                "select count(*) from gateway where code = 'gw-demo-01' and status = 'offline'"
                    + " and last_seq = "
                    + lastSeq))
        .isEqualTo(1);
  }

  @Test
  void quarantinesPointsOfUnknownMetersWhenAutoRegistrationIsOff() {
    PgIngestStore registering = new PgIngestStore(database.dataSource(), true);
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);
    String topic = "et/v1/strict-co/plant-1/gw-1/telemetry";
    String known =
        """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"2026-11-29T08:00:01Z","points":[
         {"meter":"known-em","channel":"AcActivePowerTotal","ts":"2026-11-29T08:00:00Z","value":1,"unit":"KWT","quality":"good"}]}
        """;
    registering.write(List.of(incoming(topic, known.getBytes(StandardCharsets.UTF_8))));
    String mixed =
        """
        {"schema_version":1,"gateway":"gw-1","seq":2,"sent_at":"2026-11-29T08:01:01Z","points":[
         {"meter":"known-em","channel":"AcActivePowerTotal","ts":"2026-11-29T08:01:00Z","value":2,"unit":"KWT","quality":"good"},
         {"meter":"stranger-em","channel":"AcActivePowerTotal","ts":"2026-11-29T08:01:00Z","value":3,"unit":"KWT","quality":"good"}]}
        """;

    BatchResult result =
        strict.write(List.of(incoming(topic, mixed.getBytes(StandardCharsets.UTF_8))));

    assertThat(result.stored()).extracting(StoredReading::meter).containsExactly("known-em");
    assertThat(result.quarantined()).isEqualTo(1);
    assertThat(
            db.count(
                "select count(*) from quarantine where reason like"
                    + " '%stranger-em%unknown meter or channel (ingest.auto_register is off and gateway%'"))
        .isEqualTo(1);
    assertThat(db.count("select count(*) from meter where code = 'stranger-em'")).isZero();
  }

  @Test
  // units are normalised once at the edge: W on a kW channel is stored in kW; the original unit and
  // factor stay on the channel
  void normalisesACommensurableUnitAndRefusesAnIncommensurableOne() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/unit-co/plant-1/gw-1/telemetry";
    String kw =
        """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"2026-11-29T08:00:01Z","points":[
         {"meter":"m1","channel":"AcActivePowerTotal","ts":"2026-11-29T08:00:00Z","value":1,"unit":"KWT","quality":"good"}]}
        """;
    store.write(List.of(incoming(topic, kw.getBytes(StandardCharsets.UTF_8))));

    BatchResult watts =
        store.write(
            List.of(
                incoming(
                    topic,
                    kw.replace("KWT", "WTT")
                        .replace("\"value\":1", "\"value\":2500")
                        .replace("08:00:00Z", "08:00:10Z")
                        .getBytes(StandardCharsets.UTF_8))));
    BatchResult volts =
        store.write(
            List.of(
                incoming(
                    topic,
                    kw.replace("KWT", "VLT")
                        .replace("08:00:00Z", "08:00:20Z")
                        .getBytes(StandardCharsets.UTF_8))));

    assertThat(watts.stored()).hasSize(1);
    assertThat(watts.stored().get(0).value()).isEqualTo(2.5);
    assertThat(watts.stored().get(0).unit()).isEqualTo("KWT");
    assertThat(volts.stored()).isEmpty();
    assertThat(volts.quarantined()).isEqualTo(1);
    assertThat(lastReason("et/v1/unit-co/%"))
        .contains("unit 'VLT' cannot be converted to the channel's unit 'KWT'");
  }

  @Test
  void storesAChannelPublishedInWattHoursInKilowattHoursKeepingTheOriginalUnit() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/whr-co/plant-1/gw-1/telemetry";
    String wh =
        """
        {"schema_version":1,"gateway":"gw-1","seq":1,"sent_at":"2026-11-29T08:00:01Z","points":[
         {"meter":"m1","channel":"Energy","ts":"%s","value":%s,"unit":"WHR","quality":"good","kind":"counter","counter_bits":16}]}
        """;
    write(store, topic, wh.formatted("2026-11-29T08:00:00Z", 65_000));
    write(
        store, topic, wh.formatted("2026-11-29T08:01:00Z", 500)); // wrap of the 16-bit Wh register
    // a drop is decided once the glitch window (3 readings) has passed
    write(store, topic, wh.formatted("2026-11-29T08:02:00Z", 600));
    write(store, topic, wh.formatted("2026-11-29T08:03:00Z", 700));
    write(store, topic, wh.formatted("2026-11-29T08:04:00Z", 800));

    assertThat(
            db.count(
                "select count(*) from channel c join enterprise e using (enterprise_id)"
                    + " where e.code = 'whr-co' and c.unit = 'KWH' and c.original_unit = 'WHR'"
                    + " and c.unit_factor = 0.001"))
        .isEqualTo(1);
    assertThat(
            db.count(
                "select count(*) from reading r join enterprise e using (enterprise_id)"
                    + " where e.code = 'whr-co' and r.value in (65, 0.5)"))
        .isEqualTo(2);
    // the register range is 65.536 kWh once normalised: (65.536 - 65) + 0.5 = 1.036 kWh
    assertThat(
            db.count(
                "select round(sum(energy) * 1000) from interval_energy i join enterprise e"
                    + " using (enterprise_id) where e.code = 'whr-co' and how = 'wrap'"))
        .isEqualTo(1036);
  }

  @Test
  void aLateOutlierBetweenTwoStoredReadingsIsSkippedAsASpikeNotBookedAsAReset() {
    // the auditor's finding: one reading 5 000 kWh too high, arriving late inside a stored quarter
    // hour, was booked as a rise and the way back down as a reset of the whole register value
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/spike-co/plant-1/gw-spike/telemetry";
    String kwh =
        """
        {"schema_version":1,"gateway":"gw-spike","seq":1,"sent_at":"2026-11-29T08:00:01Z","points":[
         {"meter":"m1","channel":"Energy","ts":"%s","value":%s,"unit":"KWH","quality":"good","kind":"counter","counter_bits":32}]}
        """;
    for (int q = 0; q <= 8; q++) {
      BatchResult br =
          write(
              store,
              topic,
              kwh.formatted(
                  Instant.parse("2026-11-29T08:00:00Z").plusSeconds(30L * q), 1_085_000 + 40 * q));
      assertThat(br.quarantined()).as(lastReason("et/v1/spike-co/%")).isZero();
    }
    String energy =
        "select round(sum(energy)) from interval_energy i join enterprise e using (enterprise_id)"
            + " where e.code = 'spike-co'";
    assertThat(db.count(energy)).isEqualTo(320);

    write(store, topic, kwh.formatted("2026-11-29T08:01:45Z", 1_090_080));

    assertThat(db.count(energy)).as("the day's energy is what the track says").isEqualTo(320);
    assertThat(
            db.count(
                "select count(*) from interval_energy i join enterprise e using (enterprise_id)"
                    + " where e.code = 'spike-co' and how = 'reset'"))
        .isZero();
    assertThat(
            db.count(
                "select count(*) from reading r join enterprise e using (enterprise_id)"
                    + " where e.code = 'spike-co' and r.value = 1090080"))
        .as("the outlier is kept as read")
        .isEqualTo(1);
  }

  static String power(String gateway, String meter, int seq, String ts, double value) {
    return """
        {"schema_version":1,"gateway":"%s","seq":%d,"sent_at":"%s","points":[
         {"meter":"%s","channel":"AcActivePowerTotal","ts":"%s","value":%s,"unit":"KWT","quality":"good"}]}
        """
        .formatted(gateway, seq, ts, meter, ts, value);
  }

  BatchResult write(PgIngestStore store, String topic, String payload) {
    return store.write(List.of(incoming(topic, payload.getBytes(StandardCharsets.UTF_8))));
  }

  String lastReason(String like) {
    try (var c = db.connect();
        var ps =
            c.prepareStatement(
                "select reason from quarantine where topic like ? order by quarantine_id desc"
                    + " limit 1")) {
      ps.setString(1, like);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long lastQuarantineId() {
    return db.count("select max(quarantine_id) from quarantine");
  }

  @Test
  void refusesAGatewayPublishingForAnotherEnterpriseWithAPreciseReason() {
    PgRegistry registry = new PgRegistry(database.dataSource(), () -> {});
    registry.putGateway(new GatewaySpec("owner-co", "gw-owned", "plant-1", List.of(), true));
    registry.putGateway(new GatewaySpec("victim-co", "gw-victim", "plant-1", List.of(), true));
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);

    BatchResult r =
        write(
            strict,
            "et/v1/victim-co/plant-1/gw-owned/telemetry",
            power("gw-owned", "m1", 1, "2026-11-29T08:00:00Z", 1));

    assertThat(r.stored()).isEmpty();
    assertThat(r.quarantined()).isEqualTo(1);
    assertThat(lastReason("et/v1/victim-co/%"))
        .isEqualTo(
            "topic: gateway 'gw-owned' belongs to another enterprise and may not publish for"
                + " enterprise 'victim-co'");
  }

  @Test
  void aChannelRegisteredWithTheWrongKindIsCorrectedUntilItHasReadings() {
    // a counter registered as a gauge had every point refused, and "unit and kind cannot
    // change" kept it so: nothing was stored that the correction could change the meaning of
    PgRegistry registry = new PgRegistry(database.dataSource(), () -> {});
    registry.putGateway(new GatewaySpec("kindfix-co", "gw-1", "plant-1", List.of(), true));
    ChannelSpec asGauge = new ChannelSpec("AcActiveEnergyTotalImport", "KWH", "gauge", null);
    ChannelSpec asCounter = new ChannelSpec("AcActiveEnergyTotalImport", "KWH", "counter", 16);
    registry.putMeter(new MeterSpec("kindfix-co", "em", "plant-1", "gw-1", List.of(asGauge)));
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);
    String topic = "et/v1/kindfix-co/plant-1/gw-1/telemetry";

    BatchResult refused = write(strict, topic, counter(1, "2026-11-29T08:00:00Z", 1_000));
    registry.putMeter(new MeterSpec("kindfix-co", "em", "plant-1", "gw-1", List.of(asCounter)));
    strict.forgetRegistry();
    BatchResult stored = write(strict, topic, counter(2, "2026-11-29T08:01:00Z", 1_001));

    assertThat(refused.stored()).isEmpty();
    assertThat(refused.quarantined()).isEqualTo(1);
    assertThat(stored.stored()).hasSize(1);
    assertThat(
            db.text(
                "SELECT string_agg(ch.kind || '/' || coalesce(ch.counter_bits::text, '-'), ',')"
                    + " FROM channel ch JOIN meter m USING (meter_id)"
                    + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
                    + " WHERE e.code = 'kindfix-co'"))
        .isEqualTo("counter/16");
    // with a reading stored, the kind stays: the readings were read as a counter's
    assertThatThrownBy(
            () ->
                registry.putMeter(
                    new MeterSpec("kindfix-co", "em", "plant-1", "gw-1", List.of(asGauge))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is registered as counter")
        .hasMessageContaining("cannot change once it has readings");
  }

  @Test
  void refusesASiteTheGatewayIsNotGrantedAndAcceptsItOnceGranted() {
    PgRegistry registry = new PgRegistry(database.dataSource(), () -> {});
    registry.putGateway(new GatewaySpec("sites-co", "gw-1", "plant-1", List.of(), true));
    registry.putGateway(new GatewaySpec("sites-co", "gw-other", "plant-2", List.of(), true));
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);
    String topic = "et/v1/sites-co/plant-2/gw-1/telemetry";

    BatchResult refused = write(strict, topic, power("gw-1", "m2", 1, "2026-11-29T08:00:00Z", 1));
    registry.putGateway(new GatewaySpec("sites-co", "gw-1", "plant-1", List.of("plant-2"), true));
    strict.forgetRegistry();
    BatchResult granted = write(strict, topic, power("gw-1", "m2", 2, "2026-11-29T08:01:00Z", 2));

    assertThat(refused.stored()).isEmpty();
    assertThat(lastReason(topic))
        .isEqualTo(
            "topic: gateway 'gw-1' may not publish for site 'plant-2' (not its own site and not"
                + " granted in gateway_site)");
    assertThat(granted.stored()).extracting(StoredReading::site).containsExactly("plant-2");
  }

  @Test
  // auto-registration is a per-gateway policy: a commissioning gateway may add meters, others not
  void registersNewMetersOnlyForGatewaysWhosePolicyAllowsIt() {
    PgRegistry registry = new PgRegistry(database.dataSource(), () -> {});
    registry.putGateway(new GatewaySpec("policy-co", "gw-open", "plant-1", List.of(), true));
    registry.putGateway(new GatewaySpec("policy-co", "gw-closed", "plant-1", List.of(), false));
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);

    BatchResult open =
        write(
            strict,
            "et/v1/policy-co/plant-1/gw-open/telemetry",
            power("gw-open", "new-em", 1, "2026-11-29T08:00:00Z", 1));
    BatchResult closed =
        write(
            strict,
            "et/v1/policy-co/plant-1/gw-closed/telemetry",
            power("gw-closed", "other-em", 1, "2026-11-29T08:00:00Z", 1));

    assertThat(open.stored()).extracting(StoredReading::meter).containsExactly("new-em");
    assertThat(closed.stored()).isEmpty();
    assertThat(lastReason("%gw-closed%"))
        .contains("other-em")
        .contains("unknown meter or channel")
        .contains("gateway 'gw-closed' may not register meters");
  }

  @Test
  void reprocessesAQuarantinedMessageOnceItsMeterIsRegisteredAndNeverCountsItTwice() {
    PgRegistry registry = new PgRegistry(database.dataSource(), () -> {});
    registry.putGateway(new GatewaySpec("fix-co", "gw-1", "plant-1", List.of(), false));
    PgIngestStore strict = new PgIngestStore(database.dataSource(), false);
    String topic = "et/v1/fix-co/plant-1/gw-1/telemetry";
    String payload = power("gw-1", "late-em", 1, "2026-11-29T08:00:00Z", 42.5);
    write(strict, topic, payload);
    long id = lastQuarantineId();
    Incoming again = incoming(topic, payload.getBytes(StandardCharsets.UTF_8));

    PgIngestStore.Reprocessed stillUnknown = strict.reprocess(id, again);
    registry.putMeter(
        new MeterSpec(
            "fix-co",
            "late-em",
            "plant-1",
            "gw-1",
            List.of(new ChannelSpec("AcActivePowerTotal", "KWT", "gauge", null))));
    strict.forgetRegistry();
    PgIngestStore.Reprocessed released = strict.reprocess(id, again);

    assertThat(stillUnknown.released()).isFalse();
    assertThat(stillUnknown.reason()).contains("late-em").contains("unknown meter or channel");
    assertThat(released.released()).isTrue();
    assertThat(released.result().stored()).hasSize(1);
    assertThat(
            db.count(
                "select count(*) from quarantine where quarantine_id = "
                    + id
                    + " and status = 'released' and attempts = 2"))
        .isEqualTo(1);
    assertThatThrownBy(() -> strict.reprocess(id, again)).isInstanceOf(NotFoundException.class);
    assertThat(
            db.count(
                "select count(*) from reading r join channel c using (channel_id)"
                    + " join meter m using (meter_id) where m.code = 'late-em'"))
        .isEqualTo(1);
  }

  static String counter(int seq, String ts, double value) {
    return """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[
         {"meter":"em","channel":"AcActiveEnergyTotalImport","ts":"%s","value":%s,"unit":"KWH","quality":"good","kind":"counter","counter_bits":16}]}
        """
        .formatted(seq, ts, ts, value);
  }

  @Test
  void quarantinesAPointWhoseKindOrCounterWidthContradictsItsRegisteredChannel() {
    // a fault-injection review published "kind":"gauge" and "counter_bits":16 for registered
    // counters: both values were stored among the counters' readings, taken for glitches, unsaid
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/kind-co/plant-1/gw-1/telemetry";
    write(store, topic, counter(1, "2026-11-29T08:00:00Z", 1_000)); // registers a 16-bit counter
    String gauge =
        counter(2, "2026-11-29T08:01:00Z", 5)
            .replace(",\"kind\":\"counter\",\"counter_bits\":16", "");
    String wider =
        counter(3, "2026-11-29T08:02:00Z", 5).replace("\"counter_bits\":16", "\"counter_bits\":32");
    BatchResult g = write(store, topic, gauge);
    assertThat(lastReason("et/v1/kind-co/%"))
        .isEqualTo(
            "meter 'em' channel 'AcActiveEnergyTotalImport' at 2026-11-29T08:01:00Z: the point is"
                + " a gauge (no kind given is a gauge) and the channel a registered counter:"
                + " correct the gateway's point or the channel's registration");
    BatchResult w = write(store, topic, wider);
    assertThat(lastReason("et/v1/kind-co/%"))
        .isEqualTo(
            "meter 'em' channel 'AcActiveEnergyTotalImport' at 2026-11-29T08:02:00Z:"
                + " counter_bits 32 differs from the channel's registered 16: correct the"
                + " gateway's point or the channel's registration");
    assertThat(g.stored()).isEmpty();
    assertThat(w.stored()).isEmpty();
    // the counter goes on as it was: only its own reading is stored
    assertThat(
            db.count(
                "select count(*) from reading r join channel c using (channel_id)"
                    + " join enterprise e on e.enterprise_id = c.enterprise_id"
                    + " where e.code = 'kind-co'"))
        .isEqualTo(1);
  }

  @Test
  // counters -> interval energy in the write transaction; a late reading recomputes around it
  void derivesIntervalEnergyFromACounterAcrossAWrapAndRecomputesWhenALateReadingArrives() {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/counter-co/plant-1/gw-1/telemetry";
    write(store, topic, counter(1, "2026-11-29T08:00:00Z", 65_000));
    write(store, topic, counter(2, "2026-11-29T08:01:00Z", 65_500));
    write(store, topic, counter(4, "2026-11-29T08:03:00Z", 300));
    write(store, topic, counter(5, "2026-11-29T08:04:00Z", 400));
    write(store, topic, counter(6, "2026-11-29T08:05:00Z", 500));
    write(store, topic, counter(7, "2026-11-29T08:06:00Z", 600));
    String sum =
        "select coalesce(sum(energy), 0)::bigint from interval_energy i join enterprise e"
            + " using (enterprise_id) where e.code = 'counter-co'";
    String rows =
        "select count(*) from interval_energy i join enterprise e using (enterprise_id)"
            + " where e.code = 'counter-co'";
    long beforeLate = db.count(sum);
    write(store, topic, counter(3, "2026-11-29T08:02:00Z", 100)); // arrives late, after the wrap

    assertThat(beforeLate).isEqualTo(600 + 65_536 - 65_000);
    assertThat(db.count(sum)).isEqualTo(600 + 65_536 - 65_000);
    assertThat(db.count(rows)).isEqualTo(6);
    assertThat(
            db.count(
                "select count(*) from interval_energy i join enterprise e using (enterprise_id)"
                    + " where e.code = 'counter-co' and how = 'wrap' and energy = 136"))
        .isEqualTo(1);
  }

  @Test
  // two batches in flight (two pipeline lanes, or two instances) holding readings of the same
  // counter: the per-channel lock makes the derivation equal to writing them one after the other
  void derivesTheSameIntervalEnergyWhenBatchesOfOneCounterAreWrittenConcurrently()
      throws Exception {
    PgIngestStore store = new PgIngestStore(database.dataSource(), true);
    String topic = "et/v1/concurrent-co/plant-1/gw-1/telemetry";
    write(store, topic, counter(0, "2026-11-29T07:00:00Z", 1_000)); // registers the channel
    int perLane = 40;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService lanes =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int lane = 0; lane < 2; lane++) {
        int first = lane;
        done.add(
            lanes.submit(
                () -> {
                  for (int i = 0; i < perLane; i++) {
                    int minute = 1 + 2 * i + first; // lane 0 odd minutes, lane 1 even ones
                    String ts =
                        Instant.parse("2026-11-29T07:00:00Z").plusSeconds(60L * minute).toString();
                    together.await();
                    write(store, topic, counter(minute, ts, 1_000 + 10.0 * minute));
                  }
                  return null;
                }));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      lanes.shutdownNow();
    }
    String where = " join enterprise e using (enterprise_id) where e.code = 'concurrent-co'";
    assertThat(db.count("select count(*) from interval_energy i" + where)).isEqualTo(2L * perLane);
    assertThat(db.count("select sum(energy)::bigint from interval_energy i" + where))
        .isEqualTo(10L * 2 * perLane);
    assertThat(db.count("select count(*) from interval_energy i" + where + " and energy <> 10"))
        .isZero();
    // the service-kept energy rollups equal the raw intervals
    for (String table : List.of("energy_15m", "energy_1h")) {
      assertThat(db.count("select coalesce(sum(energy), 0)::bigint from " + table + where))
          .as(table)
          .isEqualTo(10L * 2 * perLane);
    }
  }

  @org.junit.jupiter.api.Nested
  class AutoRegistration {
    // issue 11: auto_register granted too much — a gateway of one enterprise got registered in
    // another, and a new site of its own enterprise was granted silently (and reached the ACL).
    // It may add meters and channels at the gateway's own and granted sites only.
    final PgIngestStore registering = new PgIngestStore(database.dataSource(), true);
    final PgRegistry registry = new PgRegistry(database.dataSource(), () -> {});

    @Test
    void neverRegistersAGatewayOfOneEnterpriseUnderAnotherEnterprisesTopic() {
      registry.putGateway(new GatewaySpec("home-co", "gw-home", "plant-1", List.of(), false));
      registry.putGateway(new GatewaySpec("target-co", "gw-target", "plant-1", List.of(), false));

      BatchResult r =
          write(
              registering,
              "et/v1/target-co/plant-1/gw-home/telemetry",
              power("gw-home", "m1", 1, "2026-11-29T08:00:00Z", 1));

      assertThat(r.stored()).isEmpty();
      assertThat(lastReason("et/v1/target-co/plant-1/gw-home/%"))
          .isEqualTo(
              "topic: gateway 'gw-home' belongs to another enterprise and may not publish for"
                  + " enterprise 'target-co'");
      assertThat(
              db.count(
                  "select count(*) from gateway g join enterprise e using (enterprise_id)"
                      + " where e.code = 'target-co' and g.code = 'gw-home'"))
          .isZero();
    }

    @Test
    void neverGrantsANewSiteOfTheGatewaysOwnEnterpriseNorPutsItIntoTheBrokerAcl() {
      registry.putGateway(new GatewaySpec("grant-co", "gw-1", "plant-1", List.of(), false));
      new org.energytrace.ingest.auth.GatewayCredentials(database.dataSource())
          .set("grant-co", "gw-1", "gateway-password-1", NOW);

      BatchResult r =
          write(
              registering,
              "et/v1/grant-co/plant-9/gw-1/telemetry",
              power("gw-1", "m9", 1, "2026-11-29T08:00:00Z", 1));

      assertThat(r.stored()).isEmpty();
      assertThat(lastReason("et/v1/grant-co/plant-9/%"))
          .isEqualTo(
              "topic: gateway 'gw-1' may not publish for site 'plant-9' (not its own site and not"
                  + " granted in gateway_site; the site is not registered)");
      assertThat(
              db.count(
                  "select count(*) from site s join enterprise e using (enterprise_id)"
                      + " where e.code = 'grant-co' and s.code = 'plant-9'"))
          .isZero();
      assertThat(
              new org.energytrace.ingest.auth.GatewayCredentials(database.dataSource()).entries())
          .filteredOn(e -> e.enterprise().equals("grant-co"))
          .singleElement()
          .satisfies(e -> assertThat(e.sites()).containsExactly("plant-1"));
    }

    @Test
    void neverRegistersAGatewayNobodyRegisteredAndSaysHowToRegisterIt() {
      BatchResult r =
          write(
              registering,
              "et/v1/nobody-co/plant-1/gw-new/telemetry",
              power("gw-new", "m1", 1, "2026-11-29T08:00:00Z", 1));

      assertThat(r.stored()).isEmpty();
      assertThat(lastReason("et/v1/nobody-co/%"))
          .isEqualTo(
              "topic: gateway 'gw-new' of enterprise 'nobody-co' is not registered (register it"
                  + " with PUT /api/v1/enterprises/nobody-co/gateways/gw-new or ingest mqtt-auth"
                  + " --register; auto-registration adds only meters and channels)");
      assertThat(db.count("select count(*) from enterprise where code = 'nobody-co'")).isZero();
    }

    @Test
    void addsMetersAndChannelsAtTheGatewaysOwnAndGrantedSites() {
      registry.putGateway(
          new GatewaySpec("meters-co", "gw-1", "plant-1", List.of("plant-2"), false));

      BatchResult own =
          write(
              registering,
              "et/v1/meters-co/plant-1/gw-1/telemetry",
              power("gw-1", "own-em", 1, "2026-11-29T08:00:00Z", 1));
      BatchResult granted =
          write(
              registering,
              "et/v1/meters-co/plant-2/gw-1/telemetry",
              power("gw-1", "granted-em", 2, "2026-11-29T08:00:00Z", 2));

      assertThat(own.stored()).extracting(StoredReading::site).containsExactly("plant-1");
      assertThat(granted.stored()).extracting(StoredReading::site).containsExactly("plant-2");
    }

    @Test
    void refusesAPointOfAMeterRegisteredAtASiteTheGatewayMayNotPublishFor() {
      registry.putGateway(new GatewaySpec("split-co", "gw-a", "plant-a", List.of(), false));
      registry.putGateway(new GatewaySpec("split-co", "gw-b", "plant-b", List.of(), false));
      registry.putMeter(
          new MeterSpec(
              "split-co",
              "b-em",
              "plant-b",
              "gw-b",
              List.of(new ChannelSpec("AcActivePowerTotal", "KWT", "gauge", null))));

      BatchResult r =
          write(
              registering,
              "et/v1/split-co/plant-a/gw-a/telemetry",
              power("gw-a", "b-em", 1, "2026-11-29T08:00:00Z", 1));

      assertThat(r.stored()).isEmpty();
      assertThat(lastReason("et/v1/split-co/%"))
          .isEqualTo(
              "meter 'b-em' channel 'AcActivePowerTotal' at 2026-11-29T08:00:00Z: the meter is"
                  + " registered at a site gateway 'gw-a' may not publish for");
    }
  }

  /**
   * The gateways' message numbers (V97): a message a broker dropped past its queue limit was
   * counted as delivered by the gateway and never seen by ingest, and nothing but the broker's log
   * said so (a fault-injection review lost 11 readings that way). Its number is now missing between
   * the numbers that arrived, and said once it stays missing.
   */
  @org.junit.jupiter.api.Nested
  class MessageNumbersOfGateways {
    /** One batch of telemetry messages of {@code gateway} with these numbers. */
    void write(PgIngestStore store, String gateway, int... seqs) {
      List<Incoming> batch = new ArrayList<>();
      for (int seq : seqs) {
        String ts = NOW.minusSeconds(600 - seq).toString();
        byte[] payload =
            power(gateway, "m-" + gateway, seq, ts, seq).getBytes(StandardCharsets.UTF_8);
        batch.add(incoming("et/v1/seq-co/plant-1/" + gateway + "/telemetry", payload));
      }
      store.write(batch);
    }

    List<String> gaps() {
      return MessageNumbers.gaps(database.dataSource(), Instant.now().plus(Duration.ofDays(1)))
          .stream()
          .filter(
              g -> g.enterprise().equals("seq-co") && List.of("gw-1", "gw-2").contains(g.gateway()))
          .map(g -> g.gateway() + " " + g.from() + ".." + g.to())
          .toList();
    }

    /** The stored ranges of gw-1 and gw-2. */
    long ranges() {
      return db.count(
          "select count(*) from gateway_message_range r join gateway g using (gateway_id)"
              + " join enterprise e on e.enterprise_id = g.enterprise_id"
              + " where e.code = 'seq-co' and g.code in ('gw-1', 'gw-2')");
    }

    @Test
    void aNumberMissingBetweenThoseThatArrivedIsAGapUntilItsMessageComes() {
      PgIngestStore store = new PgIngestStore(database.dataSource(), true);
      write(store, "gw-1", 1, 2, 3);
      write(store, "gw-1", 6, 5); // 4 dropped by the broker; the batch out of order
      write(store, "gw-1", 2, 3); // redeliveries change nothing
      write(store, "gw-2", 10, 11, 14, 12); // another gateway: 13 missing within one batch
      assertThat(gaps()).containsExactly("gw-1 4..4", "gw-2 13..13");
      // one range a gateway for what came in order
      assertThat(ranges()).isEqualTo(4);

      // a late backlog closes them: one range each again
      write(store, "gw-1", 4);
      write(store, "gw-2", 13, 15);
      assertThat(gaps()).isEmpty();
      assertThat(ranges()).isEqualTo(2);
    }

    @Test
    void aGapIsCountedAndSaidOnceItIsOlderThanTheGraceAMessageOnItsWayHas() {
      PgIngestStore store = new PgIngestStore(database.dataSource(), true);
      write(store, "gw-3", 100, 101, 104);
      IngestMetrics metrics = new IngestMetrics();
      MissingMessages fresh = new MissingMessages(database.dataSource(), Clock.systemUTC());
      fresh.instrument(metrics);
      // just now: a backlog may still be on its way (every gap of this class is as young)
      assertThat(fresh.runOnce()).isEmpty();
      assertThat(missing(metrics)).isZero();

      MissingMessages later =
          new MissingMessages(
              database.dataSource(),
              Clock.offset(Clock.systemUTC(), MissingMessages.GRACE.plusMinutes(1)));
      IngestMetrics laterMetrics = new IngestMetrics();
      later.instrument(laterMetrics);
      List<MessageNumbers.Gap> found = later.runOnce();
      // the other tests' gateways may have gaps of their own (numbers their messages skip)
      long others =
          found.stream().filter(g -> !g.gateway().equals("gw-3")).mapToLong(g -> g.count()).sum();
      assertThat(found.stream().filter(g -> g.gateway().equals("gw-3")))
          .singleElement()
          .satisfies(
              g -> {
                assertThat(g.enterprise()).isEqualTo("seq-co");
                assertThat(g.gateway()).isEqualTo("gw-3");
                assertThat(g.from()).isEqualTo(102);
                assertThat(g.to()).isEqualTo(103);
                assertThat(g.count()).isEqualTo(2);
              });
      assertThat(missing(laterMetrics)).isEqualTo(others + 2.0);

      write(store, "gw-3", 102, 103);
      assertThat(later.runOnce()).noneMatch(g -> g.gateway().equals("gw-3"));
      assertThat(missing(laterMetrics)).isEqualTo((double) others);
    }

    /**
     * Every restart told each permanent gap again as a new warning: a loss of last month looked
     * like one of today. A gap found over a day ago is now summed up once after a restart; a
     * younger one is still told on its own.
     */
    @Test
    void aLossFoundOverADayAgoIsSummedUpOnceAfterARestartNotToldAgainGapByGap() {
      PgIngestStore store = new PgIngestStore(database.dataSource(), true);
      write(store, "gw-4", 200, 201, 205);
      ch.qos.logback.classic.Logger logger =
          (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(MissingMessages.class);
      var events =
          new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
      events.start();
      logger.addAppender(events);
      try {
        // a restart 11 minutes after the numbers above came: the gap is new, told on its own
        new MissingMessages(
                database.dataSource(),
                Clock.offset(Clock.systemUTC(), MissingMessages.GRACE.plusMinutes(1)))
            .runOnce();
        assertThat(events.list)
            .anySatisfy(
                e -> {
                  assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                  assertThat(e.getFormattedMessage())
                      .startsWith("gateway seq-co/gw-4: 3 message(s) seq 202..204 never arrived");
                });
        events.list.clear();

        // a restart two days later: one line sums up what was found before, no warning again
        MissingMessages restarted =
            new MissingMessages(
                database.dataSource(), Clock.offset(Clock.systemUTC(), Duration.ofDays(2)));
        List<MessageNumbers.Gap> found = restarted.runOnce();
        assertThat(found).anyMatch(g -> g.gateway().equals("gw-4") && g.from() == 202);
        long total = found.stream().mapToLong(MessageNumbers.Gap::count).sum();
        assertThat(events.list)
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
                  assertThat(e.getFormattedMessage())
                      .startsWith(
                          total
                              + " gateway message(s) in "
                              + found.size()
                              + " range(s) never arrived, below numbers that came over 24 hours ago");
                });
        // and the next pass says nothing more
        events.list.clear();
        restarted.runOnce();
        assertThat(events.list).isEmpty();
      } finally {
        logger.detachAppender(events);
      }
    }

    double missing(IngestMetrics metrics) {
      Gauge g = metrics.registry().find("ingest.messages.missing").gauge();
      assertThat(g).as("the gauge is registered").isNotNull();
      return g.value();
    }
  }
}
