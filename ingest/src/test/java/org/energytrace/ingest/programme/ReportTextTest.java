package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The province report's numbers as a reader of each language reads them. */
class ReportTextTest {

  @Test
  void aColumnOfTonnesOfOilEquivalentHasOneDecimalEachSoAWholeOneIsNotReadAsASmallOne() {
    // the key energy users' column read "2.023" (two thousand and twenty-three, in Vietnamese)
    // beside "2.763,6": a reader took the first for two TOE
    ReportText vi = new ReportText("vi");
    assertThat(vi.fixed(2023, 1).text()).isEqualTo("2.023,0");
    assertThat(vi.fixed(2763.6, 1).text()).isEqualTo("2.763,6");
    assertThat(new ReportText("en").fixed(2023, 1).text()).isEqualTo("2,023.0");
    assertThat(vi.fixed(2023, 1).number()).isEqualTo(2023.0);
  }
}
