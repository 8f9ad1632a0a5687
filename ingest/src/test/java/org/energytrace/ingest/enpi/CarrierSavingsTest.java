package org.energytrace.ingest.enpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.CarrierSavings.Money;
import org.energytrace.ingest.enpi.CarrierSavings.Part;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The savings of an EnPI on the MJ or TOE basis with electricity and natural gas, checked against
 * numbers worked out by hand from the bundled tables (each row of the bundled tables names its
 * source): 3.6 MJ/kWh, 37.683 MJ/Nm³ (Circular 20/2016/TT-BCT), grid 2023 0.6592 tCO2/MWh, natural
 * gas 56.1 tCO2/TJ (IPCC 2006), 0.0001543 TOE/kWh and 0.90 TOE/1000 m³ (MOIT).
 */
class CarrierSavingsTest {
  static final ConversionTable TABLE = ConversionTable.bundled();
  static final EmissionFactors FACTORS = EmissionFactors.bundled();
  static final LocalDate ON = LocalDate.of(2026, 11, 28);
  static final LocalDate GRID_2023 = LocalDate.of(2023, 7, 1);

  // baseline period: 600 000 MJ electricity, 400 000 MJ gas (60 % / 40 %); the model predicts
  // 500 000 MJ for the reporting days, on which 280 000 MJ electricity and 170 000 MJ gas were used
  static final Map<String, Double> BASELINE = ordered(600_000, 400_000);
  static final Map<String, Double> REPORTING = ordered(280_000, 170_000);

