package org.energytrace.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.MeterDriverContract;
import org.energytrace.gateway.fixtures.SilentPeer;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.energytrace.gateway.fixtures.TcpProxy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.poll.MeterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's OPC UA driver against the simulator's Milo server. */
class OpcUaMeterDriverIT extends MeterDriverContract {

  private static SimulatedPlant plant;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start();
    plant.tick(Duration.ofSeconds(1));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  private static DeviceConfig.OpcUa plcConfig() {
    return (DeviceConfig.OpcUa) plant.demoConfig().devices().get(0);
  }

  @Override
  protected MeterDriver driverForRunningDevice() {
    return new OpcUaMeterDriver(plcConfig(), Clock.systemUTC());
  }

  @Override
  protected List<Expected> expectedValues() {
    return plcConfig().points().stream()
        .map(p -> new Expected(p.target(), servedValueOf(p)))
        .toList();
  }

  private static double servedValueOf(OpcUaPoint point) {
    if (point.target() instanceof MeterChannel m) {
      return plant.served(m.meter(), m.channel()).value();
    }
    var line = (PointTarget.ProductionLine) point.target();
    return plant.served(line.line(), "ProductionCount").value();
  }

  @Override
  protected MeterDriver driverForUnreachableDevice() {
    DeviceConfig.OpcUa config = plcConfig();
    return new OpcUaMeterDriver(
        new DeviceConfig.OpcUa(
            config.id(),
            URI.create("opc.tcp://127.0.0.1:" + FreePorts.next() + "/energytrace"),
            Duration.ofMillis(500),
            config.points()),
        Clock.systemUTC());
  }

  @Test
  void stampsReadingsWithTheServersSourceTimestamp() {
    plant.tick(Duration.ofSeconds(1));
    try (MeterDriver driver = driverForRunningDevice()) {
      // OPC 10000-4 §7.11: SourceTimestamp is when the source produced the value, which is what
      // a reading's ts means; the poll instant is only a fallback.
      assertThat(driver.poll()).extracting(Reading::ts).containsOnly(plant.clock.instant());
    }
  }

  @Test
  void marksOnlyAnUnknownNodeBadAndReadsTheOthers() {
    DeviceConfig.OpcUa config = plcConfig();
    OpcUaPoint missing =
        new OpcUaPoint(
            MeterChannel.gauge("line9-em", "AcActivePowerTotal", "KWT"),
            "nsu=urn:energytrace:simulator;s=Line9.Electricity.AcActivePowerTotal");
    OpcUaPoint unknownNamespace =
        new OpcUaPoint(
            MeterChannel.gauge("line8-em", "AcActivePowerTotal", "KWT"), "nsu=urn:nope;s=X");
    var points = new ArrayList<>(config.points());
    points.add(missing);
    points.add(unknownNamespace);
    try (MeterDriver driver =
        new OpcUaMeterDriver(
            new DeviceConfig.OpcUa(config.id(), config.endpoint(), config.timeout(), points),
            Clock.systemUTC())) {
      List<Reading> readings = driver.poll();
      assertThat(readings).hasSize(points.size());
      assertThat(readings.subList(0, config.points().size()))
          .extracting(Reading::quality)
          .containsOnly(Quality.GOOD);
      assertThat(readings.get(points.size() - 2).quality()).isEqualTo(Quality.BAD);
      assertThat(readings.get(points.size() - 1).quality()).isEqualTo(Quality.BAD);
    }
  }

  private static final Duration NEVER = Duration.ofSeconds(60);

  /** Polls on another thread and waits at most {@link #NEVER}: a hung poll fails the test. */
  private static List<Reading> pollWithin(MeterDriver driver) throws Exception {
    return CompletableFuture.supplyAsync(driver::poll).get(NEVER.toSeconds(), TimeUnit.SECONDS);
  }

  private static DeviceConfig.OpcUa at(int port, boolean poll) {
    DeviceConfig.OpcUa config = plcConfig();
    return new DeviceConfig.OpcUa(
        config.id(),
        URI.create("opc.tcp://127.0.0.1:" + port + "/energytrace"),
        Duration.ofMillis(500),
        poll ? config.points().stream().map(OpcUaPoint::polled).toList() : config.points());
  }

  @Test
  void readsBadOnEveryPollFromAServerThatAcceptsTcpButNeverAnswers() throws Exception {
    try (SilentPeer peer = new SilentPeer();
        MeterDriver driver = new OpcUaMeterDriver(at(peer.port(), false), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        assertThat(pollWithin(driver))
            .isNotEmpty()
            .extracting(Reading::quality)
            .containsOnly(Quality.BAD);
      }
      assertThat(peer.accepted()).isPositive();
    }
  }

  @Test
  void readsBadWhileAConnectedServerStopsAnsweringAndGoodOnceItAnswersAgain() throws Exception {
    try (TcpProxy link = new TcpProxy("127.0.0.1", plant.opcUaPort);
        MeterDriver driver = new OpcUaMeterDriver(at(link.port(), true), Clock.systemUTC())) {
      assertThat(pollWithin(driver)).extracting(Reading::quality).containsOnly(Quality.GOOD);

      // the server vanishes without FIN or RST: the session's connection stays open
      link.blackhole(true);
      for (int i = 0; i < 3; i++) {
        assertThat(pollWithin(driver))
            .isNotEmpty()
            .extracting(Reading::quality)
            .containsOnly(Quality.BAD);
      }

      link.blackhole(false);
      link.killConnections();
      assertThat(pollWithin(driver)).extracting(Reading::quality).containsOnly(Quality.GOOD);
    }
  }
}
