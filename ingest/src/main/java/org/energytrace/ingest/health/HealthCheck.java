package org.energytrace.ingest.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** One part of readiness: its name in the answer and how to find out whether it is up. */
public interface HealthCheck {
  /** The part's key in the readiness answer: {@code db}, {@code mqtt}, {@code pipeline}. */
  String name();

  /**
   * The part's state. Must not block the caller; it may take long to complete — {@link Readiness}
   * reports a part that has not answered within its deadline as down.
   */
  CompletionStage<Result> check();

  /**
   * Up, degraded (working, with a problem an operator should see: reported, readiness stays 200),
   * or down with why.
   */
  record Result(boolean healthy, String detail) {
    public static Result up() {
      return new Result(true, null);
    }

    public static Result degraded(String why) {
      return new Result(true, why);
    }

    /** UP, DEGRADED or DOWN, as the readiness answer writes it. */
    public String state() {
      return !healthy ? "DOWN" : detail == null ? "UP" : "DEGRADED";
    }

    public static Result down(String why) {
      return new Result(false, why);
    }
  }

  /** A check that answers at once from memory (it must not block). */
  static HealthCheck of(String name, Supplier<Result> state) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<Result> check() {
        try {
          return CompletableFuture.completedFuture(state.get());
        } catch (RuntimeException e) {
          return CompletableFuture.completedFuture(Result.down(e.toString()));
        }
      }
    };
  }
}
