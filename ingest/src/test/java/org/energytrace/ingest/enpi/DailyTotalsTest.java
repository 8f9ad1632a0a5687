package org.energytrace.ingest.enpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.energytrace.ingest.counters.Interval;
import org.junit.jupiter.api.Test;

class DailyTotalsTest {
  static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh"); // UTC+7, no daylight saving
  static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  static Interval iv(String start, String end, double energy) {
    return new Interval(Instant.parse(start), Instant.parse(end), energy, Interval.How.DIFFERENCE);
  }

  @Test
  void sharesAnIntervalAcrossLocalMidnightInProportionToTimeAndReportsTheShareAsApportioned() {
    // 2026-03-09T17:00Z is local midnight of 2026-03-10: 22:00..02:00 local, 2 h on each day
    List<DailyTotals.Day> days =
        DailyTotals.of(
            List.of(iv("2026-03-09T15:00:00Z", "2026-03-09T19:00:00Z", 40)),
            HCM,
            DAY.minusDays(1),
            DAY);
    assertThat(days.get(0).total()).isEqualTo(20.0);
    assertThat(days.get(1).total()).isEqualTo(20.0);
    assertThat(days.get(1).apportioned()).isEqualTo(20.0);
  }

  @Test
  void givesADayATotalOnlyWhenIntervalsCoverEverySecondOfIt() {
    List<DailyTotals.Day> days =
        DailyTotals.of(
            List.of(
                iv("2026-03-09T17:00:00Z", "2026-03-10T05:00:00Z", 12),
                iv("2026-03-10T06:00:00Z", "2026-03-10T17:00:00Z", 11)),
            HCM,
            DAY,
            DAY);
    // one hour without readings: never a partial total (CalTRACK: gaps are not filled)
    assertThat(days.get(0).complete()).isFalse();
    assertThat(days.get(0).covered()).isEqualTo(23.0 / 24.0);
    assertThat(DailyTotals.complete(days)).isEmpty();
  }

  @Test
  void sumsContiguousIntervalsOfACompleteDayExactly() {
    List<DailyTotals.Day> days =
        DailyTotals.of(
            List.of(
                iv("2026-03-09T17:00:00Z", "2026-03-10T05:00:00Z", 12.5),
                iv("2026-03-10T05:00:00Z", "2026-03-10T17:00:00Z", 7.25)),
            HCM,
            DAY,
            DAY);
    assertThat(DailyTotals.complete(days))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.day()).isEqualTo(DAY);
              assertThat(v.value()).isEqualTo(19.75);
            });
    assertThat(days.get(0).apportioned()).isZero();
  }
}
