package org.energytrace.gateway.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.buffer.MemoryReadingBuffer;
import org.energytrace.gateway.buffer.ReadingBuffer;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.RegisterImageServer;
import org.energytrace.gateway.fixtures.SilentPeer;
import org.energytrace.gateway.fixtures.TcpProxy;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;
import org.energytrace.gateway.poll.MeterDriver;
import org.energytrace.gateway.poll.Poller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Modbus slave that goes away while the gateway is connected to it: killed and restarted, behind
 * a link that silently stops carrying packets, or a peer that accepts TCP and never answers. Every
 * poll of such a device ends (each network call has a timeout), gives bad readings and counts an
 * error, the first poll after the slave is back reads good again, and the dead device never holds
 * up the polls of the others.
 *
 * <p>A poll that hangs would hang the test: each poll runs on its own thread and the test waits for
 * it at most {@link #NEVER}, a bound chosen to be far beyond any configured timeout (it guards
 * liveness, it does not measure speed).
 */
class ModbusOutageIT {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final Duration NEVER = Duration.ofSeconds(60);

  private final ExecutorService polls = Executors.newCachedThreadPool();

  @AfterEach
  void stopPolls() {
    polls.shutdownNow();
  }

  private static DeviceConfig.Modbus meter(String id, int port) {
    return new DeviceConfig.Modbus(
        id,
        "127.0.0.1",
        port,
        1,
        TIMEOUT,
        List.of(
            new ModbusPoint(
                MeterChannel.counter(id, "AcActiveEnergyTotalImport", "WHR", 32),
                new RegisterSpec(3, 0, DataType.UINT32, RegisterOrder.ABCD, 1)),
            new ModbusPoint(
                MeterChannel.gauge(id, "AcActivePowerTotal", "WTT"),
                new RegisterSpec(3, 2, DataType.UINT32, RegisterOrder.ABCD, 1))));
  }

  private List<Reading> poll(MeterDriver driver) throws Exception {
    return CompletableFuture.supplyAsync(driver::poll, polls)
        .get(NEVER.toSeconds(), TimeUnit.SECONDS);
  }

  private static RegisterImageServer meterServer(int port) throws Exception {
    return new RegisterImageServer(1, port).set(0, 0, 42).set(2, 0, 7);
  }

  @Test
  void readsBadOnEveryPollWhileTheSlaveIsKilledAndGoodOnTheFirstPollAfterItIsBack()
      throws Exception {
    int port = FreePorts.next();
    try (RegisterImageServer slave = meterServer(port);
        ModbusMeterDriver driver = new ModbusMeterDriver(meter("m1", port), Clock.systemUTC())) {
      assertThat(poll(driver)).extracting(Reading::quality).containsOnly(Quality.GOOD);

      slave.stop();
      for (int i = 0; i < 3; i++) {
        assertThat(poll(driver)).hasSize(2).extracting(Reading::quality).containsOnly(Quality.BAD);
      }

      slave.start();
      List<Reading> back = poll(driver);
      assertThat(back).extracting(Reading::quality).containsOnly(Quality.GOOD);
      assertThat(back).extracting(Reading::value).containsExactly(42.0, 7.0);
    }
  }

  @Test
  void readsBadOnEveryPollWhileAConnectedSlaveStopsAnsweringAndGoodOnceItAnswersAgain()
      throws Exception {
    try (RegisterImageServer slave = meterServer(FreePorts.next());
        TcpProxy link = new TcpProxy("127.0.0.1", slave.port);
        ModbusMeterDriver driver =
            new ModbusMeterDriver(meter("m1", link.port()), Clock.systemUTC())) {
      assertThat(poll(driver)).extracting(Reading::quality).containsOnly(Quality.GOOD);

      // the slave vanishes without FIN or RST: the gateway's connection stays open
      link.blackhole(true);
      for (int i = 0; i < 3; i++) {
        assertThat(poll(driver)).hasSize(2).extracting(Reading::quality).containsOnly(Quality.BAD);
      }

      link.blackhole(false);
      link.killConnections();
      assertThat(poll(driver)).extracting(Reading::quality).containsOnly(Quality.GOOD);
    }
  }

