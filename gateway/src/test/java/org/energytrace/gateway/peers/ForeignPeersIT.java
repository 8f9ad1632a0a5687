package org.energytrace.gateway.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.energytrace.gateway.config.DeviceConfig;
import org.energytrace.gateway.config.DeviceConfig.ModbusPoint;
import org.energytrace.gateway.config.DeviceConfig.OpcUaPoint;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.MeterDriverContract;
import org.energytrace.gateway.modbus.ModbusMeterDriver;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.PointTarget.MeterChannel;
import org.energytrace.gateway.model.RegisterOrder;
import org.energytrace.gateway.model.RegisterSpec;
import org.energytrace.gateway.opcua.OpcUaMeterDriver;
import org.energytrace.gateway.poll.MeterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway's drivers against protocol implementations we did not write: pymodbus (Debian's
 * python3-pymodbus) for Modbus TCP and node-opcua (npm) for OPC UA. Our own simulator shares code
 * with the drivers (the register codec); these peers do not, so a symmetric misunderstanding of a
 * spec cannot pass here. The peers are small scripts under src/test/peers; a missing runtime fails
 * the test with what to install.
 */
class ForeignPeersIT {
  static final Path PEERS = Path.of("src", "test", "peers");

  /** A peer process that prints "READY ..." on stdout once it serves. */
  static final class Peer implements AutoCloseable {
    final Process process;
    final AtomicReference<String> ready = new AtomicReference<>();
    final StringBuffer output = new StringBuffer();

    Peer(Path dir, String... command) throws IOException {
      this(dir, List.of(command));
    }

