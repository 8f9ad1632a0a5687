package org.energytrace.analytics.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.energytrace.analytics.AnalyticsException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 17: coal by grade, biomass, diesel, fuel oil and LPG in the versioned tables. */
class FuelFactorsTest {

  static final LocalDate ON = LocalDate.of(2025, 6, 30);
  final ConversionTable table = ConversionTable.bundled();
  final EmissionFactors co2 = EmissionFactors.bundled();

  @Nested
  class UnitsOfMeasure {

    @Test
    void convertsBetweenUnitsOfOneDimension() {
      assertThat(Units.convert(2.5, "t", "kg")).isEqualTo(2500);
      assertThat(Units.convert(12, "hl", "m3")).isCloseTo(1.2, within(1e-12));
      assertThat(Units.convert(1, "Gcal", "MJ")).isCloseTo(4186.8, within(1e-9));
      assertThat(Units.convert(3, "1000m3", "Nm3")).isEqualTo(3000);
    }

    @Test
    void refusesToConvertWaterVolumeToMassNamingBothUnits() {
      assertThatThrownBy(() -> Units.convert(1, "m3", "t"))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("cannot convert m3 (volume) to t (mass)");
      assertThatThrownBy(() -> Units.of("bags")).hasMessageContaining("unknown unit 'bags'");
    }
  }

  @Nested
  class Coal {

    @Test
    void gradeThreeFourHasTheMoitToeAndAnEnergyConsistentWithIt() {
      // MOIT: 0.60 TOE/t; MJ = 0.60 x 41,868 = 25,120.8 MJ/t; CO2 anthracite 98.3 t/TJ (IPCC 2006)
      assertThat(table.toToe("coal_grade_3_4", "t", 10, ON).value()).isCloseTo(6.0, within(1e-12));
      Conversion mj = table.toMj("coal_grade_3_4", "t", 10, ON);
      assertThat(mj.value()).isCloseTo(251_208, within(1e-6));
      assertThat(mj.factor().source()).contains("derived").contains("0.60 TOE/t");
      // 0.251208 TJ x 98.3 t/TJ = 24.6937464 t
      assertThat(co2.fuel("coal_grade_3_4", "t", 10, ON, table).tonnesCo2())
          .isCloseTo(24.6937464, within(1e-9));
    }

    @Test
    void eachGradeHasItsOwnFactor() {
      assertThat(table.toMj("coal_grade_1_2", "kg", 1000, ON).value())
          .isCloseTo(29_307.6, within(1e-6));
      assertThat(table.toMj("coal_grade_5_6", "t", 1, ON).value()).isCloseTo(20_934, within(1e-9));
    }
  }

  @Nested
  class Biomass {

    @Test
    void riceHuskHasAnIpccNcvADerivedToeAndBiogenicZeroCo2() {
      // IPCC 2006 Table 1.2: other primary solid biomass 11.6 GJ/t; TOE = 11.6 / 41.868
      assertThat(table.toMj("rice_husk", "t", 100, ON).value()).isCloseTo(1_160_000, within(1e-6));
      Conversion toe = table.toToe("rice_husk", "t", 100, ON);
      assertThat(toe.value()).isCloseTo(100 * 11.6 / 41.868, within(1e-4));
      assertThat(toe.factor().source()).contains("derived").contains("not in the MOIT table");
      Emission e = co2.fuel("rice_husk", "t", 100, ON, table);
      assertThat(e.tonnesCo2()).isZero();
      assertThat(e.factor().source()).contains("biogenic").contains("reported as zero");
    }

    @Test
    void woodChipsAndBagasseAreTabledToo() {
      assertThat(table.toMj("wood_chips", "t", 1, ON).value()).isCloseTo(15_600, within(1e-9));
      assertThat(table.toToe("bagasse", "t", 1, ON).value()).isCloseTo(0.277061, within(1e-9));
      assertThat(co2.fuel("wood_chips", "t", 1, ON, table).factor().note()).contains("112");
    }
  }

  @Nested
  class Liquids {

    @Test
    void dieselInLitresUsesTheThousandLitreRows() {
      // MOIT 0.88 TOE/1000 L; MJ 42.707 MJ/kg x 862.745 kg/1000 L = 36,845.3 MJ/1000 L
      assertThat(table.toToe("diesel", "L", 2000, ON).value()).isCloseTo(1.76, within(1e-12));
      Conversion mj = table.toMj("diesel", "L", 2000, ON);
      assertThat(mj.value()).isCloseTo(73_690.6, within(1e-6));
      // 0.0736906 TJ x 74.1 t/TJ
      assertThat(co2.fuel("diesel", "L", 2000, ON, table).tonnesCo2())
          .isCloseTo(0.0736906 * 74.1, within(1e-9));
    }

    @Test
    void fuelOilAndLpgHaveToeMjAndCo2() {
      assertThat(table.toToe("fuel_oil", "t", 1, ON).value()).isEqualTo(0.99);
      assertThat(table.toMj("lpg", "t", 1, ON).value()).isCloseTo(45_638, within(1e-9));
      // LPG 45.638 GJ/t x 63.1 t/TJ = 2.8797578 t/t
      assertThat(co2.fuel("lpg", "t", 1, ON, table).tonnesCo2()).isCloseTo(2.8797578, within(1e-9));
    }
  }

  @Nested
  class MissingFactors {

    @Test
    void aGridFactorMissingForAYearIsReportedNamingCarrierAndYear() {
      assertThat(co2.missing("electricity", "kWh", 2023)).isEmpty();
      MissingFactor gap = co2.missing("electricity", "kWh", 2024).orElseThrow();
      assertThat(gap.carrier()).isEqualTo("electricity");
      assertThat(gap.year()).isEqualTo(2024);
      assertThat(gap.message()).contains("no CO2 factor for electricity (kWh) in 2024");
    }

    @Test
    void aTableRowThatEndsBeforeTheYearLeavesThatYearMissing() {
      ConversionTable ended =
          new ConversionTable(
              java.util.List.of(
                  new ConversionFactor(
                      "test",
                      "1",
                      "coal_grade_3_4",
                      "t",
                      "TOE",
                      0.6,
                      Accounting.TOE_PRIMARY,
                      "test",
                      LocalDate.of(2020, 1, 1),
                      LocalDate.of(2025, 12, 31),
                      "")));
      assertThat(ended.missing("coal_grade_3_4", "t", Accounting.TOE_PRIMARY, 2025)).isEmpty();
      assertThat(
              ended
                  .missing("coal_grade_3_4", "kg", Accounting.TOE_PRIMARY, 2026)
                  .orElseThrow()
                  .message())
          .contains("TOE_PRIMARY factor for coal_grade_3_4 (kg) in 2026");
    }

    @Test
    void steamInEnergyUnitsIsFinalEnergyByDefinitionButHasNoToe() {
      assertThat(table.toMj("steam", "GJ", 2, ON).value()).isEqualTo(2000);
      assertThat(table.missing("steam", "GJ", Accounting.TOE_PRIMARY, 2025)).isPresent();
    }
  }
}
