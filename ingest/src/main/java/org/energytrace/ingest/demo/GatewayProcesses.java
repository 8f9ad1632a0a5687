package org.energytrace.ingest.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway jar's processes that {@code ingest demo} runs as children: an embedded broker when
 * the demo needs one, and {@code gateway demo} (simulator and gateway). Their output is forwarded
 * with a prefix. A child that exits while the demo runs is reported once to {@code onDeath} with a
 * message naming it and its exit code (the demo then stops non-zero: docs/dashboards.md, "The
 * demo"); children are stopped when the JVM stops, and stop themselves when it is killed ({@code
 * --parent-pid}).
 */
public final class GatewayProcesses implements AutoCloseable {

  private final Path jar;
  private final Consumer<String> onDeath;
  private final List<Process> children = new CopyOnWriteArrayList<>();
  private volatile boolean closing;

  public GatewayProcesses(Path jar, Consumer<String> onDeath) {
    this.jar = jar;
    this.onDeath = onDeath;
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "gateway-stop"));
  }

  /** {@code gateway broker} on loopback at {@code port}. */
  public Process startBroker(int port) throws Exception {
    return start(
        "embedded MQTT broker",
        "broker",
        List.of("broker", "--bind", "127.0.0.1", "--port", "" + port));
  }

  /**
   * {@code gateway demo} with the given arguments after {@code demo}, and {@code env} added to this
   * process's environment.
   */
  public Process startDemo(List<String> arguments, Map<String, String> env) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("demo");
    args.addAll(arguments);
    return start("gateway demo", "gateway", args, env);
  }

  private Process start(String what, String prefix, List<String> arguments) throws Exception {
    return start(what, prefix, arguments, Map.of());
  }

  private Process start(String what, String prefix, List<String> arguments, Map<String, String> env)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    // the child ends with this JVM even when a kill -9 runs none of its shutdown hooks: left
    // running, it would hold the gateway buffer's lock and the simulator's ports at the next start
    command.addAll(List.of("--parent-pid", Long.toString(ProcessHandle.current().pid())));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    children.add(p);
    Thread forward =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  System.out.println("[" + prefix + "] " + line);
                }
              } catch (Exception e) {
                // child gone
              }
            },
            prefix + "-output");
    forward.setDaemon(true);
    forward.start();
    p.onExit()
        .thenAccept(
            gone -> {
              if (closing) {
                return;
              }
              // the forwarder may still be printing the child's last lines (its reason)
              try {
                forward.join(TimeUnit.SECONDS.toMillis(2));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              // Ctrl-C reaches the children too: they stop with the demo, nothing to report
              if (closing || shuttingDown()) {
                return;
              }
              onDeath.accept(
                  "demo: the "
                      + what
                      + " (pid "
                      + gone.pid()
                      + ", "
                      + String.join(" ", arguments)
                      + ") exited with code "
                      + gone.exitValue()
                      + "; its last lines are above, prefixed ["
                      + prefix
                      + "]. Stopping the demo.");
            });
    System.out.println("started " + what + " (pid " + p.pid() + ") from " + jar);
    return p;
  }

  /** Whether the JVM is stopping (a shutdown hook can no longer be added then). */
  private static boolean shuttingDown() {
    try {
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** Stops every child (newest first) and waits up to 5 s each. */
  @Override
  public void close() {
    closing = true;
    List<Process> reversed = new ArrayList<>(children);
    Collections.reverse(reversed);
    for (Process p : reversed) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
