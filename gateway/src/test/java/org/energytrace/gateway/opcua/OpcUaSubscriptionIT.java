package org.energytrace.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.SimulatedPlant;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.poll.Poller;
import org.energytrace.gateway.simulator.FactoryModel;
import org.energytrace.gateway.simulator.PlantSnapshot;
import org.energytrace.gateway.simulator.SimulationParameters;
import org.energytrace.gateway.simulator.SimulatorOpcUaServer;
import org.junit.jupiter.api.Test;

/** Subscriptions, polling fallback, EngineeringUnits and reconnects against Milo servers. */
class OpcUaSubscriptionIT {

  private static final String POWER =
      "nsu=urn:energytrace:simulator;s=" + SimulatorOpcUaServer.POWER_NODE;
  private static final String ENERGY =
      "nsu=urn:energytrace:simulator;s=" + SimulatorOpcUaServer.ENERGY_NODE;

  private static DeviceConfig.OpcUa meter(String endpoint, OpcUaPoint... points) {
    return new DeviceConfig.OpcUa(
        "plc",
        URI.create(endpoint),
        Duration.ofSeconds(3),
        DeviceConfig.OpcUaSecurity.none(),
        Duration.ofMillis(100),
        List.of(points));
  }

  private static OpcUaPoint power() {
    return new OpcUaPoint(MeterChannel.gauge("line1-em", "AcActivePowerTotal", "KWT"), POWER);
  }

  private static OpcUaPoint energy(String unit) {
    return new OpcUaPoint(
        MeterChannel.counter("line1-em", "AcActiveEnergyTotalImport", unit, 64), ENERGY);
  }

