package org.energytrace.analytics.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.energytrace.analytics.AnalyticsException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UnitsTest {

  static final LocalDate ON = LocalDate.of(2023, 6, 30);
  final ConversionTable table = ConversionTable.bundled();

  @Test
  void aUnitTypedInAnotherCaseOrAsItsVietnameseWordIsTheSymbolMeant() {
    // "l", "T" and "tấn" were refused as unknown units, listing the symbols
    assertThat(Units.written("l")).isEqualTo("L");
    assertThat(Units.written("KWH")).isEqualTo("kWh");
    assertThat(Units.written("T")).isEqualTo("t");
    assertThat(Units.written("tấn")).isEqualTo("t");
    assertThat(Units.written("Lít")).isEqualTo("L");
    assertThat(Units.written("m³")).isEqualTo("m3");
    assertThat(Units.written(" kg ")).isEqualTo("kg");
    // what is none stays as typed, for the caller to refuse
    assertThat(Units.written("bananas")).isEqualTo("bananas");
    assertThat(Units.written("")).isEmpty();
  }

  @Nested
  class Conversions {

    @Test
    void convertsElectricityToToeAndSaysWhichTableAndAccountingItUsed() {
      // MOIT TOE table: electricity 0.0001543 TOE/kWh
      Conversion c = table.toToe("electricity", "kWh", 1_000_000, ON);
      assertThat(c.value()).isCloseTo(154.3, within(1e-9));
      assertThat(c.unit()).isEqualTo("TOE");
      assertThat(c.accounting()).isEqualTo(Accounting.TOE_PRIMARY);
      assertThat(c.factor().table()).isEqualTo("moit-toe");
      assertThat(c.factor().version()).isEqualTo("1");
      assertThat(c.methodVersion()).isEqualTo("energytrace-mv/1.2");
    }

    @Test
    void convertsDieselTonnesToFinalMegajoulesFromTheKilogramRow() {
      // Circular 20/2016/TT-BCT: DO 42.707 MJ/kg, so 2 t = 85,414 MJ
      Conversion c = table.toMj("diesel", "t", 2, ON);
      assertThat(c.value()).isCloseTo(85_414, within(1e-6));
      assertThat(c.accounting()).isEqualTo(Accounting.MJ_FINAL);
      assertThat(c.factor().note()).contains("derived from the kg row");
    }

    @Test
    void refusesACarrierWithoutAFactorRatherThanGuessing() {
      // steam in tonnes has no energy content in the tables (it depends on pressure/temperature)
      assertThatThrownBy(() -> table.toMj("steam", "t", 1, ON))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("no MJ_FINAL factor for steam");
    }
  }

  @Nested
  class Emissions {

    final EmissionFactors factors = EmissionFactors.bundled();

    @Test
    void usesTheGridFactorOfTheYear() {
      // grid factor 2019: 0.8458 tCO2/MWh; 2023: 0.6592
      assertThat(factors.electricity(1000, LocalDate.of(2019, 3, 1)).tonnesCo2())
          .isCloseTo(0.8458, within(1e-12));
      Emission e = factors.electricity(2_000_000, LocalDate.of(2023, 12, 31));
      assertThat(e.tonnesCo2()).isCloseTo(1318.4, within(1e-9));
      assertThat(e.factor().version()).isEqualTo("2023");
    }

    @Test
    void hasNoGridFactorFor2024UntilOneIsConfigured() {
      LocalDate day = LocalDate.of(2024, 5, 1);
      assertThatThrownBy(() -> factors.electricity(1000, day))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("no CO2 emission factor for electricity");
      EmissionFactors configured =
          factors.with(
              new EmissionFactor(
                  "site-config",
                  "2024",
                  "electricity",
                  "MWh",
                  0.65,
                  "operator",
                  day.withDayOfYear(1),
                  LocalDate.of(2024, 12, 31),
                  "provisional"));
      assertThat(configured.electricity(1000, day).tonnesCo2()).isCloseTo(0.65, within(1e-12));
    }

    @Test
    void putsFuelOnTheFinalEnergyBasisBeforeApplyingTheIpccFactor() {
      // 1 t diesel = 42,707 MJ = 0.042707 TJ × 74.1 tCO2/TJ (IPCC 2006 Vol.2 Table 1.4)
      Emission e = factors.fuel("diesel", "t", 1, ON, table);
      assertThat(e.tonnesCo2()).isCloseTo(0.042707 * 74.1, within(1e-9));
      assertThat(e.energyBasis().accounting()).isEqualTo(Accounting.MJ_FINAL);
    }
  }

  @Nested
  class Norms {

    final SectorNorms norms = SectorNorms.bundled();

    @Test
    void comparesABreweryWithTheLargeBreweryNorm() {
      // Circular 19/2016: > 100 M L/yr, 129 MJ/hl
      NormComparison c = norms.compare("beer_large", 120, "MJ/hl", ON);
      assertThat(c.withinNorm()).isTrue();
      assertThat(c.margin()).isCloseTo(9, within(1e-12));
      assertThat(c.ratio()).isCloseTo(120.0 / 129, within(1e-12));
    }

    @Test
    void flagsASeafoodPlantAboveItsCapAndRefusesMixedUnits() {
      NormComparison c = norms.compare("seafood_shrimp", 2200, "kWh/t", ON);
      assertThat(c.withinNorm()).isFalse();
      assertThat(c.margin()).isCloseTo(-150, within(1e-12));
      assertThatThrownBy(() -> norms.compare("steel_eaf", 700, "kWh/t", ON))
          .hasMessageContaining("convert first");
    }

    @Test
    void convertsAnSecInKilowattHoursPerTonneToTheSteelNormInMegajoulesAndNamesTheRow() {
      // Circular 20/2016/TT-BCT: EAF steel cap 2,500 MJ/t; 3.6 MJ/kWh final
      NormComparison c = norms.compare("steel_eaf", 650, "kWh/t", ON, table);
      assertThat(c.sec()).isCloseTo(2340, within(1e-9));
      assertThat(c.withinNorm()).isTrue();
      assertThat(c.givenSec()).isEqualTo(650);
      assertThat(c.givenUnit()).isEqualTo("kWh/t");
      assertThat(c.conversion().table()).isEqualTo("circular-20-2016-mj");
      // and back: a seafood cap in kWh/t against an SEC in GJ/t
      NormComparison shrimp = norms.compare("seafood_shrimp", 7.2, "GJ/t", ON, table);
      assertThat(shrimp.sec()).isCloseTo(2000, within(1e-9));
    }

    @Test
    void refusesToCompareTonnesOfOilEquivalentOrAnotherUnitOfProductWithAFinalEnergyNorm() {
      // ISO 50047: one accounting per comparison; TOE is primary-equivalent
      assertThatThrownBy(() -> norms.compare("steel_eaf", 0.06, "TOE/t", ON, table))
          .hasMessageContaining("primary-equivalent");
      assertThatThrownBy(() -> norms.compare("beer_large", 12, "MJ/L", ON, table))
          .hasMessageContaining("unit of product must match");
    }

    @Test
    void holdsTheFourSectorsOfTheReference() {
      assertThat(norms.rows().stream().map(SectorNorm::sector).distinct())
          .containsExactly("steel", "beer", "paper", "seafood");
      assertThatThrownBy(() -> norms.norm("steel_eaf", LocalDate.of(2026, 1, 1)))
          .hasMessageContaining("valid on 2026-01-01");
    }
  }
}
