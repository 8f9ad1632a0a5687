package org.energytrace.ingest.enpi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.baseline.BaselineModel;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.baseline.Term;
import org.energytrace.analytics.baseline.WeatherSlopes;
import org.energytrace.ingest.errors.DomainException;

/**
 * The weather variable of a baseline asked for through the API (docs/mv-method.md "Weather in the
 * API"): cooling or heating degree days of the site's daily mean temperature (°C), at a stated
 * balance point — the column {@code cdd_18c} / {@code hdd_15.5c}, value max(0, T − Tb) or max(0, Tb
 * − T), fitted by OLS — or at a balance point the change-point search fits — the column {@code
 * temperature}, the raw daily mean. These are exactly the columns {@code analytics mv} reads, so
 * the CSVs the API stores and exports recompute the same figures with the CLI.
 *
 * @param cooling CDD (true) or HDD (false)
 * @param balancePoint the stated balance point in °C, or null when it is fitted
 */
public record WeatherVariable(boolean cooling, Double balancePoint) {

  /** The lowest and highest balance point the API accepts, °C. */
  public static final double MIN_BALANCE_POINT = 0;

  public static final double MAX_BALANCE_POINT = 40;

  public WeatherVariable {
    if (balancePoint != null
        && !(balancePoint >= MIN_BALANCE_POINT && balancePoint <= MAX_BALANCE_POINT)) {
      throw DomainException.invalid(
          "weather.balance_point", "a temperature in °C between 0 and 40, got " + balancePoint);
    }
  }

  /** {@code cdd} or {@code hdd} with an optional balance point, as the request names them. */
  public static WeatherVariable of(String variable, Double balancePoint) {
    if (variable == null) {
      throw DomainException.invalid("weather.variable", "required: cdd or hdd");
    }
    return switch (variable) {
      case "cdd" -> new WeatherVariable(true, balancePoint);
      case "hdd" -> new WeatherVariable(false, balancePoint);
      default ->
          throw DomainException.invalid(
              "weather.variable", "cdd or hdd (degree days of the site's daily mean temperature)");
    };
  }

  public boolean fitted() {
    return balancePoint == null;
  }

  /**
   * The data-set column: {@code temperature} when fitted, else {@code cdd_18c}, {@code hdd_15.5c}.
   */
  public String column() {
    if (fitted()) {
      return ModelSelector.TEMPERATURE;
    }
    return (cooling ? "cdd_" : "hdd_")
        + BigDecimal.valueOf(balancePoint).stripTrailingZeros().toPlainString()
        + "c";
  }

  /** The column's value on a day of daily mean temperature {@code meanC}. */
  public double value(double meanC) {
    if (fitted()) {
      return meanC;
    }
    return cooling ? Math.max(0, meanC - balancePoint) : Math.max(0, balancePoint - meanC);
  }

  /** The weather column of a stored baseline's data, if it has one. */
  public static Optional<WeatherVariable> ofColumns(List<String> columns) {
    for (String c : columns) {
      if (c.equals(ModelSelector.TEMPERATURE)) {
        // the hinge the fit chose tells heating or cooling; "cooling" here is only the default
        return Optional.of(new WeatherVariable(true, null));
      }
      var dd = WeatherSlopes.degreeDays(c);
      if (dd.isPresent() && dd.get().balancePoint().isPresent() && "°C".equals(dd.get().unit())) {
        return Optional.of(
            new WeatherVariable(!dd.get().heating(), dd.get().balancePoint().getAsDouble()));
      }
    }
    return Optional.empty();
  }

  /**
   * What a savings or baseline answer says about the weather: the variable(s) — {@code cdd}, {@code
   * hdd} or both for a 4P/5P change-point model —, the column, and the balance point(s), stated or
   * fitted by the change-point search.
   */
  public Map<String, Object> describe(BaselineModel model, Map<String, Object> source) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column());
    m.put("unit", "°C");
    if (!fitted()) {
      m.put("variable", cooling ? "cdd" : "hdd");
      m.put("balance_point", balancePoint);
      m.put("balance_point_origin", "stated");
      m.put("heating_balance_point", cooling ? null : balancePoint);
      m.put("cooling_balance_point", cooling ? balancePoint : null);
    } else {
      Double heating = null;
      Double cooling = null;
      for (Term t : model.terms()) {
        if (t.shape() == Term.Shape.BELOW) {
          heating = t.balancePoint();
        } else if (t.shape() == Term.Shape.ABOVE) {
          cooling = t.balancePoint();
        }
      }
      m.put(
          "variable",
          heating != null && cooling != null
              ? "hdd+cdd"
              : heating != null ? "hdd" : cooling != null ? "cdd" : "temperature");
      m.put("balance_point", heating != null && cooling == null ? heating : cooling);
      m.put("balance_point_origin", "fitted");
      m.put("heating_balance_point", heating);
      m.put("cooling_balance_point", cooling);
    }
    m.put("form", model.form().label());
    m.put("source", source);
    return m;
  }

  /** Whether a fitted change-point model has the hinge this variable asks for. */
  public boolean hasHinge(BaselineModel model) {
    Term.Shape wanted = cooling ? Term.Shape.ABOVE : Term.Shape.BELOW;
    return model.terms().stream().anyMatch(t -> t.shape() == wanted);
  }

  @Override
  public String toString() {
    return (cooling ? "cdd" : "hdd")
        + (fitted() ? " (fitted balance point)" : " " + balancePoint + " °C")
            .toLowerCase(Locale.ROOT);
  }
}
