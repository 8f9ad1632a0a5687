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

  @Test
  void aBandIsRoundedOutwardsSoItsLowerBoundNeverReadsAboveWhatItIs() {
    // the pilot sites' sheet wrote a band from 9,990 % as "10,0 % – 11,9 %": read as at least 10 %
    assertThat(new ReportText("en").band(0.0999, 0.11931)).isEqualTo("9.9 % – 12.0 %");
    assertThat(new ReportText("vi").band(0.0796, 0.0804)).isEqualTo("7,9 % – 8,1 %");
    // a bound on the grid stays where it is, whatever the binary fraction
    assertThat(new ReportText("en").band(0.09, 0.11)).isEqualTo("9.0 % – 11.0 %");
    assertThat(new ReportText("en").band(0.1 * 3 / 3, 0.3 - 0.2)).isEqualTo("10.0 % – 10.0 %");
    assertThat(new ReportText("en").band(Double.NaN, 0.1)).isEqualTo(new ReportText("en").none());
  }
}
