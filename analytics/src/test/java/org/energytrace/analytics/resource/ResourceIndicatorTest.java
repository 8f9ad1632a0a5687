package org.energytrace.analytics.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.ModelForm;
import org.energytrace.analytics.baseline.ModelSelector.Request;
import org.energytrace.analytics.enpi.DailyValue;
import org.energytrace.analytics.fixtures.ResourcePlants;
import org.energytrace.analytics.resource.StockLedger.Cadence;
import org.energytrace.analytics.savings.ProgrammeTarget;
import org.energytrace.analytics.savings.TargetProgress.Status;
import org.energytrace.analytics.units.ConversionTable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 17: SEC and savings per resource equal to the hand-worked values of ResourcePlants. */
class ResourceIndicatorTest {

  static final List<ProgrammeTarget> TARGETS =
      List.of(
          ProgrammeTarget.bundled("cp_2016_2020_low"),
          ProgrammeTarget.bundled("cp_2016_2020_high"));

  static ResourceSeries coal(boolean reporting) {
    ResourcePlants.Stock s = ResourcePlants.coalStock(reporting);
    return ResourceSeries.fromStock(
        ResourcePlants.COAL,
        "t",
        StockLedger.usage(ResourcePlants.COAL, s.counts(), s.deliveries(), Cadence.MONTHLY),
        ResourcePlants.coalProduction(reporting));
  }

  static ResourceSeries water(boolean reporting) {
    List<List<DailyValue>> d = ResourcePlants.water(reporting);
    return ResourceSeries.fromDaily(
        ResourcePlants.WATER,
        "t",
        d.get(0),
        d.get(1),
        d.get(0).get(0).day(),
        d.get(0).get(d.get(0).size() - 1).day());
  }

  @Nested
  class StockBasedCoal {

    @Test
    void monthlySecAndRatioSavingsEqualTheHandWorkedValues() {
      ResourceResult r =
          ResourceIndicator.compute(coal(false), coal(true), Request.RATIO, 0.90, TARGETS);
      // baseline: 1829.9 t of coal for 36,595 t of product; reporting 404.3 t for 8,985 t
      double sec = 1829.9 / 36595;
      assertThat(r.secUnit()).isEqualTo("t/t");
      assertThat(r.baselineSec()).isCloseTo(sec, within(1e-12));
      assertThat(r.reportingSec()).isCloseTo(404.3 / 8985, within(1e-12));
      assertThat(r.fit().coefficient("production").value()).isCloseTo(sec, within(1e-12));
      // ratio model: adjusted baseline = SEC × 8,985 t; savings = that − 404.3 t
      assertThat(r.savings().adjustedBaseline()).isCloseTo(sec * 8985, within(1e-9));
      assertThat(r.savings().savings()).isCloseTo(sec * 8985 - 404.3, within(1e-9));
      assertThat(r.savings().savingsFraction())
          .isCloseTo((sec * 8985 - 404.3) / (sec * 8985), within(1e-12));
      assertThat(r.savings().m()).isEqualTo(3);
      // 12 months, a ratio model with no significant intercept: verifiable; a 10.0 % saving with
      // a band well under a point wide meets 8 % and misses 13 %
      assertThat(r.verifiability().verifiable())
          .as(r.verifiability().reasons().toString())
          .isTrue();
      assertThat(r.progress())
          .extracting(p -> p.status())
          .containsExactly(Status.MET, Status.NOT_MET);
    }

    @Test
    void aMonthWithoutCompleteProductionIsAGapNotAFilledPoint() {
      ResourcePlants.Stock s = ResourcePlants.coalStock(false);
      List<DailyValue> production =
          ResourcePlants.coalProduction(false).stream()
              .filter(v -> !v.day().toString().equals("2024-03-15"))
              .toList();
      ResourceSeries series =
          ResourceSeries.fromStock(
              ResourcePlants.COAL,
              "t",
              StockLedger.usage(ResourcePlants.COAL, s.counts(), s.deliveries(), Cadence.MONTHLY),
              production);
      assertThat(series.periods()).hasSize(11);
      assertThat(series.gaps())
          .containsExactly(
              "2024-03-01..2024-03-31: production missing on 1 day(s), first 2024-03-15");
    }
  }

