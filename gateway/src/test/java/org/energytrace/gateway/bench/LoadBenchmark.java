package org.energytrace.gateway.bench;

import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.gateway.fixtures.FreePorts;
import org.energytrace.gateway.fixtures.MosquittoProcess;

/**
 * Load benchmark (not a test): {@code meters} Modbus meters × {@code points} float32 points polled
 * every second by the packaged gateway in its own JVM ({@code -Xmx128m}), publishing to our own
 * Mosquitto at QoS 1 through the durable file buffer. The meters are one in-process digitalpetri
 * server with one unit id per meter. Prints readings/s polled and published, heap and CPU of the
 * gateway process.
 *
 * <pre>
 * mvn -o -q -pl gateway package -DskipTests &amp;&amp; mvn -o -q -pl gateway -Pbench exec:exec
 * mvn -o -q -pl gateway -Pbench exec:exec -Dbench.args="200 20 120"   (meters points seconds)
 * </pre>
 */
public final class LoadBenchmark {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int meters = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int points = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 90;
    int warmup = 20;
    Path dir = Files.createTempDirectory("et-bench");
    int modbusPort = FreePorts.next();
    int httpPort = FreePorts.next();
    ModbusTcpServer server =
        ModbusTcpServer.create(
            NettyTcpServerTransport.create(
                cfg -> cfg.setBindAddress("127.0.0.1").setPort(modbusPort)),
            new Meters(meters));
    server.start();
    MosquittoProcess broker = new MosquittoProcess(dir.resolve("mosquitto")).start();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, config(meters, points, broker.port, modbusPort, httpPort, dir));
    Path jar = Path.of("target", "energytrace-gateway.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the gateway jar first: mvn -pl gateway package");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process gateway =
        new ProcessBuilder(
                java, "-Xmx128m", "-jar", jar.toString(), "run", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("gateway.log").toFile())
            .start();
    try {
      System.out.printf(
          Locale.ROOT,
          "benchmark: %d meters x %d points every 1 s = %d readings/s expected; warm-up %d s,"
              + " measuring %d s; gateway pid %d, -Xmx128m; %d cores%n",
          meters,
          points,
          meters * points,
          warmup,
          seconds,
          gateway.pid(),
          Runtime.getRuntime().availableProcessors());
      Thread.sleep(warmup * 1000L);
      double polled0 = metric(httpPort, "gateway_readings_polled_total");
      double published0 = metric(httpPort, "gateway_publish_readings_total");
      long cpu0 = cpuTicks(gateway.pid());
      long t0 = System.nanoTime();
      double maxHeap = 0;
      double sumHeap = 0;
      int samples = 0;
      double maxDepth = 0;
      for (int s = 0; s < seconds; s++) {
        Thread.sleep(1000);
        double heap = metric(httpPort, "jvm_memory_used_bytes", "area=\"heap\"");
        maxHeap = Math.max(maxHeap, heap);
        sumHeap += heap;
        samples++;
        maxDepth = Math.max(maxDepth, metric(httpPort, "gateway_buffer_depth"));
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double polled = metric(httpPort, "gateway_readings_polled_total") - polled0;
      double published = metric(httpPort, "gateway_publish_readings_total") - published0;
      double cpuSeconds = (cpuTicks(gateway.pid()) - cpu0) / 100.0; // USER_HZ = 100 on Linux
      double live = metric(httpPort, "jvm_gc_live_data_size_bytes");
      System.out.printf(
          Locale.ROOT,
          "polled    %.0f readings/s%npublished %.0f readings/s%nheap used max %.1f MB, mean %.1f MB,"
              + " live data after last GC %.1f MB (limit 128 MB)%nCPU %.1f %% of one core"
              + "%nbuffer depth max %.0f readings%n",
          polled / elapsed,
          published / elapsed,
          maxHeap / 1e6,
          sumHeap / samples / 1e6,
          live / 1e6,
          100.0 * cpuSeconds / elapsed,
          maxDepth);
    } finally {
      gateway.destroy();
      gateway.waitFor();
      broker.stop();
      server.stop();
    }
  }

  private static String config(
      int meters, int points, int brokerPort, int modbusPort, int httpPort, Path dir) {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        """
        gateway: {id: gw-bench, enterprise: bench, site: load, data_dir: %s}
        mqtt: {url: "tcp://127.0.0.1:%d"}
        publish: {max_points_per_message: 100, max_in_flight: 20}
        buffer: {type: file, max_bytes: 256MB}
        http: {listen: "127.0.0.1:%d"}
        poll_interval: PT1S
        devices:
        """
            .formatted(dir.resolve("data"), brokerPort, httpPort));
    for (int m = 1; m <= meters; m++) {
      yaml.append(
          "  - {id: meter-%03d, protocol: modbus, host: 127.0.0.1, port: %d, unit_id: %d, points: ["
              .formatted(m, modbusPort, m));
      for (int p = 0; p < points; p++) {
        yaml.append(
            "{channel: Ch%02d, function: 3, address: %d, type: float32, unit: WTT}%s"
                .formatted(p, 2 * p, p + 1 < points ? ", " : ""));
      }
      yaml.append("]}\n");
    }
    return yaml.toString();
  }

  private static double metric(int port, String name) throws Exception {
    return metric(port, name, "");
  }

  private static double metric(int port, String name, String labels) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([-0-9.eE+]+)$")
            .matcher(body);
    double sum = 0;
    while (m.find()) {
      if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  /** utime + stime of a process in clock ticks, from /proc/[pid]/stat. */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Every unit id 1..n answers every holding register; values move each second. */
  private static final class Meters implements ModbusServices {
    private final int units;

    Meters(int units) {
      this.units = units;
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
        throws UnknownUnitIdException {
      if (unitId < 1 || unitId > units) {
        throw new UnknownUnitIdException(unitId);
      }
      ByteBuffer out = ByteBuffer.allocate(request.quantity() * 2);
      long second = System.currentTimeMillis() / 1000;
      for (int i = 0; i < request.quantity() / 2; i++) {
        out.putFloat(unitId * 1000 + i + (second % 60));
      }
      return new ReadHoldingRegistersResponse(out.array());
    }
  }
}
