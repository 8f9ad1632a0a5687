package org.energytrace.analytics.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical sign of weather slopes (CalTRACK 2.0 §3.4.3.2: a candidate model qualifies only when
 * no parameter estimate is negative). A heating slope — energy per degree below the heating balance
 * point, or per heating degree day — and a cooling slope — per degree above the cooling balance
 * point, or per cooling degree day — must be ≥ 0: a heating load cannot grow as it gets warmer, a
 * cooling load cannot shrink. When every term of a model is a weather term the intercept is the
 * base load at the balance point and must be ≥ 0 too; with production terms it is an extrapolation
 * to zero output and is not constrained.
 *
 * <p>Degree-day columns are named {@code hdd} or {@code cdd}, optionally with the balance point and
 * its unit stated: {@code hdd_65f}, {@code cdd_18c}, {@code hdd_15.5c}.
 */
public final class WeatherSlopes {

  /** The flag of the validity check (present only for models with weather terms). */
  public static final String FLAG = "weather_slopes_not_negative";

  private static final Pattern DEGREE_DAYS =
      Pattern.compile("(hdd|cdd)(?:_([0-9]+(?:\\.[0-9]+)?)([cf]))?");

  private WeatherSlopes() {}

  /** A degree-day column: heating or cooling, and the balance point when its name states one. */
  public record DegreeDayColumn(
      String name, boolean heating, OptionalDouble balancePoint, String unit) {

    /** "heating degree days, balance point 65 °F" or "…, balance point not stated". */
    public String describe() {
      return (heating ? "heating" : "cooling")
          + " degree days, "
          + (balancePoint.isPresent()
              ? String.format(
                  Locale.ROOT, "balance point %s %s", trim(balancePoint.getAsDouble()), unit)
              : "balance point not stated (name the column e.g. "
                  + (heating ? "hdd_65f or hdd_18c" : "cdd_65f or cdd_18c")
                  + ")");
    }
  }

  /** The degree-day reading of a column name, empty when the name is not hdd/cdd[_&lt;T&gt;c|f]. */
  public static Optional<DegreeDayColumn> degreeDays(String column) {
    Matcher m = DEGREE_DAYS.matcher(column);
    if (!m.matches()) {
      return Optional.empty();
    }
    boolean heating = m.group(1).equals("hdd");
    if (m.group(2) == null) {
      return Optional.of(new DegreeDayColumn(column, heating, OptionalDouble.empty(), null));
    }
    return Optional.of(
        new DegreeDayColumn(
            column,
            heating,
            OptionalDouble.of(Double.parseDouble(m.group(2))),
            m.group(3).equals("c") ? "°C" : "°F"));
  }

  /** True for a change-point hinge or a degree-day column. */
  public static boolean isWeatherTerm(Term t) {
    return t.shape() != Term.Shape.LINEAR || degreeDays(t.variable()).isPresent();
  }

  /**
   * The sign violations of one candidate: {@code values[0]} is the intercept when {@code
   * intercept}, then one value per term. Empty when the candidate is physically signed.
   */
  static List<String> violations(List<Term> terms, double[] values, boolean intercept) {
    int offset = intercept ? 1 : 0;
    List<String> out = new ArrayList<>();
    boolean allWeather = !terms.isEmpty();
    for (int j = 0; j < terms.size(); j++) {
      Term t = terms.get(j);
      if (!isWeatherTerm(t)) {
        allWeather = false;
        continue;
      }
      double v = values[j + offset];
      if (v < 0) {
        out.add(String.format(Locale.ROOT, "%s %.4g < 0 (%s)", t.name(), v, meaning(t)));
      }
    }
    if (intercept && allWeather && values[0] < 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "intercept %.4g < 0 (a negative base load at the balance point)",
              values[0]));
    }
    return out;
  }

  /** The validity check for a model with weather terms; empty when the model has none. */
  static Optional<ValidityCheck> check(BaselineModel model) {
    if (model.terms().stream().noneMatch(WeatherSlopes::isWeatherTerm)) {
      return Optional.empty();
    }
    double[] values = model.coefficients().stream().mapToDouble(Coefficient::value).toArray();
    List<String> bad = violations(model.terms(), values, model.intercept());
    return Optional.of(
        new ValidityCheck(
            FLAG,
            bad.isEmpty(),
            bad.isEmpty()
                ? "heating and cooling slopes are not negative (CalTRACK 2.0 §3.4.3.2)"
                : "physically invalid weather slopes (CalTRACK 2.0 §3.4.3.2): "
                    + String.join("; ", bad)));
  }

  private static String meaning(Term t) {
    boolean heating =
        t.shape() == Term.Shape.BELOW
            || (t.shape() == Term.Shape.LINEAR
                && degreeDays(t.variable()).map(DegreeDayColumn::heating).orElse(false));
    return heating
        ? "energy would fall as it gets colder: a heating slope must be ≥ 0"
        : "energy would fall as it gets warmer: a cooling slope must be ≥ 0";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
