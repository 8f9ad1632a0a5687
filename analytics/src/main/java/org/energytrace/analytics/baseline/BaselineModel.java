package org.energytrace.analytics.baseline;

import java.util.List;
import java.util.Objects;

/**
 * A fitted baseline model: the form, its terms and coefficients. When {@code intercept} is true the
 * first coefficient is the intercept (base load) and the others follow the terms in order.
 *
 * @param balancePoints number of grid-searched balance points (counted as model parameters)
 */
public record BaselineModel(
    ModelForm form,
    boolean intercept,
    List<Term> terms,
    List<Coefficient> coefficients,
    int balancePoints) {

  public static final String INTERCEPT = "intercept";

  public BaselineModel {
    Objects.requireNonNull(form, "form");
    terms = List.copyOf(terms);
    coefficients = List.copyOf(coefficients);
    if (coefficients.size() != terms.size() + (intercept ? 1 : 0)) {
      throw new IllegalArgumentException(
          "expected " + (terms.size() + (intercept ? 1 : 0)) + " coefficients");
    }
  }

  /** p in the Guideline 14 divisors: coefficients plus grid-searched balance points. */
  public int parameterCount() {
    return coefficients.size() + balancePoints;
  }

  /** The prediction for one row of a data set that holds every variable the terms read. */
  public double predict(DataSet layout, Observation row) {
    int offset = intercept ? 1 : 0;
    double y = intercept ? coefficients.get(0).value() : 0.0;
    for (int j = 0; j < terms.size(); j++) {
      Term term = terms.get(j);
      y +=
          coefficients.get(j + offset).value()
              * term.evaluate(row.value(layout.indexOf(term.variable())));
    }
    return y;
  }

  public double[] predict(DataSet data) {
    return data.rows().stream().mapToDouble(r -> predict(data, r)).toArray();
  }

  /** The variables the model reads (each once, in term order). */
  public List<String> variables() {
    return terms.stream().map(Term::variable).distinct().toList();
  }
}
