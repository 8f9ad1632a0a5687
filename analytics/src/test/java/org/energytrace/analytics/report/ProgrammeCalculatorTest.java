package org.energytrace.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.energytrace.analytics.domain.Enterprise;
import org.energytrace.analytics.report.ProgrammeReport.EnterpriseLine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProgrammeCalculatorTest {

  static final LocalDate FROM = LocalDate.of(2023, 1, 1);
  static final LocalDate TO = LocalDate.of(2023, 12, 31);
  static final ProgrammeData DATA = ProgrammeData.bundled();

  static Enterprise enterprise(String id, String vsic, String district, boolean listed) {
    return new Enterprise(id, "Enterprise " + id, vsic, district, "", listed, List.of());
  }

  static VerifiedSaving saving(
      double f,
      double low,
      double high,
      boolean valid,
      String unit,
      double sec,
      CarrierAmount... saved) {
    return new VerifiedSaving(
        FROM,
        TO,
        unit,
        sec / (1 - f),
        sec,
        f,
        low,
        high,
        0.90,
        valid,
        List.of(saved),
        "energytrace-mv/1.2");
  }

  static CarrierAmount kwh(double amount, double half) {
    return new CarrierAmount("electricity", "kWh", amount, half);
  }

  /** A small synthetic province: one enterprise in each category. */
  static List<EnterpriseResult> province() {
    return List.of(
        new EnterpriseResult(
            enterprise("E1", "1103", "Thu Dau Mot", true),
            new CpStatus(true, true, true),
            saving(0.10, 0.085, 0.115, true, "MJ/hl", 120, kwh(1e6, 150_000)),
            List.of(CarrierAmount.of("electricity", "kWh", 1e7)),
            "beer_large"),
        new EnterpriseResult(
            enterprise("E2", "2410", "Di An", false),
            new CpStatus(true, true, false),
            saving(
                0.15,
                0.14,
                0.16,
                true,
                "kWh/t",
                700,
                kwh(2e6, 300_000),
                new CarrierAmount("natural_gas", "Nm3", 100_000, 10_000)),
            List.of(CarrierAmount.of("electricity", "MWh", 8000)),
            "steel_eaf"),
        new EnterpriseResult(
            enterprise("E3", "1701", "Thu Dau Mot", false),
            new CpStatus(true, false, false),
            saving(0.10, 0.04, 0.16, true, "MJ/t", 6000, kwh(300_000, 0)),
            List.of(),
            null),
        new EnterpriseResult(
            enterprise("E4", "2220", "Di An", false),
            new CpStatus(true, true, false),
            saving(0.06, 0.055, 0.065, true, "kWh/t", 900, kwh(200_000, 0)),
            List.of(),
            null),
        new EnterpriseResult(
            enterprise("E5", "1050", "Thu Dau Mot", false),
            new CpStatus(false, true, false),
            saving(0.12, 0.09, 0.15, false, "MJ/t", 500, kwh(400_000, 0)),
            List.of(),
            null),
        new EnterpriseResult(
            enterprise("E6", "1050", "Ben Cat", true),
            new CpStatus(false, false, false),
            null,
            List.of(),
            null),
        new EnterpriseResult(
            enterprise("E7", "2220", "Ben Cat", false),
            new CpStatus(true, false, false),
            saving(0.02, 0.0, 0.04, true, "kWh/t", 800, kwh(50_000, 0)),
            List.of(),
            null));
  }

  static ProgrammeReport report(List<EnterpriseResult> results) {
    return ProgrammeCalculator.compute(
        new ProgrammeRequest("Binh Duong", ReportPeriod.parse("2023"), 0.90, null), results, DATA);
  }

  final ProgrammeReport r = report(province());

  EnterpriseLine line(String id) {
    return r.enterprises().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  @Nested
  class Indicators {

    @Test
    void countsCpAwarenessAndApplicationOverAllEnterprises() {
      // Decision 1419/QĐ-TTg indicators: % of facilities aware of / applying CP
      assertThat(r.indicators().enterprises()).isEqualTo(7);
      assertThat(r.indicators().aware().n()).isEqualTo(5);
      assertThat(r.indicators().applying().n()).isEqualTo(4);
      assertThat(r.indicators().applying().share()).isCloseTo(4.0 / 7, within(1e-15));
      assertThat(r.indicators().cpUnit().n()).isEqualTo(1);
    }

    @Test
    void countsAnEnterpriseInABandOnlyWhenItsLowerConfidenceBoundReachesTheBand() {
      // Decision 1419/QĐ-TTg bands 5–8 %, 8–13 %, and ≥ 13 %, judged at the 90 % interval
      assertThat(r.indicators().bands()).containsOnlyKeys("5-8 %", "8-13 %", ">=13 %");
      assertThat(r.indicators().bands().get("5-8 %").n()).isEqualTo(1);
      assertThat(r.indicators().bands().get("8-13 %").n()).isEqualTo(1);
      assertThat(r.indicators().bands().get(">=13 %").n()).isEqualTo(1);
      // E3: point estimate 10 % but the interval [4 %, 16 %] reaches below 5 %
      assertThat(r.indicators().inconclusive().n()).isEqualTo(1);
      assertThat(line("E3").category()).isEqualTo("inconclusive");
      assertThat(line("E3").pointBand()).isEqualTo("8-13 %");
      assertThat(r.indicators().below().n()).isEqualTo(1);
      assertThat(r.indicators().modelNotValid().n()).isEqualTo(1);
      assertThat(r.indicators().noResult().n()).isEqualTo(1);
      assertThat(r.indicators().withResult()).isEqualTo(6);
    }

    @Test
    void placesAResultWhoseIntervalStraddlesTwoBandsInTheLowerOne() {
      // conservative: [9 %, 15 %] supports "at least 8 %", not "at least 13 %"
      SavingsBands bands = SavingsBands.bundled();
      VerifiedSaving s = saving(0.12, 0.09, 0.15, true, "MJ/t", 1);
      assertThat(bands.assess(s).band()).isEqualTo("8-13 %");
      assertThat(bands.assess(saving(0.14, 0.131, 0.15, true, "MJ/t", 1)).band())
          .isEqualTo(">=13 %");
    }
  }

  @Nested
  class Totals {

    @Test
    void addsSavedEnergyInToeAndFinalMwhOverEnterprisesWithAValidResult() {
      // MOIT: 0.0001543 TOE/kWh, 0.90 TOE/1000 m3; E5 (model not valid) is left out
      double kwh = 1e6 + 2e6 + 300_000 + 200_000 + 50_000;
      assertThat(r.totals().contributing()).isEqualTo(5);
      assertThat(r.totals().savedToe()).isCloseTo(kwh * 0.0001543 + 90, within(1e-9));
      assertThat(r.totals().savedMwhFinal())
          .isCloseTo(kwh / 1000 + 100_000 * 37.683 / 3600, within(1e-9));
      assertThat(r.totals().savedElectricityMwh()).isCloseTo(kwh / 1000, within(1e-9));
      // portfolio (Guideline 14 Annex B): enterprises in quadrature
      double e1 = 150_000 * 0.0001543;
      double e2 = 300_000 * 0.0001543 + 9;
      assertThat(r.totals().savedToeHalfWidth())
          .isCloseTo(Math.sqrt(e1 * e1 + e2 * e2), within(1e-9));
    }

    @Test
    void estimatesCo2WithTheGridFactorOfTheYearAndTheIpccGasFactor() {
      // grid 2023: 0.6592 tCO2/MWh; natural gas 56.1 tCO2/TJ on 37.683 MJ/Nm3
      double expected = 3550 * 0.6592 + 100_000 * 37.683 / 1e6 * 56.1;
      assertThat(r.totals().co2Tonnes()).isCloseTo(expected, within(1e-9));
      assertThat(r.totals().co2Complete()).isTrue();
      assertThat(r.totals().factorsUsed()).anyMatch(f -> f.startsWith("vn-grid-ef 2023"));
    }

    @Test
    void saysWhenNoGridFactorExistsForTheYearAndUsesTheOneItIsGiven() {
      List<EnterpriseResult> h1 =
          List.of(
              new EnterpriseResult(
                  enterprise("E1", "1103", "Thu Dau Mot", false),
                  new CpStatus(true, true, true),
                  new VerifiedSaving(
                      LocalDate.of(2026, 1, 1),
                      LocalDate.of(2026, 6, 30),
                      "MJ/hl",
                      130,
                      120,
                      0.1,
                      0.09,
                      0.11,
                      0.9,
                      true,
                      List.of(kwh(1e6, 0)),
                      "energytrace-mv/1.2"),
                  List.of(),
                  "beer_large"));
      ProgrammeReport missing =
          ProgrammeCalculator.compute(
              new ProgrammeRequest("Binh Duong", ReportPeriod.parse("2026-H1"), 0.9, null),
              h1,
              DATA);
      assertThat(missing.totals().co2Complete()).isFalse();
      assertThat(missing.notes())
          .anyMatch(n -> n.contains("no CO2 emission factor for electricity"));
      // the 2021–2025 norms are not valid in 2026: said, not guessed
      assertThat(missing.enterprises().get(0).norm().note()).contains("valid on 2026-06-30");
      ProgrammeReport given =
          ProgrammeCalculator.compute(
              new ProgrammeRequest("Binh Duong", ReportPeriod.parse("2026-H1"), 0.9, 2023),
              h1,
              DATA);
      assertThat(given.totals().co2Tonnes()).isCloseTo(1000 * 0.6592, within(1e-9));
    }
  }

  @Nested
  class BreakdownsNormsAndKeyUsers {

    @Test
    void breaksDownBySectorAndDistrictInKeyOrder() {
      assertThat(r.sectors())
          .extracting(ProgrammeReport.GroupLine::key)
          .containsExactly("1050", "1103", "1701", "2220", "2410");
      assertThat(r.districts())
          .extracting(ProgrammeReport.GroupLine::key)
          .containsExactly("Ben Cat", "Di An", "Thu Dau Mot");
      ProgrammeReport.GroupLine plastics = r.sectors().get(3);
      assertThat(plastics.enterprises()).isEqualTo(2);
      assertThat(plastics.bands().get("5-8 %")).isEqualTo(1);
    }

    @Test
    void comparesEachSecWithItsSectorNormConvertingUnits() {
      // Circular 19/2016: beer > 100 M L/yr 129 MJ/hl; Circular 20/2016: EAF 2,500 MJ/t
      assertThat(line("E1").norm().withinNorm()).isTrue();
      assertThat(line("E2").norm().sec()).isCloseTo(2520, within(1e-9));
      assertThat(line("E2").norm().withinNorm()).isFalse();
      assertThat(line("E2").norm().note()).contains("converted from kWh/t");
    }

    @Test
    void listsKeyEnergyUsersFromTheThresholdTableAndFlagsDisagreementsWithTheNationalList() {
      // Decree 21/2011/NĐ-CP: industrial facilities ≥ 1,000 TOE/yr
      var k = r.keyEnergyUsers();
      assertThat(k.threshold().threshold()).isEqualTo(1000);
      assertThat(k.threshold().source()).contains("Decree 21/2011");
      assertThat(k.list())
          .extracting(ProgrammeReport.KeyUserLine::id)
          .containsExactly("E1", "E2", "E6");
      assertThat(k.list().get(0).annualToe()).isCloseTo(1543, within(1e-9));
      assertThat(k.list().get(1).note()).contains("not on the national list");
      assertThat(k.list().get(2).note()).contains("not reported");
    }
  }

  @Nested
  class Output {

    @Test
    void givesByteIdenticalJsonWhateverTheInputOrder() {
      List<EnterpriseResult> shuffled = new ArrayList<>(province());
      Collections.shuffle(shuffled, new Random(7));
      assertThat(report(shuffled).json()).isEqualTo(r.json());
      assertThat(ProgrammeText.render(report(shuffled))).isEqualTo(ProgrammeText.render(r));
    }

    @Test
    void statesTheAccountingTheConfidenceAndTheMethodVersion() {
      String json = r.json();
      assertThat(json).contains("\"accounting\": \"energy totals in TOE primary-equivalent");
      assertThat(json).contains("\"method_version\": \"energytrace-mv/1.2\"");
      assertThat(json).contains("\"confidence\": 0.9");
      String text = ProgrammeText.render(r);
      assertThat(text)
          .contains("TOE primary-equivalent")
          .contains("MWh final")
          .contains("energytrace-mv/1.2")
          .contains("Key energy users (>= 1000 TOE/yr");
    }

    @Test
    void leavesOutASavingOutsideThePeriodAndSaysSo() {
      ProgrammeReport h1 =
          ProgrammeCalculator.compute(
              new ProgrammeRequest("Binh Duong", ReportPeriod.parse("2023-H1"), 0.9, null),
              province(),
              DATA);
      assertThat(h1.indicators().noResult().n()).isEqualTo(7);
      assertThat(h1.notes())
          .anyMatch(n -> n.startsWith("E1: verified saving 2023-01-01..2023-12-31"));
    }

    @Test
    void rejectsResultsAtAnotherConfidenceAndDuplicateEnterprises() {
      List<EnterpriseResult> twice = new ArrayList<>(province());
      twice.add(province().get(0));
      assertThatThrownBy(() -> report(twice)).hasMessageContaining("E1 appears twice");
      assertThatThrownBy(
              () ->
                  ProgrammeCalculator.compute(
                      new ProgrammeRequest("x", ReportPeriod.parse("2023"), 0.68, null),
                      province(),
                      DATA))
          .hasMessageContaining("90 % confidence");
      assertThatThrownBy(() -> ReportPeriod.parse("2023-Q1")).hasMessageContaining("YYYY-H1");
    }
  }
}
