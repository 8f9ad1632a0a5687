package org.energytrace.analytics.units;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void aFigureHasSixSignificantDigitsInPlainNotationWithoutTrailingZeros() {
    // %.6g wrote 1.54991e+06, 2.00000 and 0.0123000; the whole units are never rounded away
    // (the offline check said "of 1569700" for 1 569 701.0)
    assertThat(Figures.significant(1_549_912.4)).isEqualTo("1549912");
    assertThat(Figures.significant(1_569_701.04)).isEqualTo("1569701");
    assertThat(Figures.significant(154_991.24)).isEqualTo("154991");
    assertThat(Figures.significant(2)).isEqualTo("2");
    assertThat(Figures.significant(0.0123)).isEqualTo("0.0123");
    assertThat(Figures.significant(-41.23456789)).isEqualTo("-41.2346");
    assertThat(Figures.significant(0.1)).isEqualTo("0.1");
    assertThat(Figures.significant(0)).isEqualTo("0");
    assertThat(Figures.significant(Double.NaN)).isEqualTo("NaN");
    assertThat(Figures.significant(123_456.78, 4)).isEqualTo("123457");
    assertThat(Figures.significant(12.345678, 4)).isEqualTo("12.35");
  }

  @Test
  void roundedRemovesTheNoiseOfBinaryArithmeticButKeepsTheFigure() {
    double used = 20.24 + 0 - 21; // a stock ledger's period in binary arithmetic
    assertThat(used).isNotEqualTo(-0.76);
    assertThat(Figures.rounded(used)).isEqualTo(-0.76);
    assertThat(Figures.rounded(1549910.123456789)).isEqualTo(1549910.12346);
    assertThat(Figures.rounded(Double.NaN)).isNaN();
    assertThat(Figures.rounded(0)).isZero();
  }
}
