package org.energytrace.ingest.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * The database answers a ping ({@link Connection#isValid}). One ping at a time, on a thread of its
 * own: during an outage a ping can hang for the pool's connection timeout, and probes arriving
 * meanwhile share it instead of piling up threads; {@link Readiness} answers DOWN at its deadline
 * whatever the ping does.
 */
public final class DatabaseCheck implements HealthCheck, AutoCloseable {
  private final DataSource dataSource;
  private final ExecutorService thread;
  private CompletableFuture<Result> inFlight;

  public DatabaseCheck(DataSource dataSource) {
    this.dataSource = dataSource;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "health-db-ping");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String name() {
    return "db";
  }

  @Override
  public synchronized CompletionStage<Result> check() {
    if (inFlight == null || inFlight.isDone()) {
      inFlight = CompletableFuture.supplyAsync(this::ping, thread);
    }
    // a copy per caller: a caller's timeout must not complete the shared ping
    return inFlight.thenApply(r -> r);
  }

  private Result ping() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2) ? Result.up() : Result.down("the connection did not answer a ping");
    } catch (SQLException e) {
      return Result.down(e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
