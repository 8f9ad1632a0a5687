package org.energytrace.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.BaselineFitter;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.enpi.SecSeries;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.analytics.units.ConversionTable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EnpiBuilderTest {

  static final LocalDate D1 = LocalDate.of(2023, 3, 1);
  static final ConversionTable TABLE = ConversionTable.bundled();

  // a brewery: main electricity meter, a canteen sub-meter outside the boundary, a gas meter
  static final Enterprise BREWERY =
      new Enterprise(
          "E1",
          "Song Be Brewery",
          "1103",
          "Thu Dau Mot",
          "VSIP I",
          true,
          List.of(
              new Site(
                  "S1",
                  "plant",
                  ZoneId.of("Asia/Ho_Chi_Minh"),
                  List.of(
                      new Meter("main", "electricity", "kWh", MeterRole.MAIN, "site"),
                      new Meter("canteen", "electricity", "kWh", MeterRole.SUB, "outside:canteen"),
                      new Meter("gas", "natural_gas", "Nm3", MeterRole.MAIN, "site")),
                  List.of(
                      new ProductionLine(
                          "L1",
                          "brewhouse",
                          List.of(
                              new Product("beer", "lager", ProductUnit.HLT),
                              new Product("soda", "soft drink", ProductUnit.of("hl")))),
                      new ProductionLine(
                          "L2", "cans", List.of(new Product("cans", "cans", ProductUnit.H87)))))));

  static EnpiDefinition facility(EnpiBasis basis) {
    return new EnpiDefinition(
        "facility",
        "whole plant per hl",
        new EnpiScope(EnpiScope.Level.FACILITY, "S1"),
        List.of(MeterTerm.plus("main"), MeterTerm.minus("canteen"), MeterTerm.plus("gas")),
        List.of("beer", "soda"),
        basis);
  }

  static List<DailyValue> days(double... values) {
    List<DailyValue> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        list.add(new DailyValue(D1.plusDays(i), values[i]));
      }
    }
    return list;
  }

  static final double NA = Double.NaN;

  Map<String, List<DailyValue>> energy() {
    return Map.of(
        "main", days(10_000, 10_000, 10_000, 300, 10_000),
        "canteen", days(500, NA, 500, 500, 500),
        "gas", days(200, 200, 200, 0, 200));
  }

  Map<String, List<DailyValue>> output() {
    return Map.of("beer", days(800, 800, 800, 800, NA), "soda", days(200, 200, 200, 200, 200));
  }

  @Nested
  class MultiCarrierAggregation {

    @Test
    void subtractsTheSubMeterOutsideTheBoundaryAndAddsGasInFinalMegajoules() {
      // ISO 50006 EnPI boundary: main − canteen; Circular 20/2016: 3.6 MJ/kWh, 37.683 MJ/Nm3
      EnpiSeries s =
          EnpiBuilder.build(
              BREWERY, facility(EnpiBasis.MJ_FINAL), energy(), output(), D1, D1.plusDays(4), TABLE);
      assertThat(s.energy().get(0).value()).isCloseTo(9500 * 3.6 + 200 * 37.683, within(1e-9));
      assertThat(s.enpiUnit()).isEqualTo("MJ/hl");
      assertThat(s.production().get(0).value()).isEqualTo(1000);
      assertThat(s.conversions())
          .extracting(MeterConversion::meterId)
          .containsExactly("canteen", "gas", "main");
      assertThat(s.conversions())
          .allMatch(c -> c.factor().accounting() == Accounting.MJ_FINAL)
          .allMatch(c -> c.factor().table().equals("circular-20-2016-mj"));
    }

    @Test
    void addsElectricityAndGasInTonnesOfOilEquivalentStatingTheDerivedGasRow() {
      // MOIT TOE table: 0.0001543 TOE/kWh, 0.90 TOE per 1000 m3 (Nm3 derived ×0.001)
      EnpiSeries s =
          EnpiBuilder.build(
              BREWERY,
              facility(EnpiBasis.TOE_PRIMARY),
              energy(),
              output(),
              D1,
              D1.plusDays(4),
              TABLE);
      assertThat(s.energy().get(0).value()).isCloseTo(9500 * 0.0001543 + 0.2 * 0.90, within(1e-12));
      MeterConversion gas =
          s.conversions().stream().filter(c -> c.meterId().equals("gas")).findFirst().orElseThrow();
      assertThat(gas.toEnpiUnit()).isCloseTo(0.0009, within(1e-15));
      assertThat(gas.factor().note()).contains("derived from the 1000m3 row");
      assertThat(gas.firstDay()).isEqualTo(D1);
      assertThat(gas.lastDay()).isEqualTo(D1.plusDays(4));
      assertThat(s.enpiUnit()).isEqualTo("TOE/hl");
    }

    @Test
    void expressesFinalEnergyInKilowattHoursThroughTheMegajouleRows() {
      EnpiSeries s =
          EnpiBuilder.build(
              BREWERY, facility(EnpiBasis.KWH_FINAL), energy(), output(), D1, D1, TABLE);
      assertThat(s.energy().get(0).value()).isCloseTo(9500 + 200 * 37.683 / 3.6, within(1e-9));
    }
  }

  @Nested
  class GapsAndCoverage {

    final EnpiSeries s =
        EnpiBuilder.build(
            BREWERY, facility(EnpiBasis.MJ_FINAL), energy(), output(), D1, D1.plusDays(5), TABLE);

    @Test
    void leavesOutADayWithAMissingMeterInsteadOfSummingTheOthers() {
      // CalTRACK 2.0: never fill gaps silently; a partial sum would book a fake saving
      assertThat(s.gaps())
          .contains(new EnpiGap(D1.plusDays(1), EnpiGap.Reason.ENERGY_MISSING, List.of("canteen")));
      assertThat(s.energy()).extracting(DailyValue::day).doesNotContain(D1.plusDays(1));
    }

    @Test
    void flagsANegativeNetWhenTheSubMeterExceedsTheMainMeter() {
      assertThat(s.gaps())
          .anyMatch(
              g ->
                  g.day().equals(D1.plusDays(3))
                      && g.reason() == EnpiGap.Reason.NET_ENERGY_NEGATIVE);
    }

    @Test
    void countsOnlyDaysWithBothEnergyAndProductionAsCovered() {
      // day 2 no canteen, day 4 negative net, day 5 no beer, day 6 nothing at all
      assertThat(s.coverage().expected()).isEqualTo(6);
      assertThat(s.coverage().present()).isEqualTo(2);
      assertThat(s.coverage().missing()).hasSize(4);
      assertThat(s.gaps())
          .contains(
              new EnpiGap(
                  D1.plusDays(5), EnpiGap.Reason.ENERGY_MISSING, List.of("main", "canteen", "gas")),
              new EnpiGap(
                  D1.plusDays(5), EnpiGap.Reason.PRODUCTION_MISSING, List.of("beer", "soda")));
    }

    @Test
    void givesTheSecSeriesAndADataSetOfTheCoveredDays() {
      SecSeries sec = s.sec(Bucket.DAY);
      assertThat(sec.energyUnit()).isEqualTo("MJ");
      assertThat(sec.points().get(0).sec())
          .isCloseTo((9500 * 3.6 + 200 * 37.683) / 1000, within(1e-9));
      DataSet perProduct = s.dataSet(true);
      assertThat(perProduct.variables()).containsExactly("production_beer", "production_soda");
      assertThat(perProduct.size()).isEqualTo(2);
      assertThat(s.dataSet(false).variables()).containsExactly("production");
    }
  }

  @Nested
  class FeedsTheBaseline {

    @Test
    void aLineEnpiFromTwoMetersRecoversTheLinesModelInOls() {
      // E_line = main − canteen = 2000 + 3·P kWh; the canteen's 400 kWh is outside the boundary
      Map<String, List<DailyValue>> e = new HashMap<>();
      List<DailyValue> main = new ArrayList<>();
      List<DailyValue> canteen = new ArrayList<>();
      List<DailyValue> beer = new ArrayList<>();
      for (int d = 0; d < 365; d++) {
        double p = 500 + (d * 37 % 400);
        main.add(new DailyValue(D1.plusDays(d), 2000 + 3 * p + 400));
        canteen.add(new DailyValue(D1.plusDays(d), 400));
        beer.add(new DailyValue(D1.plusDays(d), p));
      }
      e.put("main", main);
      e.put("canteen", canteen);
      EnpiDefinition line =
          new EnpiDefinition(
              "brewhouse",
              null,
              new EnpiScope(EnpiScope.Level.LINE, "L1"),
              List.of(MeterTerm.plus("main"), MeterTerm.minus("canteen")),
              List.of("beer"),
              EnpiBasis.KWH_FINAL);
      EnpiSeries s =
          EnpiBuilder.build(BREWERY, line, e, Map.of("beer", beer), D1, D1.plusDays(364), TABLE);
      BaselineFit fit = BaselineFitter.ols(s.dataSet(false), List.of("production"));
      assertThat(fit.coefficient("intercept").value()).isCloseTo(2000, within(1e-6));
      assertThat(fit.coefficient("production").value()).isCloseTo(3, within(1e-9));
      assertThat(s.coverage().fraction()).isEqualTo(1.0);
    }
  }

  @Nested
  class RejectsDefinitionsThatCannotBeComputed {

    @Test
    void refusesToSubtractAMainMeter() {
      EnpiDefinition bad =
          new EnpiDefinition(
              "x",
              null,
              new EnpiScope(EnpiScope.Level.PROCESS, "boiler"),
              List.of(MeterTerm.plus("gas"), MeterTerm.minus("main")),
              List.of("beer"),
              EnpiBasis.MJ_FINAL);
      assertThatThrownBy(() -> EnpiBuilder.build(BREWERY, bad, energy(), output(), D1, D1, TABLE))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("only a sub-meter can be subtracted");
    }

    @Test
    void refusesToSumProductsInDifferentUnits() {
      EnpiDefinition bad =
          new EnpiDefinition(
              "x",
              null,
              new EnpiScope(EnpiScope.Level.FACILITY, "S1"),
              List.of(MeterTerm.plus("main")),
              List.of("beer", "cans"),
              EnpiBasis.MJ_FINAL);
      assertThatThrownBy(() -> EnpiBuilder.build(BREWERY, bad, energy(), output(), D1, D1, TABLE))
          .hasMessageContaining("cannot be summed");
    }

    @Test
    void namesAnUnknownMeterOrProductAndAMissingFactor() {
      EnpiDefinition unknown =
          new EnpiDefinition(
              "x",
              null,
              new EnpiScope(EnpiScope.Level.FACILITY, "S1"),
              List.of(MeterTerm.plus("steam")),
              List.of("beer"),
              EnpiBasis.MJ_FINAL);
      assertThatThrownBy(
              () -> EnpiBuilder.build(BREWERY, unknown, energy(), output(), D1, D1, TABLE))
          .hasMessageContaining("no meter 'steam'");
      assertThatThrownBy(() -> ProductUnit.of("barrels")).hasMessageContaining("UNECE");
      assertThatThrownBy(() -> new Enterprise("E2", null, "11O3", "", "", false, List.of()))
          .hasMessageContaining("VSIC");
    }
  }
}
