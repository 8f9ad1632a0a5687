package org.energytrace.ingest.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks every {@link HealthCheck} at once and reports each part UP or DOWN; a part that has not
 * answered within {@code deadline} is DOWN ("no answer within …"), so readiness answers within the
 * deadline however a part hangs.
 */
public final class Readiness {
  /** How long readiness waits for a part (the database ping) before calling it down. */
  public static final Duration DEADLINE = Duration.ofMillis(500);

  private final List<HealthCheck> checks;
  private final Duration deadline;

  public Readiness(List<HealthCheck> checks) {
    this(checks, DEADLINE);
  }

  public Readiness(List<HealthCheck> checks, Duration deadline) {
    this.checks = List.copyOf(checks);
    this.deadline = deadline;
  }

  /** Every part's state, by name, in the order of the checks. */
  public record Report(Map<String, HealthCheck.Result> parts) {
    public boolean up() {
      return parts.values().stream().allMatch(HealthCheck.Result::healthy);
    }
  }

  public CompletableFuture<Report> check() {
    List<CompletableFuture<HealthCheck.Result>> answers = new ArrayList<>();
    for (HealthCheck c : checks) {
      CompletableFuture<HealthCheck.Result> answer;
      try {
        answer = c.check().toCompletableFuture();
      } catch (RuntimeException e) {
        answer = CompletableFuture.completedFuture(HealthCheck.Result.down(e.toString()));
      }
      answers.add(
          answer
              .exceptionally(e -> HealthCheck.Result.down(e.toString()))
              .completeOnTimeout(
                  HealthCheck.Result.down("no answer within " + deadline),
                  deadline.toMillis(),
                  TimeUnit.MILLISECONDS));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              Map<String, HealthCheck.Result> parts = new LinkedHashMap<>();
              for (int i = 0; i < checks.size(); i++) {
                parts.put(checks.get(i).name(), answers.get(i).join());
              }
              return new Report(parts);
            });
  }
}