  @Nested
  class MeteredWater {

    @Test
    void dailySecAndRegressionSavingsEqualTheHandWorkedValues() {
      ResourceResult r =
          ResourceIndicator.compute(water(false), water(true), Request.AUTO, 0.90, TARGETS);
      // per 4-day cycle: 400 m³ for 400 t (baseline), 360 m³ (reporting)
      assertThat(r.secUnit()).isEqualTo("m3/t");
      assertThat(r.baselineSec()).isCloseTo(1.0, within(1e-12));
      assertThat(r.reportingSec()).isCloseTo(0.9, within(1e-12));
      // the base load of 50 m³/day makes the ratio model invalid: OLS, exactly 50 + 0.5·P
      assertThat(r.fit().model().form()).isEqualTo(ModelForm.OLS);
      assertThat(r.fit().coefficient("intercept").value()).isCloseTo(50, within(1e-9));
      assertThat(r.fit().coefficient("production").value()).isCloseTo(0.5, within(1e-9));
      // 23 cycles: adjusted baseline 23 × 400 = 9,200 m³, actual 23 × 360 = 8,280 m³
      assertThat(r.savings().adjustedBaseline()).isCloseTo(9200, within(1e-6));
      assertThat(r.savings().actual()).isCloseTo(8280, within(1e-9));
      assertThat(r.savings().savings()).isCloseTo(920, within(1e-6));
      assertThat(r.savings().savingsFraction()).isCloseTo(0.10, within(1e-12));
      assertThat(r.tree().get("unit")).isEqualTo("m3");
      assertThat(r.tree().get("kind")).isEqualTo("water");
    }
  }

  @Nested
  class Model {

    @Test
    void materialsAndWaterAreNeverConvertedToToe() {
      Resource malt = Resource.material("malt", "malt", "t");
      FacilityEnergy.ToeTotal total =
          FacilityEnergy.toe(
              List.of(
                  new ResourceAmount(Resource.energy("grid", "electricity", "kWh"), 1_000_000),
                  new ResourceAmount(ResourcePlants.COAL, 1500),
                  new ResourceAmount(Resource.energy("husk", "rice_husk", "t"), 200),
                  new ResourceAmount(ResourcePlants.WATER, 50_000),
                  // a sum of daily kilograms: 18 966 278.8 as a double is 1.8966278800000016E7
                  new ResourceAmount(malt, 18_966_278.800000016),
                  new ResourceAmount(Resource.energy("steam", "steam", "GJ"), 100)),
              2025,
              ConversionTable.bundled());
      // 1,000,000 kWh × 0.0001543 + 1,500 t × 0.60 + 200 t × 0.277061 = 154.3 + 900 + 55.4122
      assertThat(total.toe()).isCloseTo(1109.7122, within(1e-9));
      assertThat(total.lines())
          .extracting(FacilityEnergy.Line::resource)
          .containsExactly("grid", "coal", "husk");
      assertThat(total.excluded()).hasSize(2).allMatch(e -> e.contains("never converted to TOE"));
      assertThat(total.excluded())
          .contains("malt (material, 18966278.8 t): not an energy carrier, never converted to TOE");
      assertThat(total.complete()).isFalse();
      assertThat(total.missing())
          .singleElement()
          .satisfies(m -> assertThat(m.message()).contains("steam (GJ) in 2025"));
    }

    @Test
    void waterMustBeAVolumeAndMaterialsHaveNoCarrier() {
      assertThatThrownBy(() -> Resource.water("w", "t"))
          .isInstanceOf(AnalyticsException.class)
          .hasMessageContaining("water w is a volume");
      assertThatThrownBy(
              () -> new Resource("malt", "malt", ResourceKind.MATERIAL, "t", "coal_grade_3_4"))
          .hasMessageContaining("never converted to energy or TOE");
      assertThat(Resource.material("bottles", "bottles", "pcs").secUnit("hl")).isEqualTo("pcs/hl");
    }
  }
}