  // OPC 10000-4 §5.12.1: a monitored item reports the current value first, then each change
  // sampled at its sampling interval, with the SourceTimestamp of the change.
  @Test
  void deliversTheInitialValueThenEachChangeWithItsSourceTimestamp() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start();
        OpcUaMeterDriver driver =
            new OpcUaMeterDriver(meter(plant.opcUaEndpoint(), power()), Clock.systemUTC())) {
      plant.tick(Duration.ofSeconds(1));
      Instant first = plant.clock.instant();
      assertThat(driver.poll()).singleElement().satisfies(r -> assertThat(r.ts()).isEqualTo(first));

      // the model moves on a whole-minute grid (FactoryModel): a minute later the power changed
      double next = plant.tick(Duration.ofMinutes(1)).get(0).value();
      Instant second = plant.clock.instant();
      List<Reading> later = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                later.addAll(driver.poll());
                return later.stream().anyMatch(r -> r.ts().equals(second));
              });
      assertThat(later)
          .filteredOn(r -> r.ts().equals(second))
          .extracting(Reading::value, Reading::quality)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(next, Quality.GOOD));
    }
  }

  // a change the subscription delivered is on its way to disk at once: it waited in memory for the
  // next poll (a poll interval), and a kill -9 in that time lost it
  @Test
  void aChangeTheSubscriptionDeliversReachesTheBufferWithoutWaitingForThePoll() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      plant.tick(Duration.ofSeconds(1));
      MemoryReadingBuffer buffer = new MemoryReadingBuffer(1000, OverflowPolicy.DROP_OLDEST);
      Poller poller =
          new Poller(
              List.of(
                  new OpcUaMeterDriver(meter(plant.opcUaEndpoint(), power()), Clock.systemUTC())),
              Duration.ofHours(1),
              buffer);
      poller.start();
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 1); // initial value
        double next = plant.tick(Duration.ofMinutes(1)).get(0).value();
        Instant changed = plant.clock.instant();

        await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() >= 2);
        List<Reading> stored = buffer.claim(10, Duration.ZERO).orElseThrow().readings();
        assertThat(stored)
            .filteredOn(r -> r.ts().equals(changed))
            .extracting(Reading::value)
            .containsExactly(next);
      } finally {
        poller.close();
      }
    }
  }

  // OPC 10000-4 §5.12.1.2: the server samples a value at the sampling interval, so a value that
  // changes twice between two samples is seen once (sampled at its own update period, a counter
  // skipped values). Sampled at half its update period, with a queue that holds what changes
  // between two publishes and keeps it (discardOldest false, §5.12.1.5), every change arrives.
  @Test
  void seesEveryChangeOfAFastCounterSampledAtHalfItsUpdatePeriod() throws Exception {
    Duration update = Duration.ofMillis(200);
    int changes = 40;
    try (SimulatedPlant plant = SimulatedPlant.start()) {
      DeviceConfig.OpcUa config =
          new DeviceConfig.OpcUa(
              "plc",
              URI.create(plant.opcUaEndpoint()),
              Duration.ofSeconds(3),
              DeviceConfig.OpcUaSecurity.none(),
              update.dividedBy(2),
              List.of(
                  new OpcUaPoint(
                      MeterChannel.counter("line1-em", "AcActiveEnergyTotalImport", "KWH", 64),
                      ENERGY,
                      true,
                      Optional.empty(),
                      10,
                      0,
                      false)));
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      try (OpcUaMeterDriver driver = new OpcUaMeterDriver(config, Clock.systemUTC())) {
        assertThat(driver.poll()).hasSize(1); // subscribed, initial value
        List<Double> served = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(changes);
        ticker.scheduleAtFixedRate(
            () -> {
              if (done.getCount() > 0) {
                plant.tick(Duration.ofMinutes(1)); // the plant's counter moves every minute
                served.add(plant.served("line1-em", "AcActiveEnergyTotalImport").value());
                done.countDown();
              }
            },
            0,
            update.toMillis(),
            TimeUnit.MILLISECONDS);
        Set<Double> seen = new HashSet<>();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  driver.poll().forEach(r -> seen.add(r.value()));
                  return done.getCount() == 0 && seen.containsAll(served);
                });
        assertThat(served).doesNotHaveDuplicates().hasSize(changes);
        assertThat(seen).containsAll(served);
      } finally {
        ticker.shutdownNow();
      }
    }
  }

  @Test
  void readsAPollModePointWithTheReadServiceAtEveryPoll() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start();
        OpcUaMeterDriver driver =
            new OpcUaMeterDriver(
                meter(plant.opcUaEndpoint(), power().polled()), Clock.systemUTC())) {
      plant.tick(Duration.ofSeconds(1));
      assertThat(driver.poll()).hasSize(1);
      assertThat(driver.poll()).hasSize(1); // unchanged, still read
    }
  }

  // OPC 10000-8 §5.6.3: EngineeringUnits carries the UNECE code as UnitId (KWH = 4937544).
  @Test
  void refusesToStartWhenTheServersEngineeringUnitsDifferFromTheConfiguredUnit() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start();
        OpcUaMeterDriver driver =
            new OpcUaMeterDriver(
                meter(plant.opcUaEndpoint(), power(), energy("WHR")), Clock.systemUTC())) {
      assertThatThrownBy(driver::preflight)
          .isInstanceOf(GatewayException.class)
          .satisfies(
              e ->
                  assertThat(((GatewayException) e).code())
                      .isEqualTo(GatewayException.Code.CONFIG_INVALID))
          .hasMessageContaining("device plc")
          .hasMessageContaining(SimulatorOpcUaServer.ENERGY_NODE)
          .hasMessageContaining("KWH (4937544")
          .hasMessageContaining("configuration says WHR");
    }
  }

  @Test
  void acceptsMatchingEngineeringUnits() throws Exception {
    try (SimulatedPlant plant = SimulatedPlant.start();
        OpcUaMeterDriver driver =
            new OpcUaMeterDriver(
                meter(plant.opcUaEndpoint(), power(), energy("KWH")), Clock.systemUTC())) {
      driver.preflight();
      assertThat(driver.unitProblems()).isEmpty();
    }
  }

  @Test
  void recreatesTheSubscriptionWhenTheServerComesBackAfterARestart() throws Exception {
    int port = FreePorts.next();
    String endpoint = "opc.tcp://127.0.0.1:" + port + SimulatorOpcUaServer.PATH;
    FactoryModel model =
        FactoryModel.demoBrewery(SimulationParameters.defaults(), SimulatedPlant.MONDAY_MORNING);
    Instant t1 = SimulatedPlant.MONDAY_MORNING.plusSeconds(60);
    PlantSnapshot s1 = model.advanceTo(t1);
    SimulatorOpcUaServer server = new SimulatorOpcUaServer("127.0.0.1", "127.0.0.1", port);
    server.start();
    try (OpcUaMeterDriver driver =
        new OpcUaMeterDriver(meter(endpoint, power()), Clock.systemUTC())) {
      server.update(s1, t1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> driver.poll().stream().anyMatch(r -> r.ts().equals(t1)));

      server.close();
      // the server gone is a failing device: bad readings and a problem per point (the device
      // stayed "ok" with empty polls while a killed server was away: nothing said it was gone)
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                List<Reading> polled = driver.poll();
                return !polled.isEmpty()
                    && polled.stream().allMatch(r -> r.quality() == Quality.BAD);
              });
      assertThat(driver.lastProblems()).isNotEmpty();

      SimulatorOpcUaServer restarted = new SimulatorOpcUaServer("127.0.0.1", "127.0.0.1", port);
      restarted.start();
      try {
        Instant t2 = t1.plusSeconds(60);
        restarted.update(model.advanceTo(t2), t2);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    driver.poll().stream()
                        .anyMatch(r -> r.ts().equals(t2) && r.quality() == Quality.GOOD));
      } finally {
        restarted.close();
      }
    }
  }
}
