package org.energytrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --parent-pid}: {@code ingest demo} runs the embedded broker and the gateway demo as child
 * processes; a {@code kill -9} of the demo runs none of its shutdown hooks, so without this option
 * the children ran on, holding the buffer's lock and the simulator's ports, and the next {@code
 * ingest demo} failed ("buffer … is in use by another gateway process").
 */
class StopWithParentIT {

  private static final Path JAR = Path.of("target", "energytrace-gateway.jar");

  @TempDir Path dir;

  private Process parent;
  private Process child;

  @AfterEach
  void stop() {
    for (Process p : new Process[] {child, parent}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void theBrokerStopsWhenTheProcessNamedByParentPidIsKilled() throws Exception {
    parent = new ProcessBuilder("sleep", "600").start();
    int port = freePort();
    child = broker(port, parent.pid());
    await("the broker listens").atMost(Duration.ofSeconds(60)).until(() -> listens(port));
    // alive while its parent lives (the JDK looks at another process every few seconds)
    await("the broker runs while its parent does")
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(8))
        .until(child::isAlive);

    parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    await("the broker stops after its parent was killed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !child.isAlive());
    assertThat(child.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("broker.log")))
        .contains("the process that started this one (pid " + parent.pid() + ") has ended");
    assertThat(listens(port)).as("port " + port + " after the broker stopped").isFalse();
  }

  @Test
  void aParentPidOfNoRunningProcessIsRefusedWithCode2() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(10, TimeUnit.SECONDS);
    child = broker(freePort(), gone.pid());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("broker.log")))
        .contains("--parent-pid: no process " + gone.pid() + " runs");
  }

  private Process broker(int port, long parentPid) throws IOException {
    if (!Files.exists(JAR)) {
      fail("This test runs the packaged gateway; build it first (mvn -pl gateway verify): " + JAR);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-jar",
            JAR.toAbsolutePath().toString(),
            "broker",
            "--port",
            Integer.toString(port),
            "--parent-pid",
            Long.toString(parentPid))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("broker.log").toFile())
        .start();
  }

  private static boolean listens(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
