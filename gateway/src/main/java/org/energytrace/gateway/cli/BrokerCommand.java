package org.energytrace.gateway.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.gateway.broker.EmbeddedBroker;
import org.energytrace.gateway.runtime.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway broker}: an embedded MQTT 5 broker for demos. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Run an embedded MQTT 5 broker (HiveMQ CE).")
public final class BrokerCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(BrokerCommand.class);

  @Option(names = "--port", defaultValue = "1883", description = "Default: ${DEFAULT-VALUE}")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "Bind address; 0.0.0.0 serves other hosts (the broker takes anonymous clients)."
              + " Default: ${DEFAULT-VALUE}")
  String bind;

  @Mixin ParentProcess parent = new ParentProcess();

  @Override
  public Integer call() throws Exception {
    if (!parent.stopWithIt()) {
      return 2;
    }
    EmbeddedBroker broker = new EmbeddedBroker(bind, port);
    broker.start();
    log.info("embedded MQTT 5 broker (HiveMQ CE) listening on {}:{}", bind, port);
    Lifecycle.runUntilShutdown(List.of(broker));
    return 0;
  }
}
