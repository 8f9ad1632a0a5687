package org.energytrace.gateway.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.energytrace.gateway.model.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the plant model in real time: every tick it advances the model to the clock, serves the
 * new values over OPC UA and Modbus, and journals each served value change.
 *
 * <p>OPC UA values carry the tick instant as source timestamp, which the journal records as {@code
 * from}: a gateway reading them reports exactly that {@code ts}. Modbus has no timestamps: {@code
 * from} is taken just before the new registers become visible, and a gateway stamps a reading with
 * the instant its response arrived, so a reading at {@code ts} shows the last value with {@code
 * from <= ts} (unless a tick falls inside that one request's round trip).
 */
public final class Simulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Simulator.class);

  private final FactoryModel model;
  private final Clock clock;
  private final Duration tick;
  private final SimulatorOpcUaServer opcUa;
  private final SimulatorModbusServer modbus;
  private final Optional<ServedValueJournal> journal;
  private volatile List<ServedValue> lastServed = List.of();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("simulator-tick"));

  public Simulator(
      FactoryModel model,
      Clock clock,
      Duration tick,
      SimulatorOpcUaServer opcUa,
      SimulatorModbusServer modbus,
      Optional<ServedValueJournal> journal) {
    this.model = model;
    this.clock = clock;
    this.tick = tick;
    this.opcUa = opcUa;
    this.modbus = modbus;
    this.journal = journal;
  }

  /**
   * Serves {@code model} in real time on the system clock: OPC UA at {@code
   * opc.tcp://hostname:opcUaPort/energytrace}, Modbus TCP on {@code bindAddress:modbusPort}.
   * Nothing is left running when a server cannot start (e.g. its port is taken).
   */
  public static Simulator serve(
      String bindAddress,
      String hostname,
      int opcUaPort,
      int modbusPort,
      FactoryModel model,
      Duration tick,
      Optional<Path> journal)
      throws Exception {
    Simulator simulator =
        new Simulator(
            model,
            Clock.systemUTC(),
            tick,
            new SimulatorOpcUaServer(bindAddress, hostname, opcUaPort),
            new SimulatorModbusServer(bindAddress, modbusPort, SimulatedMeters.registerMaps()),
            journal.map(ServedValueJournal::new));
    try {
      simulator.start();
    } catch (Exception e) {
      try {
        simulator.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    log.info(
        "simulator: OPC UA opc.tcp://{}:{}{} (namespace {}), Modbus TCP {}:{} ({})",
        hostname,
        opcUaPort,
        SimulatorOpcUaServer.PATH,
        SimulatorOpcUaServer.NAMESPACE_URI,
        bindAddress,
        modbusPort,
        SimulatedMeters.describe());
    journal.ifPresent(
        j -> log.info("simulator: journal of served values in {}", j.toAbsolutePath()));
    return simulator;
  }

  /** Starts the servers with the first values served, then the ticking. */
  public void start() throws Exception {
    opcUa.start();
    tick();
    modbus.start();
    scheduler.scheduleAtFixedRate(
        this::safeTick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Advances the model to now and serves the result. */
  public synchronized PlantSnapshot tick() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    PlantSnapshot snapshot = model.advanceTo(now);
    List<ServedValue> opcUaValues = opcUa.update(snapshot, now);
    journal.ifPresent(j -> j.record(opcUaValues, now));
    Instant modbusFrom = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<ServedValue> modbusValues = modbus.update(snapshot);
    journal.ifPresent(j -> j.record(modbusValues, modbusFrom));
    List<ServedValue> all = new ArrayList<>(opcUaValues);
    all.addAll(modbusValues);
    lastServed = List.copyOf(all);
    return snapshot;
  }

  /** The values served right now (for tests and logs). */
  public List<ServedValue> currentValues() {
    return lastServed;
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("simulator tick failed", e);
    }
  }

  @Override
  public void close() throws Exception {
    scheduler.shutdownNow();
    try {
      opcUa.close();
    } finally {
      try {
        modbus.close();
      } finally {
        journal.ifPresent(ServedValueJournal::close);
      }
    }
  }
}
