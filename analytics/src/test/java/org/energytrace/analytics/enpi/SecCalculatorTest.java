package org.energytrace.analytics.enpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.analytics.units.ConversionTable;
import org.junit.jupiter.api.Test;

class SecCalculatorTest {

  static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1); // a Monday

  @Test
  void computesMonthlySecInMegajoulesAndFlagsMissingDaysWithoutFillingThem() {
    List<DailyValue> energy = new ArrayList<>();
    List<DailyValue> production = new ArrayList<>();
    for (LocalDate d = JAN_1; d.isBefore(LocalDate.of(2024, 3, 1)); d = d.plusDays(1)) {
      if (!d.equals(LocalDate.of(2024, 2, 10))) {
        energy.add(new DailyValue(d, 1000)); // kWh
      }
      production.add(new DailyValue(d, 10)); // t
    }
    var mj = ConversionTable.bundled().factor("electricity", "kWh", Accounting.MJ_FINAL, JAN_1);
    SecSeries s =
        SecCalculator.compute(
            energy, production, Bucket.MONTH, JAN_1, LocalDate.of(2024, 2, 29), "kWh", mj);
    assertThat(s.energyUnit()).isEqualTo("MJ");
    assertThat(s.points()).hasSize(2);
    // 1000 kWh × 3.6 MJ/kWh / 10 t = 360 MJ/t on every day with data
    assertThat(s.points().get(0).sec()).isCloseTo(360, within(1e-9));
    assertThat(s.points().get(0).complete()).isTrue();
    assertThat(s.points().get(1).complete()).isFalse();
    assertThat(s.points().get(1).daysWithData()).isEqualTo(28);
    assertThat(s.points().get(1).sec()).isCloseTo(360, within(1e-9));
    assertThat(s.coverage().missing()).containsExactly(LocalDate.of(2024, 2, 10).atStartOfDay());
    assertThat(s.coverage().expected()).isEqualTo(60);
  }

  @Test
  void weeklyBucketsStartOnMondayAndAWeekWithoutDataHasNoSec() {
    List<DailyValue> energy =
        List.of(new DailyValue(JAN_1, 50), new DailyValue(JAN_1.plusDays(1), 70));
    List<DailyValue> production =
        List.of(new DailyValue(JAN_1, 5), new DailyValue(JAN_1.plusDays(1), 5));
    SecSeries s =
        SecCalculator.compute(
            energy, production, Bucket.WEEK, JAN_1, JAN_1.plusDays(13), "kWh", null);
    assertThat(s.points()).hasSize(2);
    assertThat(s.points().get(0).sec()).isCloseTo(12, within(1e-12));
    assertThat(s.points().get(1).sec()).isNaN();
    assertThat(s.points().get(1).daysWithData()).isZero();
    assertThat(s.coverage().present()).isEqualTo(2);
  }
}
