package org.energytrace.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.energytrace.ingest.production.ProductionFile;
import org.junit.jupiter.api.Test;

class DemoHistoryTest {
  static final ZoneId VN = ZoneId.of(DemoSeeder.ZONE);
  static final LocalDate MEASURE = LocalDate.of(2026, 11, 4);
  static final LocalDate FROM = MEASURE.minusDays(365);
  static final DemoHistory.Generated YEAR = DemoHistory.generate(FROM, MEASURE, VN);

  @Test
  void everyCounterHasAReadingEveryQuarterHourUpToTheMeasuresMidnight() {
    Map<String, List<DemoHistory.Reading>> bySeries = series();
    // three line meters, the boiler's gas, the plant's water and the steam header's heat
    assertThat(bySeries).hasSize(DemoHistory.LINES.size() + 3);
    for (List<DemoHistory.Reading> s : bySeries.values()) {
      assertThat(s).hasSize(365 * 96 + 1);
      assertThat(s.get(0).ts()).isEqualTo(FROM.atStartOfDay(VN).toInstant());
      // the measure's midnight closes the baseline's last day before the gateway publishes
      assertThat(s.get(s.size() - 1).ts()).isEqualTo(MEASURE.atStartOfDay(VN).toInstant());
    }
  }

  @Test
  void theCountersRiseAndEndAtTheValuesTheGatewaySimulatorStartsWith() {
    // the simulator's LineSpec.demoBrewery() and FactoryModel start values: the gateway's first
    // reading repeats the last loaded one, and its next continues the counter
    Map<String, Double> start =
        Map.of(
            "line1-em", 1_048_576.25,
            "line2-em", 2_523_118.5,
            "line3-em", 2_311_902.75,
            "boiler-gas", 853_210.37,
            "water-main", 148_512.25,
            "steam-main", 8_412.6);
    for (Map.Entry<String, List<DemoHistory.Reading>> e : series().entrySet()) {
      List<DemoHistory.Reading> s = e.getValue();
      for (int i = 1; i < s.size(); i++) {
        assertThat(s.get(i).value()).isGreaterThanOrEqualTo(s.get(i - 1).value());
      }
      assertThat(s.get(s.size() - 1).value()).isEqualTo(start.get(e.getKey()));
      double lastStep = s.get(s.size() - 1).value() - s.get(s.size() - 2).value();
      assertThat(lastStep).isPositive();
      // a counter of a year before never goes below zero
      assertThat(s.get(0).value()).isPositive();
    }
  }

  @Test
  void theSteamHeatFollowsTheBoilersGasAsInTheSimulator() {
    // PlantSnapshot.steam(): 10.55 kWh per Nm³ of gas, 90 % boiler efficiency, 30 % of the useful
    // heat to the steam header; each day's steam in GJ over its gas in Nm³ is that, to rounding
    Map<String, List<DemoHistory.Reading>> bySeries = series();
    List<DemoHistory.Reading> gas = bySeries.get("boiler-gas");
    List<DemoHistory.Reading> steam = bySeries.get("steam-main");
    assertThat(steam)
        .allMatch(r -> r.unit().equals("GV") && r.channel().equals("SteamHeatEnergyTotal"));
    for (int day = 0; day < 365; day += 30) {
      int a = day * 96;
      int b = a + 96;
      double gasM3 = gas.get(b).value() - gas.get(a).value();
      double steamGj = steam.get(b).value() - steam.get(a).value();
      assertThat(gasM3).isPositive();
      assertThat(steamGj / gasM3).isCloseTo(10.55 * 0.9 * 0.3 * 0.0036, within(1e-5));
    }
  }

  @Test
  void aFewWorkingDaysHaveNoProductionAndEveryOtherDayHasAllThreeProducts() {
    assertThat(YEAR.missingDays()).hasSize(DemoHistory.MISSING_DAYS);
    assertThat(YEAR.missingDays()).noneMatch(d -> d.getDayOfWeek() == DayOfWeek.SUNDAY);
    Map<LocalDate, Long> products =
        YEAR.production().stream()
            .collect(Collectors.groupingBy(ProductionFile.Row::day, Collectors.counting()));
    assertThat(products).hasSize(365 - DemoHistory.MISSING_DAYS);
    assertThat(products.values()).allMatch(n -> n == DemoHistory.LINES.size());
    assertThat(products.keySet()).doesNotContainAnyElementsOf(YEAR.missingDays());
  }

  /**
   * The coal's stock is counted every Sunday, and a week between counts with a day of production
   * missing is a missing week of its baseline: five missing days in five weeks beside the short
   * week of a 365-day window made six of 52 missing (over the 10 % the one-year check allows), so
   * the demo's coal failed that check on some of the days it was started.
   */
  @Test
  void theMissingDaysFallInAtMostThreeWeeksBetweenSundayCountsWhateverTheDayTheHistoryStarts() {
    for (int shift = 0; shift < 14; shift++) {
      LocalDate from = FROM.plusDays(shift);
      List<LocalDate> missing = DemoHistory.generate(from, from.plusDays(365), VN).missingDays();
      assertThat(missing).hasSize(DemoHistory.MISSING_DAYS);
      assertThat(
              missing.stream()
                  .map(
                      d ->
                          d.with(
                              java.time.temporal.TemporalAdjusters.previousOrSame(
                                  DayOfWeek.SUNDAY)))
                  .distinct()
                  .count())
          .as("weeks of %s (history from %s)", missing, from)
          .isLessThanOrEqualTo(3);
    }
  }

  @Test
  void theProductMixChangesFromDayToDay() {
    // a baseline regressing energy on each product needs outputs that are not proportional
    Map<LocalDate, Map<String, Double>> days = new HashMap<>();
    for (ProductionFile.Row r : YEAR.production()) {
      days.computeIfAbsent(r.day(), d -> new HashMap<>()).put(r.product(), r.quantity());
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Map<String, Double> d : days.values()) {
      if (d.get("crate-beer") > 0) {
        double share = d.get("keg-beer") / d.get("crate-beer");
        min = Math.min(min, share);
        max = Math.max(max, share);
      }
    }
    assertThat(max / min).isGreaterThan(1.3);
  }

  @Test
  void theSameDatesGiveTheSameHistory() {
    DemoHistory.Generated again = DemoHistory.generate(FROM, MEASURE, VN);
    assertThat(again.readings()).isEqualTo(YEAR.readings());
    assertThat(again.production()).isEqualTo(YEAR.production());
    assertThat(again.missingDays()).isEqualTo(YEAR.missingDays());
  }

  private static Map<String, List<DemoHistory.Reading>> series() {
    return YEAR.readings().stream()
        .collect(Collectors.groupingBy(DemoHistory.Reading::meter, Collectors.toList()));
  }
}
