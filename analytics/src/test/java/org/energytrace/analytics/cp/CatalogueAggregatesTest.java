package org.energytrace.analytics.cp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.energytrace.analytics.cp.CatalogueAggregates.Entry;
import org.energytrace.analytics.cp.CatalogueAggregates.Group;
import org.junit.jupiter.api.Test;

class CatalogueAggregatesTest {
  @Test
  void groupsBySectorAndTypeWithMediansThatLeaveOutOptionsThatNeverPayBack() {
    List<Group> groups =
        CatalogueAggregates.of(
            List.of(
                new Entry("1103", OptionType.GOOD_HOUSEKEEPING, 0.04, 0.5),
                new Entry("1103", OptionType.GOOD_HOUSEKEEPING, 0.10, 1.5),
                new Entry("1103", OptionType.GOOD_HOUSEKEEPING, 0.06, null),
                new Entry("1103", OptionType.TECHNOLOGY_CHANGE, 0.12, 4.0),
                new Entry("1701", OptionType.GOOD_HOUSEKEEPING, 0.02, null)));
    assertThat(groups).hasSize(3);
    Group g = groups.get(0);
    assertThat(g.sector()).isEqualTo("1103");
    assertThat(g.type()).isEqualTo(OptionType.GOOD_HOUSEKEEPING);
    assertThat(g.entries()).isEqualTo(3);
    assertThat(g.medianSavingsFraction()).isEqualTo(0.06);
    // two paybacks: the mean of the middle two
    assertThat(g.medianPaybackYears()).isEqualTo(1.0);
    assertThat(groups.get(1).type()).isEqualTo(OptionType.TECHNOLOGY_CHANGE);
    assertThat(groups.get(2).medianPaybackYears()).isNull();
  }
}