  @Test
  void readsBadOnEveryPollFromAPeerThatAcceptsTcpButNeverAnswers() throws Exception {
    try (SilentPeer peer = new SilentPeer();
        ModbusMeterDriver driver =
            new ModbusMeterDriver(meter("m1", peer.port()), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        assertThat(poll(driver)).hasSize(2).extracting(Reading::quality).containsOnly(Quality.BAD);
      }
      assertThat(peer.accepted()).isPositive();
    }
  }

  @Test
  void countsAnErrorForEveryPollOfADeadSlaveAndReadsItAgainAfterItReturns() throws Exception {
    int port = FreePorts.next();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(100_000, OverflowPolicy.DROP_NEWEST);
    List<Reading> seen = new ArrayList<>();
    try (RegisterImageServer slave = meterServer(port);
        Poller poller =
            new Poller(
                List.of(new ModbusMeterDriver(meter("m1", port), Clock.systemUTC())),
                Duration.ofMillis(200),
                buffer,
                registry)) {
      poller.start();
      await().atMost(NEVER).until(() -> drain(buffer, seen, Quality.GOOD) >= 2);

      slave.stop();
      await().atMost(NEVER).until(() -> drain(buffer, seen, Quality.BAD) >= 2 * 3);
      assertThat(registry.counter("gateway.poll.errors", "protocol", "modbus").count())
          .isGreaterThanOrEqualTo(3);
      assertThat(poller.deviceHealth()).containsEntry("m1", false);

      drain(buffer, seen, Quality.BAD);
      int badBefore = countOf(seen, Quality.BAD);
      slave.start();
      await().atMost(NEVER).until(() -> drain(buffer, seen, Quality.GOOD) >= 2 + 2 * 2);
      // at most the poll that ended after the last look and the one under way when the slave
      // came back were bad: the next one reads again
      assertThat(countOf(seen, Quality.BAD) - badBefore).isLessThanOrEqualTo(2 * 2);
      assertThat(poller.deviceHealth()).containsEntry("m1", true);
    }
  }

  @Test
  void slavesThatNeverAnswerDoNotDelayThePollsOfALiveOne() throws Exception {
    int dead = 20; // more than any fixed pool of poll threads the gateway had
    MemoryReadingBuffer buffer = new MemoryReadingBuffer(1_000_000, OverflowPolicy.DROP_NEWEST);
    List<Reading> seen = new ArrayList<>();
    try (SilentPeer peer = new SilentPeer();
        RegisterImageServer live = meterServer(FreePorts.next())) {
      List<MeterDriver> drivers = new ArrayList<>();
      for (int i = 0; i < dead; i++) {
        drivers.add(new ModbusMeterDriver(meter("dead-" + i, peer.port()), Clock.systemUTC()));
      }
      drivers.add(new ModbusMeterDriver(meter("live", live.port), Clock.systemUTC()));
      try (Poller poller = new Poller(drivers, Duration.ofMillis(100), buffer)) {
        poller.start();
        // every dead slave's poll took at least one timeout (500 ms), twice; meanwhile the live
        // slave, polled every 100 ms, must have been read several times
        await()
            .atMost(NEVER)
            .until(
                () -> {
                  drain(buffer, seen, Quality.BAD);
                  return seen.stream()
                              .filter(r -> r.quality() == Quality.BAD)
                              .map(r -> ((MeterChannel) r.target()).meter())
                              .distinct()
                              .count()
                          == dead
                      && countOf(seen, Quality.BAD) >= dead * 2 * 2;
                });
        long livePolls =
            seen.stream()
                    .filter(r -> ((MeterChannel) r.target()).meter().equals("live"))
                    .filter(r -> r.quality() == Quality.GOOD)
                    .count()
                / 2;
        assertThat(livePolls).isGreaterThanOrEqualTo(5);
      }
    }
  }

  /** Takes everything from the buffer into {@code seen}; returns how many of {@code q} it holds. */
  private static int drain(ReadingBuffer buffer, List<Reading> seen, Quality q)
      throws InterruptedException {
    for (var batch = buffer.claim(10_000, Duration.ZERO);
        batch.isPresent();
        batch = buffer.claim(10_000, Duration.ZERO)) {
      seen.addAll(batch.get().readings());
      buffer.commit(batch.get());
    }
    return countOf(seen, q);
  }

  private static int countOf(List<Reading> seen, Quality q) {
    return (int) seen.stream().filter(r -> r.quality() == q).count();
  }
}
