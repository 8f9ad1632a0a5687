package org.energytrace.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.energytrace.analytics.units.ConversionTable;
import org.energytrace.analytics.units.EmissionFactors;
import org.energytrace.ingest.dashboard.PgDashboard.MeterState;
import org.junit.jupiter.api.Test;

/**
 * The overview's "energy today" over all carriers, against values worked by hand from the bundled
 * tables: electricity 1 kWh = 3.6 MJ = 0.0001543 TOE, grid 2023 0.6592 tCO2/MWh; natural gas 1 Nm³
 * = 37.683 MJ (Circular 20/2016), 0.90 TOE per 1000 m³ (MOIT), 56.1 tCO2/TJ (IPCC 2006).
 */
class EnergyTodayTest {
  static final LocalDate ON = LocalDate.of(2026, 11, 29);
  static final LocalDate GRID_2023 = LocalDate.of(2023, 7, 1);

  static MeterState meter(String name, String carrier, String unit, Double today) {
    return meter(name, carrier, unit, unit, today);
  }

  /** {@code unit} as stored (canonical), {@code metered} as the counter reports it. */
  static MeterState meter(String name, String carrier, String unit, String metered, Double today) {
    return new MeterState(
        "plant-1",
        "Asia/Ho_Chi_Minh",
        false,
        name,
        carrier,
        Instant.EPOCH,
        null,
        null,
        null,
        null,
        unit == null ? null : "E",
        unit,
        metered,
        today,
        3600,
        Instant.EPOCH);
  }

  static EnergyToday of(MeterState... meters) {
    return EnergyToday.of(
        List.of(meters), ON, GRID_2023, ConversionTable.bundled(), EmissionFactors.bundled());
  }

  @Test
  void addsGasToElectricityAsFinalEnergyWithItsOwnTonnesOfOilAndCo2() {
    EnergyToday e =
        of(
            meter("line1-em", "electricity", "KWH", 100.0),
            meter("line2-em", null, "KWH", 50.0), // no carrier declared: a kWh counter
            meter("boiler-gas", "natural_gas", "NM3", 10.0));

    // 150 kWh + 10 Nm3 x 37.683 MJ / 3.6 = 150 + 104.675 kWh
    assertThat(e.finalKwh()).isCloseTo(254.675, within(1e-9));
    // 150 x 0.0001543 + 10 / 1000 x 0.90
    assertThat(e.toe()).isCloseTo(0.023145 + 0.009, within(1e-12));
    // 150 / 1000 x 0.6592 + 376.83 MJ / 1e6 x 56.1
    assertThat(e.tonnesCo2()).isCloseTo(0.09888 + 0.021140163, within(1e-9));
    assertThat(e.byCarrier())
        .extracting(EnergyToday.CarrierTotal::carrier, EnergyToday.CarrierTotal::unit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("electricity", "kWh"),
            org.assertj.core.groups.Tuple.tuple("natural_gas", "Nm3"));
    assertThat(e.byCarrier().get(0).quantity()).isEqualTo(150.0);
    assertThat(e.byCarrier().get(1).quantity()).isEqualTo(10.0);
    assertThat(e.notCounted()).isEmpty();
  }

  @Test
  void namesAMeterItCannotConvertInsteadOfGuessing() {
    EnergyToday e =
        of(
            meter("line1-em", "electricity", "KWH", 100.0),
            meter("steam", null, "NM3", 7.0), // gas volume, carrier not declared
            meter("spare", "electricity", null, null)); // no energy counter

    assertThat(e.finalKwh()).isEqualTo(100.0);
    assertThat(e.notCounted()).containsExactly("plant-1/steam");
  }

  @Test
  void takesAnUndeclaredWattHourCounterForElectricityButNotAHeatCounterInGigajoules() {
    // the demo's steam header: metered in GJ (UNECE GV), stored as kWh like every energy counter;
    // it is the boiler's gas over again, so it must not be added as electricity
    EnergyToday e =
        of(
            meter("line1-em", "electricity", "KWH", 100.0),
            meter("line2-em", null, "KWH", "MWH", 50.0),
            meter("steam-main", null, "KWH", "GV", 440.0));

    assertThat(e.finalKwh()).isEqualTo(150.0);
    assertThat(e.byCarrier())
        .singleElement()
        .satisfies(c -> assertThat(c.quantity()).isEqualTo(150.0));
    assertThat(e.notCounted()).containsExactly("plant-1/steam-main");
    // 150 x 0.0001543
    assertThat(e.toe()).isCloseTo(0.023145, within(1e-12));
  }

  @Test
  void saysWhyCo2IsMissingWhenNoGridFactorCoversTheDay() {
    EnergyToday e =
        EnergyToday.of(
            List.of(meter("line1-em", "electricity", "KWH", 100.0)),
            ON,
            ON, // 2026: no bundled grid factor
            ConversionTable.bundled(),
            EmissionFactors.bundled());

    assertThat(e.tonnesCo2()).isNull();
    assertThat(e.toe()).isCloseTo(0.01543, within(1e-12));
    assertThat(e.notes()).singleElement().asString().contains("electricity");
  }
}
