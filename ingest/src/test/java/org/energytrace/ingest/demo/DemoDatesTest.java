package org.energytrace.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoDatesTest {
  static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  static final Instant NOW = Instant.parse("2026-11-29T05:00:00Z"); // 12:00 in Hanoi

  /** The day the gateway's model starts for a given --history (PlantHistory.start's rule). */
  static LocalDate gatewayStart(Instant now, Duration history) {
    return now.minus(history).atZone(VN).toLocalDate();
  }

  @Test
  void aFirstRunStartsTheRequestedHistoryBackWithTheMeasureHalfway() {
    DemoDates d = DemoDates.of(Optional.empty(), NOW, Duration.ofDays(60), VN);

    assertThat(d.historyStart()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(d.measureDate()).isEqualTo(LocalDate.of(2026, 10, 30));
    // the gateway publishes from the measure on; the days before it are seeded (DemoHistory)
    assertThat(d.history()).isEqualTo(Duration.ofDays(30));
    assertThat(gatewayStart(NOW, d.history())).isEqualTo(d.measureDate());
  }

  @Test
  void theDefaultHistoryGivesAYearBeforeTheMeasureAndAMonthAfterIt() {
    DemoDates d = DemoDates.of(Optional.empty(), NOW, Duration.ofDays(395), VN);

    assertThat(d.measureDate()).isEqualTo(LocalDate.of(2026, 10, 30));
    assertThat(d.historyStart()).isEqualTo(d.measureDate().minusDays(365));
    assertThat(gatewayStart(NOW, d.history())).isEqualTo(d.measureDate());
  }

  @Test
  void aRunOnALaterDayKeepsTheFirstRunsStartAndMeasureSoTheModelContinues() {
    Instant firstReading = Instant.parse("2026-09-29T17:00:00Z"); // 2026-09-30 00:00 in Hanoi
    Instant threeDaysLater = NOW.plus(Duration.ofDays(3));

    DemoDates d = DemoDates.of(Optional.of(firstReading), threeDaysLater, Duration.ofDays(60), VN);

    assertThat(d.historyStart()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(d.measureDate()).isEqualTo(LocalDate.of(2026, 10, 30));
    assertThat(d.history()).isEqualTo(Duration.ofDays(33));
    assertThat(gatewayStart(threeDaysLater, d.history())).isEqualTo(d.measureDate());
  }

  @Test
  void readingsOnlyFromTodayDoNotMakeAnEmptyHistory() {
    DemoDates d = DemoDates.of(Optional.of(NOW.minusSeconds(60)), NOW, Duration.ofDays(20), VN);

    assertThat(d.historyStart()).isEqualTo(LocalDate.of(2026, 11, 9));
    assertThat(d.measureDate()).isEqualTo(LocalDate.of(2026, 11, 19));
    assertThat(d.history()).isEqualTo(Duration.ofDays(10));
  }
}
