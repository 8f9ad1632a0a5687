package org.energytrace.analytics.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.IntStream;
import org.energytrace.analytics.cp.CpMethod.Status;
import org.junit.jupiter.api.Test;

class CpMethodTest {
  @Test
  void theMethodHasSixStepsOfEighteenTasksNumberedInOrder() {
    // UNIDO/UNEP method as taught by VNCPC: 6 steps, 18 tasks (reference, first table)
    assertThat(CpMethod.STEPS).hasSize(6);
    assertThat(CpMethod.STEPS.stream().flatMap(s -> s.tasks().stream()).map(CpMethod.Task::number))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 18).boxed().toList());
    assertThat(CpMethod.STEPS.get(1).tasks()).extracting(CpMethod.Task::number).contains(5);
    assertThat(CpMethod.task(5).en()).isEqualTo("Material and energy balance");
    assertThatThrownBy(() -> CpMethod.task(19)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStepIsDoneWhenAllItsTasksAreDoneAndInProgressWhenOnlySomeAreBegun() {
    var statuses =
        CpMethod.stepStatuses(
            Map.of(1, Status.DONE, 2, Status.DONE, 3, Status.DONE, 4, Status.IN_PROGRESS));
    assertThat(statuses)
        .containsExactly(
            Status.DONE,
            Status.IN_PROGRESS,
            Status.NOT_STARTED,
            Status.NOT_STARTED,
            Status.NOT_STARTED,
            Status.NOT_STARTED);
    assertThat(CpMethod.stepStatuses(Map.of(1, Status.DONE, 2, Status.DONE)).get(0))
        .isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void everyOptionTypeHasAWireNameAndBothLanguages() {
    assertThat(OptionType.values()).hasSize(8);
    assertThat(OptionType.fromWire("good_housekeeping")).contains(OptionType.GOOD_HOUSEKEEPING);
    assertThat(OptionType.fromWire("magic")).isEmpty();
    assertThat(OptionType.GOOD_HOUSEKEEPING.label("vi")).isEqualTo("Quản lý nội vi");
    assertThat(OptionType.TECHNOLOGY_CHANGE.label("en")).isEqualTo("Technology change");
  }

  @Test
  void simplePaybackIsInvestmentOverYearlySavingAndAbsentWhenNothingIsSaved() {
    assertThat(Payback.simpleYears(120_000_000, 80_000_000).getAsDouble()).isEqualTo(1.5);
    assertThat(Payback.simpleYears(0, 5_000_000).getAsDouble()).isZero();
    assertThat(Payback.simpleYears(10, 0)).isEmpty();
    assertThatThrownBy(() -> Payback.simpleYears(-1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