  static Map<String, Double> ordered(double electricity, double gas) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("electricity", electricity);
    m.put("natural_gas", gas);
    return m;
  }

  @Nested
  class Split {
    @Test
    void givesEachCarrierItsBaselineShareOfTheAdjustedBaselineMinusItsOwnUse() {
      List<Part> parts = CarrierSavings.split(BASELINE, REPORTING, 500_000);

      // electricity: 0.6 × 500 000 − 280 000 = 20 000 MJ; gas: 0.4 × 500 000 − 170 000 = 30 000 MJ
      assertThat(parts).extracting(Part::carrier).containsExactly("electricity", "natural_gas");
      assertThat(parts.get(0).baselineShare()).isCloseTo(0.6, within(1e-12));
      assertThat(parts.get(0).savings()).isCloseTo(20_000, within(1e-6));
      assertThat(parts.get(1).adjustedBaseline()).isCloseTo(200_000, within(1e-6));
      assertThat(parts.get(1).savings()).isCloseTo(30_000, within(1e-6));
    }

    @Test
    void partsAddUpToTheEnpisSavings() {
      List<Part> parts = CarrierSavings.split(BASELINE, REPORTING, 487_654.3);

      double sum = parts.stream().mapToDouble(Part::savings).sum();
      assertThat(sum).isCloseTo(487_654.3 - 450_000, within(1e-6));
    }

    @Test
    void aCarrierThatOnlyAppearsAfterTheBaselineGetsNoneOfTheBaselineAndANegativePart() {
      // a new diesel generator is a cost of the period, not a saving
      Map<String, Double> reporting = new LinkedHashMap<>(REPORTING);
      reporting.put("diesel", 5_000.0);

      List<Part> parts = CarrierSavings.split(BASELINE, reporting, 500_000);

      assertThat(parts.get(2).carrier()).isEqualTo("diesel");
      assertThat(parts.get(2).savings()).isCloseTo(-5_000, within(1e-9));
    }

    @Test
    void refusesABaselineWithoutEnergy() {
      assertThatThrownBy(() -> CarrierSavings.split(ordered(0, 0), REPORTING, 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Co2 {
    @Test
    void convertsElectricityToKwhAndAppliesTheGridFactorOfTheGivenYear() {
      // 20 000 MJ / 3.6 = 5 555.56 kWh = 5.5556 MWh × 0.6592 = 3.66222 t
      var e =
          CarrierSavings.co2(
              20_000, "electricity", "kWh", EnpiBasis.MJ_FINAL, ON, GRID_2023, TABLE, FACTORS);

      assertThat(e.tonnesCo2()).isCloseTo(3.662222, within(1e-6));
      assertThat(e.factor().version()).isEqualTo("2023");
    }

    @Test
    void convertsGasToItsMjAndAppliesTheIpccFactor() {
      // 30 000 MJ = 0.03 TJ × 56.1 = 1.683 t (via 796.115 Nm³ × 37.683 MJ/Nm³)
      var e =
          CarrierSavings.co2(
              30_000, "natural_gas", "Nm3", EnpiBasis.MJ_FINAL, ON, GRID_2023, TABLE, FACTORS);

      assertThat(e.tonnesCo2()).isCloseTo(1.683, within(1e-9));
    }

    @Test
    void readsTheQuantityBackFromToeWithTheMoitTable() {
      // 0.9 TOE of gas / 0.0009 TOE/Nm³ = 1 000 Nm³; 0.15430 TOE of electricity = 1 000 kWh
      assertThat(
              CarrierSavings.quantity(0.9, "natural_gas", "Nm3", EnpiBasis.TOE_PRIMARY, ON, TABLE))
          .isCloseTo(1000, within(1e-9));
      assertThat(
              CarrierSavings.quantity(
                  0.1543, "electricity", "kWh", EnpiBasis.TOE_PRIMARY, ON, TABLE))
          .isCloseTo(1000, within(1e-9));
    }

    @Test
    void saysSoWhenTheYearHasNoGridFactor() {
      // no official factor after 2023 is bundled (vietnam-programme.md)
      assertThatThrownBy(
              () ->
                  CarrierSavings.co2(
                      20_000, "electricity", "kWh", EnpiBasis.MJ_FINAL, ON, ON, TABLE, FACTORS))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("2026");
    }
  }

  @Nested
  class MoneySaved {
    @Test
    void pricesEachCarrierInItsOwnTariffUnit() {
      List<Part> parts = CarrierSavings.split(BASELINE, REPORTING, 500_000);

      List<Money> money =
          CarrierSavings.money(
              parts, new Tariffs(2103.11, 12_000, "VND"), EnpiBasis.MJ_FINAL, ON, TABLE);

      // 5 555.556 kWh × 2 103.11 = 11 683 944.44 VND; 796.115 Nm³ × 12 000 = 9 553 379.51 VND
      assertThat(money.get(0).unit()).isEqualTo("kWh");
      assertThat(money.get(0).quantity()).isCloseTo(5555.5556, within(1e-4));
      assertThat(money.get(0).amount()).isCloseTo(11_683_944.44, within(0.01));
      assertThat(money.get(1).unit()).isEqualTo("Nm3");
      assertThat(money.get(1).quantity()).isCloseTo(796.1149, within(1e-4));
      assertThat(money.get(1).amount()).isCloseTo(9_553_379.51, within(0.01));
    }

    @Test
    void isNotPricedWhenACarrierHasNoTariff() {
      // pricing only the electricity would understate the money saved
      List<Part> parts = CarrierSavings.split(BASELINE, REPORTING, 500_000);

      assertThat(
              CarrierSavings.money(
                  parts, new Tariffs(2103.11, 0, "VND"), EnpiBasis.MJ_FINAL, ON, TABLE))
          .isNull();
    }

    @Test
    void pricesGasOfAKwhEnpiAtTheGasTariffNotTheElectricityOne() {
      // a kWh-final EnPI may meter gas too: 1 000 kWh of gas = 3 600 MJ = 95.534 Nm³
      List<Part> parts =
          CarrierSavings.split(Map.of("natural_gas", 1.0), Map.of("natural_gas", 0.0), 1000);

      List<Money> money =
          CarrierSavings.money(
              parts, new Tariffs(2103.11, 12_000, "VND"), EnpiBasis.KWH_FINAL, ON, TABLE);

      assertThat(money.get(0).quantity()).isCloseTo(3600 / 37.683, within(1e-9));
      assertThat(money.get(0).amount()).isCloseTo(3600 / 37.683 * 12_000, within(1e-6));
    }
  }
}
