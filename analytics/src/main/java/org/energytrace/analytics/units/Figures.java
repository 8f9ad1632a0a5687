package org.energytrace.analytics.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Figures in the text of a message or report: a number with at most a given count of significant
 * digits, in plain notation and without trailing zeros — {@code 1549912}, {@code 0.0123}, {@code 2}
 * — where {@code %.6g} wrote {@code 1.54991e+06}, {@code 0.0123000} and {@code 2.00000}.
 */
public final class Figures {
  private Figures() {}

  /** {@code v} with at most six significant digits. */
  public static String significant(double v) {
    return significant(v, 6);
  }

  /**
   * {@code v} with at most {@code digits} significant digits (half even), plain, but never rounded
   * into its whole units: 1569701.04 is {@code 1569701}, not 1569700, which a reader takes for the
   * figure itself; {@code NaN} and the infinities as Java writes them.
   */
  public static String significant(double v, int digits) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal exact = new BigDecimal(v);
    int wholeDigits = exact.precision() - exact.scale();
    BigDecimal shown =
        wholeDigits >= digits
            ? exact.setScale(0, RoundingMode.HALF_EVEN)
            : exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    return shown.stripTrailingZeros().toPlainString();
  }

  /**
   * {@code v} with the noise of binary arithmetic removed, for an answer's number: twelve
   * significant digits, so that 20.24 + 0 − 21 answers −0.76, not −0.7600000000000016. Not finite
   * values are returned as they are.
   */
  public static double rounded(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return v;
    }
    return new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).doubleValue();
  }
}
