package org.energytrace.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.junit.jupiter.api.Test;

/** CalTRACK 2.0 §2.2.2.1 and §2.2.2.3: interval rows to daily totals. */
class DailyRollupTest {

  static final LocalDate D1 = LocalDate.of(2024, 3, 1);

  /** Hour h of day d: energy = d + 1 per hour, temperature = h, production = 10 per hour. */
  static void hours(List<Observation> rows, int d, int count) {
    for (int h = 0; h < count; h++) {
      rows.add(
          new Observation(
              D1.plusDays(d).atStartOfDay().plusHours(h), d + 1, List.of((double) h, 10.0)));
    }
  }

  @Test
  void dropsADayMissingMoreThanHalfItsHoursAndFillsOneMissingAtMostHalf() {
    List<Observation> rows = new ArrayList<>();
    hours(rows, 0, 24); // complete: energy 24·1 = 24
    hours(rows, 1, 12); // 12 of 24 present: 12·2 = 24, filled with the mean → 48
    hours(rows, 2, 11); // 11 of 24 present: more than half missing → dropped
    hours(rows, 3, 24); // complete: 24·4 = 96
    DailyRollup r = DailyRollup.of(new DataSet(List.of("temperature", "production"), rows));
    assertThat(r.intervalsPerDay()).isEqualTo(24);
    assertThat(r.days().periods())
        .containsExactly(
            D1.atStartOfDay(), D1.plusDays(1).atStartOfDay(), D1.plusDays(3).atStartOfDay());
    assertThat(r.days().energy()).containsExactly(24.0, 48.0, 96.0);
    // temperature is the mean of the present hours (0..23 → 11.5; 0..11 → 5.5), production is
    // summed and filled like energy (10·12·24/12 = 240)
    assertThat(r.days().column("temperature")).containsExactly(11.5, 5.5, 11.5);
    assertThat(r.days().column("production")).containsExactly(240.0, 240.0, 240.0);
    assertThat(r.filled()).containsEntry(D1.plusDays(1), 12).hasSize(1);
    assertThat(r.dropped()).containsExactly(D1.plusDays(2));
  }

  @Test
  void quarterHourDataHaveNinetySixIntervalsADay() {
    List<Observation> rows = new ArrayList<>();
    for (int q = 0; q < 96 * 2 - 50; q++) { // day 2 has 46 of 96: dropped
      rows.add(new Observation(D1.atStartOfDay().plusMinutes(15L * q), 0.25, List.of(5.0)));
    }
    DailyRollup r = DailyRollup.of(new DataSet(List.of("temperature"), rows));
    assertThat(r.intervalsPerDay()).isEqualTo(96);
    assertThat(r.days().energy()[0]).isCloseTo(24.0, within(1e-12));
    assertThat(r.dropped()).containsExactly(D1.plusDays(1));
  }

  @Test
  void refusesDailyInput() {
    List<Observation> rows = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      rows.add(new Observation(D1.plusDays(d).atStartOfDay(), 1, List.of()));
    }
    assertThatThrownBy(() -> DailyRollup.of(new DataSet(List.of(), rows)))
        .isInstanceOf(AnalyticsException.class)
        .hasMessageContaining("hourly or shorter intervals");
  }
}