    Peer(Path dir, List<String> command) throws IOException {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith("READY ")) {
                      ready.set(line.substring(6).trim());
                    }
                  }
                } catch (IOException e) {
                  output.append(e);
                }
              },
              "peer-output");
      reader.setDaemon(true);
      reader.start();
      // a peer that exited stops the wait at once, with its output (it waited the 90 s out)
      await()
          .atMost(Duration.ofSeconds(90))
          .failFast(
              "peer " + command + " exited early",
              () ->
                  assertThat(process.isAlive() || ready.get() != null)
                      .as("peer %s exited early:%n%s", List.of(command), output)
                      .isTrue())
          .untilAsserted(
              () -> assertThat(ready.get()).as("peer %s ready", List.of(command)).isNotNull());
    }

    /**
     * A peer listening on a free port ({@code command} of the port), on another one when the port
     * was taken between choosing it and the peer binding it (EADDRINUSE: a CI run shared with other
     * processes lost a node-opcua peer that way).
     */
    static Peer onFreePort(Path dir, IntFunction<List<String>> command, IntConsumer port)
        throws IOException {
      for (int attempt = 1; ; attempt++) {
        int p = FreePorts.next();
        port.accept(p);
        try {
          return new Peer(dir, command.apply(p));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
          StringBuilder why = new StringBuilder();
          for (Throwable t = e; t != null; t = t.getCause()) {
            why.append(t.getMessage()).append('\n');
          }
          if (attempt >= 3
              || !(why.indexOf("EADDRINUSE") >= 0 || why.indexOf("Address already in use") >= 0)) {
            throw e;
          }
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static void requireCommand(String command, String hint) {
    requireCommand(command, "--version", hint);
  }

  static void requireCommand(String command, String versionFlag, String hint) {
    try {
      Process p = new ProcessBuilder(command, versionFlag).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assertThat(p.waitFor()).as("%s %s", command, versionFlag).isZero();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(command + " is required for this test: " + hint, e);
    }
  }

  // Modbus application protocol v1.1b3, 6.3/6.4: registers are big-endian 16-bit words; the meters'
  // manuals fix the word order (high word first for SDM630 float32 and iEM3xxx int64).
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Pymodbus {
    static final double SDM_POWER_W = 12345.5;
    static final double SDM_ENERGY_KWH = 987654.25;
    static final double IEM_POWER_KW = 42.5;
    static final long IEM_ENERGY_WH = 123_456_789_012L;

    Peer peer;
    int port;

    @BeforeAll
    void startPymodbus() throws IOException {
      requireCommand("/usr/bin/python3", "apt-get install python3-pymodbus (see .ci/run)");
      peer =
          Peer.onFreePort(
              PEERS,
              p ->
                  List.of(
                      "/usr/bin/python3",
                      "pymodbus_meter.py",
                      "--port",
                      String.valueOf(p),
                      "--sdm-power-w",
                      String.valueOf(SDM_POWER_W),
                      "--sdm-energy-kwh",
                      String.valueOf(SDM_ENERGY_KWH),
                      "--iem-power-kw",
                      String.valueOf(IEM_POWER_KW),
                      "--iem-energy-wh",
                      String.valueOf(IEM_ENERGY_WH)),
              p -> port = p);
    }

    @AfterAll
    void stopPymodbus() throws InterruptedException {
      if (peer != null) {
        peer.close();
      }
    }

    DeviceConfig.Modbus sdm630(int port) {
      return new DeviceConfig.Modbus(
          "sdm630",
          "127.0.0.1",
          port,
          1,
          Duration.ofSeconds(2),
          List.of(
              new ModbusPoint(
                  MeterChannel.gauge("sdm630", "AcActivePowerTotal", "KWT"),
                  new RegisterSpec(4, 0x0034, DataType.FLOAT32, RegisterOrder.ABCD, 0.001)),
              new ModbusPoint(
                  MeterChannel.counter("sdm630", "AcActiveEnergyTotalImport", "KWH", 32),
                  new RegisterSpec(4, 0x0048, DataType.FLOAT32, RegisterOrder.ABCD, 1))));
    }

    DeviceConfig.Modbus iem3000(int port) {
      return new DeviceConfig.Modbus(
          "iem3155",
          "127.0.0.1",
          port,
          2,
          Duration.ofSeconds(2),
          List.of(
              new ModbusPoint(
                  MeterChannel.gauge("iem3155", "AcActivePowerTotal", "KWT"),
                  new RegisterSpec(3, 3059, DataType.FLOAT32, RegisterOrder.ABCD, 1)),
              new ModbusPoint(
                  MeterChannel.counter("iem3155", "AcActiveEnergyTotalImport", "KWH", 64),
                  new RegisterSpec(3, 3203, DataType.INT64, RegisterOrder.ABCD, 0.001))));
    }

    @Nested
    class EastronSdm630Layout extends MeterDriverContract {
      @Override
      protected MeterDriver driverForRunningDevice() {
        return new ModbusMeterDriver(sdm630(port), Clock.systemUTC());
      }

      @Override
      protected List<Expected> expectedValues() {
        List<Expected> expected = new ArrayList<>();
        // float32 on the wire: 12345.5 W and 987654.25 kWh are exact in binary32; the scale is
        // decimal (W to kW), so expect the correctly rounded quotient
        expected.add(new Expected(sdm630(port).points().get(0).target(), SDM_POWER_W / 1000.0));
        expected.add(new Expected(sdm630(port).points().get(1).target(), SDM_ENERGY_KWH));
        return expected;
      }

      @Override
      protected MeterDriver driverForUnreachableDevice() {
        return new ModbusMeterDriver(sdm630(FreePorts.next()), Clock.systemUTC());
      }
    }

    @Nested
    class SchneiderIem3000Layout extends MeterDriverContract {
      @Override
      protected MeterDriver driverForRunningDevice() {
        return new ModbusMeterDriver(iem3000(port), Clock.systemUTC());
      }

      @Override
      protected List<Expected> expectedValues() {
        return List.of(
            new Expected(iem3000(port).points().get(0).target(), IEM_POWER_KW),
            new Expected(iem3000(port).points().get(1).target(), IEM_ENERGY_WH / 1000.0));
      }

      @Override
      protected MeterDriver driverForUnreachableDevice() {
        return new ModbusMeterDriver(iem3000(FreePorts.next()), Clock.systemUTC());
      }
    }
  }

  static final double RTU_POWER_W = 2222.5;
  static final double RTU_ENERGY_KWH = 3333.25;

  static String[] pymodbusRtuArgs(String... where) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3",
                "pymodbus_meter.py",
                "--sdm-power-w",
                String.valueOf(RTU_POWER_W),
                "--sdm-energy-kwh",
                String.valueOf(RTU_ENERGY_KWH),
                "--iem-power-kw",
                "1",
                "--iem-energy-wh",
                "1"));
    args.addAll(List.of(where));
    return args.toArray(String[]::new);
  }

  static DeviceConfig.Modbus rtuMeter(DeviceConfig.ModbusLink link, String host, int port) {
    return new DeviceConfig.Modbus(
            "sdm630-rtu",
            "127.0.0.1",
            port <= 0 ? 502 : port,
            1,
            Duration.ofSeconds(2),
            List.of(
                new ModbusPoint(
                    MeterChannel.gauge("sdm630-rtu", "AcActivePowerTotal", "KWT"),
                    new RegisterSpec(4, 0x0034, DataType.FLOAT32, RegisterOrder.ABCD, 0.001)),
                new ModbusPoint(
                    MeterChannel.counter("sdm630-rtu", "AcActiveEnergyTotalImport", "KWH", 32),
                    new RegisterSpec(4, 0x0048, DataType.FLOAT32, RegisterOrder.ABCD, 1))))
        .withLink(link, host, port <= 0 ? 502 : port);
  }

  static List<MeterDriverContract.Expected> rtuExpected() {
    DeviceConfig.Modbus m = rtuMeter(DeviceConfig.ModbusLink.TCP, "127.0.0.1", 502);
    return List.of(
        new MeterDriverContract.Expected(m.points().get(0).target(), RTU_POWER_W / 1000.0),
        new MeterDriverContract.Expected(m.points().get(1).target(), RTU_ENERGY_KWH));
  }

  // Modbus over Serial Line v1.02 §2.5.1: RTU frames (address, PDU, CRC-16) carried over TCP by
  // serial-to-Ethernet converters in transparent mode.
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class PymodbusRtuOverTcp extends MeterDriverContract {
    Peer peer;
    int port;

    @BeforeAll
    void startPeer() throws IOException {
      requireCommand("/usr/bin/python3", "apt-get install python3-pymodbus (see .ci/run)");
      peer =
          Peer.onFreePort(
              PEERS,
              p -> List.of(pymodbusRtuArgs("--port", String.valueOf(p), "--framer", "rtu")),
              p -> port = p);
    }

    @AfterAll
    void stopPeer() throws InterruptedException {
      if (peer != null) {
        peer.close();
      }
    }

    @Override
    protected MeterDriver driverForRunningDevice() {
      return new ModbusMeterDriver(
          rtuMeter(DeviceConfig.ModbusLink.RTU_OVER_TCP, "127.0.0.1", port), Clock.systemUTC());
    }

    @Override
    protected List<Expected> expectedValues() {
      return rtuExpected();
    }

    @Override
    protected MeterDriver driverForUnreachableDevice() {
      return new ModbusMeterDriver(
          rtuMeter(DeviceConfig.ModbusLink.RTU_OVER_TCP, "127.0.0.1", FreePorts.next()),
          Clock.systemUTC());
    }
  }

  // Modbus over Serial Line v1.02: RTU on a virtual serial line, a socat pty pair; pymodbus
  // (pyserial) on one end, the gateway (stty + the tty device) on the other, 9600 8N1.
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class PymodbusRtuOverSerialLine extends MeterDriverContract {
    Process socat;
    Peer peer;
    Path gatewayEnd;

    @BeforeAll
    void startPeer() throws IOException {
      requireCommand("/usr/bin/python3", "apt-get install python3-pymodbus (see .ci/run)");
      requireCommand("socat", "-V", "apt-get install socat (see .ci/run)");
      Path dir = Files.createTempDirectory("et-serial");
      Path meterEnd = dir.resolve("meter");
      gatewayEnd = dir.resolve("gateway");
      socat =
          new ProcessBuilder(
                  "socat", "pty,raw,echo=0,link=" + meterEnd, "pty,raw,echo=0,link=" + gatewayEnd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("socat.log").toFile())
              .start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.exists(meterEnd) && Files.exists(gatewayEnd));
      peer = new Peer(PEERS, pymodbusRtuArgs("--serial", meterEnd.toString()));
    }

    @AfterAll
    void stopPeer() throws InterruptedException {
      if (peer != null) {
        peer.close();
      }
      if (socat != null) {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
      }
    }

    DeviceConfig.Modbus serialMeter(String device) {
      return rtuMeter(DeviceConfig.ModbusLink.TCP, "127.0.0.1", 502)
          .withSerial(new DeviceConfig.SerialLine(device, 9600, DeviceConfig.Parity.NONE, 1));
    }

    @Override
    protected MeterDriver driverForRunningDevice() {
      return new ModbusMeterDriver(serialMeter(gatewayEnd.toString()), Clock.systemUTC());
    }

    @Override
    protected List<Expected> expectedValues() {
      return rtuExpected();
    }

    @Override
    protected MeterDriver driverForUnreachableDevice() {
      return new ModbusMeterDriver(
          serialMeter(gatewayEnd.resolveSibling("no-such-tty").toString()), Clock.systemUTC());
    }
  }

  // OPC 10000-4 5.10.2 Read service; OPC 10000-6 binary encoding of Double over opc.tcp.
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class NodeOpcUa {
    static final double POWER_KW = 123.25;
    static final double ENERGY_KWH = 4567.5;
    final Path dir = PEERS.resolve("node-opcua");

    Peer peer;
    URI endpoint;

    @BeforeAll
    void startNodeOpcUa() throws Exception {
      requireCommand("node", "Node.js is required (apt-get install nodejs npm; see .ci/run)");
      if (!Files.isDirectory(dir.resolve("node_modules"))) {
        requireCommand("npm", "npm is required to install node-opcua (apt-get install npm)");
        Process npm =
            new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor()).as("npm ci in %s:%n%s", dir, out).isZero();
      }
      peer =
          Peer.onFreePort(
              dir,
              p ->
                  List.of(
                      "node",
                      "meter-server.js",
                      "--port",
                      String.valueOf(p),
                      "--power-kw",
                      String.valueOf(POWER_KW),
                      "--energy-kwh",
                      String.valueOf(ENERGY_KWH)),
              p -> {});
      endpoint = URI.create(peer.ready.get());
    }

    @AfterAll
    void stopNodeOpcUa() throws InterruptedException {
      if (peer != null) {
        peer.close();
      }
    }

    DeviceConfig.OpcUa meter(URI at) {
      return new DeviceConfig.OpcUa(
          "node-opcua-meter",
          at,
          Duration.ofSeconds(5),
          List.of(
              new OpcUaPoint(
                  MeterChannel.gauge("peer-em", "AcActivePowerTotal", "KWT"),
                  "nsu=urn:energytrace:peer;s=Meter.AcActivePowerTotal"),
              new OpcUaPoint(
                  MeterChannel.counter("peer-em", "AcActiveEnergyTotalImport", "KWH", 64),
                  "nsu=urn:energytrace:peer;s=Meter.AcActiveEnergyTotalImport")));
    }

    @Nested
    class ReadService extends MeterDriverContract {
      @Override
      protected MeterDriver driverForRunningDevice() {
        return new OpcUaMeterDriver(meter(endpoint), Clock.systemUTC());
      }

      @Override
      protected List<Expected> expectedValues() {
        return List.of(
            new Expected(meter(endpoint).points().get(0).target(), POWER_KW),
            new Expected(meter(endpoint).points().get(1).target(), ENERGY_KWH));
      }

      @Override
      protected MeterDriver driverForUnreachableDevice() {
        return new OpcUaMeterDriver(
            meter(URI.create("opc.tcp://127.0.0.1:" + FreePorts.next() + "/peer")),
            Clock.systemUTC());
      }
    }
  }
}
