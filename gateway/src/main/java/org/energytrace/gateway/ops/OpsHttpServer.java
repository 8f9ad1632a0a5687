package org.energytrace.gateway.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.energytrace.gateway.model.DaemonThreads;
import org.energytrace.gateway.model.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint on the JDK's HTTP server: {@code GET /metrics} (Prometheus text format
 * 0.0.4) and {@code GET /health} (JSON; HTTP 200 when up, 503 when degraded).
 */
public final class OpsHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpsHttpServer.class);

  private final HttpServer server;

  public OpsHttpServer(
      String bind, int port, PrometheusMeterRegistry registry, Supplier<Health> health) {
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    } catch (IOException e) {
      throw new GatewayException(
          GatewayException.Code.CONFIG_INVALID,
          "http.listen: cannot listen on " + bind + ":" + port + ": " + e.getMessage(),
          e);
    }
    server.createContext(
        "/metrics",
        exchange ->
            respond(
                exchange,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
    server.createContext(
        "/health",
        exchange -> {
          Health h = health.get();
          respond(
              exchange,
              h.up() ? 200 : 503,
              "application/json",
              h.toJson().getBytes(StandardCharsets.UTF_8));
        });
    server.setExecutor(Executors.newSingleThreadExecutor(DaemonThreads.named("ops-http")));
    server.start();
    log.info("operations endpoint on http://{}:{}/ (metrics, health)", bind, port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
