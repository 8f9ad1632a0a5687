package org.energytrace.analytics.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.fixtures.ResourcePlants;
import org.energytrace.analytics.resource.StockLedger.Cadence;
import org.junit.jupiter.api.Test;

class StockLedgerTest {

  static final Resource COAL = ResourcePlants.COAL;

  @Test
  void usedIsOpeningPlusDeliveriesMinusClosingForEveryMonth() {
    ResourcePlants.Stock s = ResourcePlants.coalStock(false);
    List<StockPeriod> periods =
        StockLedger.usage(COAL, s.counts(), s.deliveries(), Cadence.MONTHLY);
    assertThat(periods).hasSize(12);
    for (int m = 0; m < 12; m++) {
      assertThat(periods.get(m).used())
          .as("month %d", m + 1)
          .isCloseTo(ResourcePlants.BASE_USED[m], within(1e-9));
    }
    // January: 200 + 100.5 + 50 (50,000 kg delivered on the count day) − 210 = 140.5
    StockPeriod jan = periods.get(0);
    assertThat(jan.from()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(jan.to()).isEqualTo(LocalDate.of(2024, 1, 31));
    assertThat(jan.deliveries()).isCloseTo(150.5, within(1e-9));
    assertThat(jan.deliveryRows()).containsExactly("d1a", "d1b");
  }

  @Test
  void negativeUseIsAnErrorNamingThePeriodAndTheRows() {
    List<StockCount> counts =
        List.of(
            new StockCount("2", LocalDate.of(2025, 1, 31), 50, "t"),
            new StockCount("4", LocalDate.of(2025, 2, 28), 80, "t"));
    List<Delivery> deliveries = List.of(new Delivery("3", LocalDate.of(2025, 2, 10), 20, "t"));
    assertThatThrownBy(() -> StockLedger.usage(COAL, counts, deliveries, Cadence.MONTHLY))
        .isInstanceOf(AnalyticsException.class)
        .hasMessageContaining(
            "period 2025-02-01..2025-02-28: used = opening 50 + deliveries 20 - closing 80 = -10 t,"
                + " below zero: a count (rows 2, 4) or a delivery (rows 3) is wrong");
  }

  @Test
  void negativeUseWithoutADeliverySaysAnEntryMayBeMissingNotRowsNone() {
    List<StockCount> counts =
        List.of(
            new StockCount("2", LocalDate.of(2025, 1, 31), 50, "t"),
            new StockCount("4", LocalDate.of(2025, 2, 28), 80, "t"));
    assertThat(StockLedger.problems(COAL, counts, List.of(), Cadence.MONTHLY))
        .containsExactly(
            "period 2025-02-01..2025-02-28: used = opening 50 + deliveries 0 - closing 80 = -30 t,"
                + " below zero: a count (rows 2, 4) is wrong, or a delivery in the period was not"
                + " entered");
  }

  @Test
  void aMissingMonthEndCountAndADeliveryAfterTheLastCountAreEachNamed() {
    List<StockCount> counts =
        List.of(
            new StockCount("1", LocalDate.of(2025, 1, 31), 50, "t"),
            new StockCount("2", LocalDate.of(2025, 3, 31), 30, "t"));
    List<Delivery> deliveries =
        List.of(
            new Delivery("5", LocalDate.of(2025, 2, 10), 60, "t"),
            new Delivery("6", LocalDate.of(2025, 4, 2), 10, "t"));
    assertThat(StockLedger.problems(COAL, counts, deliveries, Cadence.MONTHLY))
        .containsExactly(
            "row 6: delivery on 2025-04-02 is after the last count (2025-03-31): the count that"
                + " closes its period is missing",
            "period 2025-02-01..2025-03-31 (rows 1 and 2): the month-end count of 2025-02-28 is"
                + " missing");
    // the same entries without a cadence give one two-month period: 50 + 60 − 30 = 80
    assertThat(StockLedger.usage(COAL, counts, deliveries.subList(0, 1), Cadence.ANY).get(0).used())
        .isEqualTo(80);
  }

  @Test
  void aSingleCountADuplicateCountAndAnIncompatibleUnitAreRefused() {
    assertThat(
            StockLedger.problems(
                COAL,
                List.of(new StockCount("1", LocalDate.of(2025, 1, 31), 5, "t")),
                List.of(),
                Cadence.ANY))
        .containsExactly(
            "an opening and a closing stock count are needed, there is only the count of"
                + " 2025-01-31");
    List<String> problems =
        StockLedger.problems(
            COAL,
            List.of(
                new StockCount("1", LocalDate.of(2025, 1, 31), 5, "t"),
                new StockCount("2", LocalDate.of(2025, 1, 31), 6, "t"),
                new StockCount("3", LocalDate.of(2025, 2, 28), 4, "m3")),
            List.of(),
            Cadence.ANY);
    assertThat(problems)
        .contains("row 2: a second count for 2025-01-31 (first at row 1)")
        .anyMatch(p -> p.startsWith("row 3: cannot convert m3 (volume) to t (mass)"));
  }
}
