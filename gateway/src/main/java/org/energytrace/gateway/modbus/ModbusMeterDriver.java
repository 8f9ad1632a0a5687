package org.energytrace.gateway.modbus;

import com.digitalpetri.modbus.client.ModbusClient;
import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyClientTransportConfig;
import com.digitalpetri.modbus.tcp.client.NettyRtuClientTransport;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.modbus.ReadPlan.Block;
import org.energytrace.gateway.modbus.ReadPlan.Span;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.model.RegisterSpec;
import org.energytrace.gateway.model.RootCause;
import org.energytrace.gateway.poll.LastKnownValues;
import org.energytrace.gateway.poll.MeterDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Modbus device (TCP, RTU over TCP, RTU over a serial line) with functions 3 and 4.
 *
 * <ul>
 *   <li>The points' registers (and their scale-factor registers) are read in the fewest requests
 *       ({@link ReadPlan}: at most 125 registers, bridging gaps up to {@code max_gap}).
 *   <li>An exception response to a coalesced request is retried point by point, so an exception
 *       (e.g. 02, illegal data address, for a bridged gap) marks only the points it concerns bad. A
 *       short normal reply marks bad only the points it does not cover.
 *   <li>Every network call is bounded by the device's {@code timeout}: connecting and each request
 *       (and, should the Modbus library's own timers not fire, a bound of ours a little longer).
 *   <li>A timeout or transport error drops the connection and is retried {@code retries} times with
 *       doubling backoff, scheduled rather than slept (some RTU slaves miss the first request after
 *       power-up); then the remaining points of this poll are bad and the next poll starts with a
 *       new connection. While a device keeps failing, each poll makes a single attempt, so a dead
 *       device costs one timeout per poll and the first poll after it returns reads it.
 *   <li>Decoding follows the register map ({@link RegisterCodec}); a value that decodes to NaN or
 *       infinity (meters use them for "not available") or a SunSpec scale factor of -32768 ("not
 *       implemented") makes that point bad.
 * </ul>
 *
 * Readings are stamped with the instant the response that carried them arrived.
 */
public final class ModbusMeterDriver implements MeterDriver {

  private static final Logger log = LoggerFactory.getLogger(ModbusMeterDriver.class);
  private static final int SUNSPEC_NOT_IMPLEMENTED = -32768;

  private final DeviceConfig.Modbus config;
  private final Clock clock;

  /** Extra time over the device timeout before our own bound on a network call fires. */
  private static final long MARGIN_MILLIS = 250;

  private final AtomicReference<ModbusClient> client = new AtomicReference<>();
  private final LastKnownValues lastKnown = new LastKnownValues();
  private final List<Block> blocks;
  private final Map<Integer, Span> valueSpans = new HashMap<>();
  private final Map<Integer, Span> scaleSpans = new HashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private boolean failing;
  private final Map<Integer, String> spanProblems = new HashMap<>();
  private volatile Map<PointTarget, String> lastProblems = Map.of();

  public ModbusMeterDriver(DeviceConfig.Modbus config, Clock clock) {
    this.config = config;
    this.clock = clock;
    List<Span> spans = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < config.points().size(); i++) {
      ModbusPoint point = config.points().get(i);
      RegisterSpec r = point.register();
      Span value = new Span(id++, r.function(), r.address(), r.registers());
      spans.add(value);
      valueSpans.put(i, value);
      if (point.scaleRegister().isPresent()) {
        Span sf = new Span(id++, r.function(), point.scaleRegister().getAsInt(), 1);
        spans.add(sf);
        scaleSpans.put(i, sf);
      }
    }
    this.blocks = ReadPlan.plan(spans, config.maxGap());
  }

  private static ModbusClient clientFor(DeviceConfig.Modbus config) {
    Consumer<NettyClientTransportConfig.Builder> tcp =
        cfg ->
            cfg.setHostname(config.host())
                .setPort(config.port())
                .setConnectTimeout(config.timeout())
                .setConnectPersistent(false);
    return switch (config.link()) {
      case TCP ->
          ModbusTcpClient.create(
              NettyTcpClientTransport.create(tcp), cfg -> cfg.setRequestTimeout(config.timeout()));
      case RTU_OVER_TCP ->
          ModbusRtuClient.create(
              NettyRtuClientTransport.create(tcp), cfg -> cfg.setRequestTimeout(config.timeout()));
      case RTU ->
          ModbusRtuClient.create(
              new SerialLineTransport(config.serial().orElseThrow()),
              cfg -> cfg.setRequestTimeout(config.timeout()));
    };
  }

  @Override
  public String deviceId() {
    return config.id();
  }

  @Override
  public String protocol() {
    return "modbus";
  }

  /** Read requests sent since start (for tests of coalescing and retries). */
  public long requestsSent() {
    return requests.get();
  }

  /** The planned read requests of one poll. */
  public List<Block> plan() {
    return blocks;
  }

  @Override
  public Map<PointTarget, String> lastProblems() {
    return lastProblems;
  }

  /**
   * Modbus Application Protocol v1.1b3 §7: what an exception code means, as an engineer would look
   * it up.
   */
  static String exceptionMeaning(int code) {
    String meaning =
        switch (code) {
          case 0x01 -> "illegal function (the device does not support this function code)";
          case 0x02 -> "illegal data address (no such register in the device's map)";
          case 0x03 -> "illegal data value (e.g. more registers than the device serves at once)";
          case 0x04 -> "server device failure";
          case 0x05 -> "acknowledge (the device is busy with a long command)";
          case 0x06 -> "server device busy";
          case 0x08 -> "memory parity error";
          case 0x0A -> "gateway path unavailable (a Modbus gateway cannot reach the unit)";
          case 0x0B -> "gateway target device failed to respond (no answer from this unit id)";
          default -> "unknown exception code";
        };
    return String.format("Modbus exception %02X: %s", code, meaning);
  }

  @Override
  public synchronized List<Reading> poll() {
    spanProblems.clear();
    Map<Integer, byte[]> data = new HashMap<>();
    Map<Integer, Instant> arrived = new HashMap<>();
    String trouble = null;
    for (Block block : blocks) {
      try {
        readBlock(block, data, arrived);
      } catch (TransportTrouble e) {
        trouble = e.getMessage();
        dropClient();
        break;
      }
    }
    List<Reading> readings = new ArrayList<>(config.points().size());
    Instant now = clock.instant();
    Map<PointTarget, String> problems = new HashMap<>();
    for (int i = 0; i < config.points().size(); i++) {
      Reading r = lastKnown.remember(toReading(i, data, arrived, now));
      readings.add(r);
      if (r.quality() == Quality.BAD) {
        problems.put(r.target(), problemOf(i, data, trouble));
      }
    }
    lastProblems = Map.copyOf(problems);
    if (trouble != null) {
      if (!failing) {
        log.warn("device {}: {}", config.id(), trouble);
        failing = true;
      }
    } else if (failing) {
      log.info("device {}: reading again from {}", config.id(), config.where());
      failing = false;
    }
    return readings;
  }

  /** Why point {@code i} is bad, from what the poll saw. */
  private String problemOf(int i, Map<Integer, byte[]> data, String trouble) {
    Span value = valueSpans.get(i);
    String refused = spanProblems.get(value.id());
    if (refused != null) {
      return refused;
    }
    Span sf = scaleSpans.get(i);
    if (sf != null && spanProblems.containsKey(sf.id())) {
      return "scale-factor register: " + spanProblems.get(sf.id());
    }
    if (data.get(value.id()) == null) {
      return trouble != null
          ? trouble
          : "the device answered with fewer registers than asked for (short reply)";
    }
    if (sf != null) {
      byte[] sfBytes = data.get(sf.id());
      int factor = sfBytes == null ? SUNSPEC_NOT_IMPLEMENTED : ByteBuffer.wrap(sfBytes).getShort();
      if (factor == SUNSPEC_NOT_IMPLEMENTED || factor < -10 || factor > 10) {
        return "scale factor " + factor + " (SunSpec: not implemented)";
      }
    }
    return "the register holds no number (NaN or infinity: the meter's \"not available\")";
  }

  private Reading toReading(
      int i, Map<Integer, byte[]> data, Map<Integer, Instant> arrived, Instant now) {
    ModbusPoint point = config.points().get(i);
    Span valueSpan = valueSpans.get(i);
    byte[] bytes = data.get(valueSpan.id());
    Instant ts = arrived.getOrDefault(valueSpan.id(), now);
    if (bytes == null) {
      return Reading.bad(point.target(), ts, lastKnown.get(point.target()));
    }
    try {
      // integer registers are decoded exactly: a 64-bit counter keeps every digit
      Optional<BigDecimal> exact = RegisterCodec.decodeExact(bytes, point.register());
      double value =
          exact.isPresent()
              ? exact.get().doubleValue()
              : RegisterCodec.decode(bytes, point.register());
      Span sfSpan = scaleSpans.get(i);
      if (sfSpan != null) {
        byte[] sfBytes = data.get(sfSpan.id());
        int sf = sfBytes == null ? SUNSPEC_NOT_IMPLEMENTED : ByteBuffer.wrap(sfBytes).getShort();
        if (sf == SUNSPEC_NOT_IMPLEMENTED || sf < -10 || sf > 10) {
          log.debug("device {}: point {} has scale factor {}", config.id(), i, sf);
          return Reading.bad(point.target(), ts, lastKnown.get(point.target()));
        }
        value = RegisterCodec.scale(value, Math.pow(10, sf));
        exact = exact.map(e -> e.scaleByPowerOfTen(sf));
      }
      if (exact.isPresent()) {
        return Reading.of(point.target(), ts, exact.get(), Quality.GOOD);
      }
      if (!Double.isFinite(value)) {
        return Reading.bad(point.target(), ts, lastKnown.get(point.target()));
      }
      return Reading.good(point.target(), ts, value);
    } catch (IllegalArgumentException e) {
      return Reading.bad(point.target(), ts, lastKnown.get(point.target()));
    }
  }

  /** Reads one block; on an exception response falls back to one request per span. */
  private void readBlock(Block block, Map<Integer, byte[]> data, Map<Integer, Instant> arrived)
      throws TransportTrouble {
    try {
      byte[] response = readWithRetries(block.function(), block.address(), block.count());
      Instant at = clock.instant();
      for (Span span : block.spans()) {
        if (block.covers(response, span)) {
          data.put(span.id(), block.slice(response, span));
          arrived.put(span.id(), at);
        }
      }
    } catch (ModbusResponseException e) {
      if (block.spans().size() == 1) {
        log.debug(
            "device {}: exception {} for registers {}+{}",
            config.id(),
            e.getExceptionCode(),
            block.address(),
            block.count());
        spanProblems.put(
            block.spans().get(0).id(),
            exceptionMeaning(e.getExceptionCode())
                + " for function "
                + block.function()
                + " register "
                + block.address()
                + (block.count() > 1 ? ".." + (block.address() + block.count() - 1) : ""));
        return;
      }
      for (Span span : block.spans()) {
        readBlock(
            new Block(span.function(), span.address(), span.count(), List.of(span)), data, arrived);
      }
    }
  }

  /**
   * One read with its retries, as a chain of futures: every attempt connects if needed and sends
   * the request, each bounded by the device's timeout; a failed attempt drops the connection and
   * the next one is scheduled after the backoff (no thread sleeps). The poll thread waits for the
   * whole chain at most {@link #readBudget}, so nothing can hold it longer.
   */
  private byte[] readWithRetries(int function, int address, int count)
      throws ModbusResponseException, TransportTrouble {
    // A device that failed its last poll gets a single attempt per poll until it answers again:
    // a dead device then costs one timeout per poll, and the first poll after it returns reads.
    int attempts = failing ? 1 : config.retries() + 1;
    CompletableFuture<byte[]> read =
        attempt(function, address, count, 1, attempts, config.retryBackoff().toMillis());
    try {
      return read.get(readBudget(attempts).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof ModbusResponseException refused) {
        throw refused;
      }
      if (cause instanceof TransportTrouble trouble) {
        throw trouble;
      }
      dropClient();
      throw new TransportTrouble(
          "no answer from " + config.where() + ": " + RootCause.message(cause));
    } catch (TimeoutException e) {
      read.cancel(true);
      dropClient();
      throw new TransportTrouble(
          "no answer from " + config.where() + " within " + readBudget(attempts));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      read.cancel(true);
      dropClient();
      throw new TransportTrouble("poll of " + config.where() + " interrupted");
    }
  }

  private CompletableFuture<byte[]> attempt(
      int function, int address, int count, int attempt, int attempts, long backoffMillis) {
    requests.incrementAndGet();
    CompletableFuture<byte[]> one;
    ModbusClient c;
    try {
      c = client();
      one = connect(c).thenCompose(ignored -> request(c, function, address, count));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return one.exceptionallyCompose(
        error -> {
          Throwable cause = unwrap(error);
          if (cause instanceof ModbusResponseException) {
            return CompletableFuture.failedFuture(cause);
          }
          // a timed-out request may still be answered later; on RTU framing a late answer would
          // pass for the next one, so a connection that missed an answer is never reused
          dropClient(c);
          if (attempt >= attempts) {
            return CompletableFuture.failedFuture(
                new TransportTrouble(
                    "no answer from "
                        + config.where()
                        + " after "
                        + attempt
                        + (attempt == 1 ? " attempt: " : " attempts: ")
                        + RootCause.message(cause)));
          }
          Executor later = CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS);
          return CompletableFuture.supplyAsync(() -> null, later)
              .thenCompose(
                  ignored ->
                      attempt(function, address, count, attempt + 1, attempts, backoffMillis * 2));
        });
  }

  private CompletableFuture<Void> connect(ModbusClient c) {
    if (c.isConnected()) {
      return CompletableFuture.completedFuture(null);
    }
    // the transport has its own connect timeout; this bound also covers a connection state
    // machine that never completes (seen after a slave vanished under a live connection)
    return c.connectAsync()
        .toCompletableFuture()
        .orTimeout(config.timeout().toMillis() + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<byte[]> request(ModbusClient c, int function, int address, int count) {
    CompletableFuture<byte[]> response =
        function == RegisterSpec.READ_HOLDING_REGISTERS
            ? c.readHoldingRegistersAsync(
                    config.unitId(), new ReadHoldingRegistersRequest(address, count))
                .toCompletableFuture()
                .thenApply(r -> r.registers())
            : c.readInputRegistersAsync(
                    config.unitId(), new ReadInputRegistersRequest(address, count))
                .toCompletableFuture()
                .thenApply(r -> r.registers());
    return response.orTimeout(config.timeout().toMillis() + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The longest a read with {@code attempts} attempts may take: connect and request each. */
  private Duration readBudget(int attempts) {
    long backoffs = 0;
    long backoff = config.retryBackoff().toMillis();
    for (int i = 1; i < attempts; i++) {
      backoffs += backoff;
      backoff *= 2;
    }
    return Duration.ofMillis(
        attempts * 2 * (config.timeout().toMillis() + MARGIN_MILLIS) + backoffs + MARGIN_MILLIS);
  }

  /** The current client, or a new one (a fresh connection state machine) after trouble. */
  private ModbusClient client() {
    ModbusClient c = client.get();
    if (c == null) {
      c = clientFor(config);
      if (!client.compareAndSet(null, c)) {
        return client.get();
      }
    }
    return c;
  }

  private void dropClient() {
    ModbusClient c = client.get();
    if (c != null) {
      dropClient(c);
    }
  }

  /** Forgets {@code c} and closes its connection without waiting for the close to complete. */
  private void dropClient(ModbusClient c) {
    if (client.compareAndSet(c, null)) {
      try {
        c.disconnectAsync()
            .toCompletableFuture()
            .orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete(
                (v, e) -> {
                  if (e != null) {
                    log.debug("device {}: disconnect: {}", config.id(), e.toString());
                  }
                });
      } catch (RuntimeException e) {
        log.debug("device {}: disconnect failed", config.id(), e);
      }
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public synchronized void close() {
    dropClient();
  }

  /** The device or the link did not answer, even after retries. */
  static final class TransportTrouble extends Exception {
    TransportTrouble(String message) {
      super(message, null, false, false);
    }
  }
}
