package org.energytrace.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  @Test
  void aDegradedPartIsReportedWithItsReasonButReadinessStaysUp() {
    Readiness readiness =
        new Readiness(
            List.of(
                HealthCheck.of("db", HealthCheck.Result::up),
                HealthCheck.of(
                    "storage", () -> HealthCheck.Result.degraded("job 1000 failed: cannot drop"))));

    Readiness.Report report = readiness.check().join();

    assertThat(report.up()).isTrue();
    assertThat(report.parts().get("storage").state()).isEqualTo("DEGRADED");
    assertThat(report.parts().get("storage").detail()).contains("job 1000 failed");
    assertThat(report.parts().get("db").state()).isEqualTo("UP");
  }

  @Test
  void aPartThatDoesNotAnswerInTimeIsDownAndMakesReadinessFail() {
    HealthCheck hanging =
        new HealthCheck() {
          @Override
          public String name() {
            return "db";
          }

          @Override
          public CompletionStage<Result> check() {
            return new CompletableFuture<>();
          }
        };
    Readiness readiness =
        new Readiness(
            List.of(hanging, HealthCheck.of("mqtt", HealthCheck.Result::up)),
            Duration.ofMillis(50));

    Readiness.Report report = readiness.check().join();

    assertThat(report.up()).isFalse();
    assertThat(report.parts().get("db").state()).isEqualTo("DOWN");
    assertThat(report.parts().get("db").detail()).isEqualTo("no answer within PT0.05S");
  }
}
