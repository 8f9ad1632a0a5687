package org.energytrace.gateway.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Quality;
import org.energytrace.gateway.model.Reading;
import org.junit.jupiter.api.Test;

class CounterWatchTest {

  private static final PointTarget.MeterChannel ENERGY =
      PointTarget.MeterChannel.counter("m1", "AcActiveEnergyTotalImport", "WHR", 32);
  private static final PointTarget.MeterChannel POWER =
      PointTarget.MeterChannel.gauge("m1", "AcActivePowerTotal", "WTT");

  private static Reading energy(int second, double value) {
    return Reading.good(ENERGY, Instant.EPOCH.plusSeconds(second), value);
  }

  @Test
  void flagsACounterThatWentDownAsUncertainAndKeepsItsRawValue() {
    CounterWatch watch = new CounterWatch();
    watch.flag(List.of(energy(1, 4_294_967_290.0)));
    // a 32-bit register wrapped (or the meter was reset): the server decides, the gateway flags
    List<Reading> flagged = watch.flag(List.of(energy(2, 5.0)));
    assertThat(flagged)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value()).isEqualTo(5.0);
              assertThat(r.quality()).isEqualTo(Quality.UNCERTAIN);
            });
    assertThat(watch.flag(List.of(energy(3, 6.0))))
        .extracting(Reading::quality)
        .containsOnly(Quality.GOOD);
  }

  @Test
  void leavesGaugesThatGoDownAlone() {
    CounterWatch watch = new CounterWatch();
    watch.flag(List.of(Reading.good(POWER, Instant.EPOCH, 10)));
    assertThat(watch.flag(List.of(Reading.good(POWER, Instant.EPOCH.plusSeconds(1), 2))))
        .extracting(Reading::quality)
        .containsOnly(Quality.GOOD);
  }
}
