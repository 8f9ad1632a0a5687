package org.energytrace.analytics.baseline;

/** The model families of the baseline (IPMVP Option C/B whole-facility or sub-meter models). */
public enum ModelForm {
  /** E = SEC × P; no intercept. Valid only when the regression intercept is ~0. */
  RATIO("ratio"),
  /** E = a + Σ bᵢ·xᵢ by ordinary least squares. */
  OLS("ols"),
  /** E = a + b·max(0, T − Tc) (+ linear terms): cooling. */
  CHANGE_POINT_3P_COOLING("changepoint-3p-cooling"),
  /** E = a + b·max(0, Th − T) (+ linear terms): heating. */
  CHANGE_POINT_3P_HEATING("changepoint-3p-heating"),
  /** E = a + bh·max(0, T0 − T) + bc·max(0, T − T0): one balance point, two slopes. */
  CHANGE_POINT_4P("changepoint-4p"),
  /** E = a + bh·max(0, Th − T) + bc·max(0, T − Tc), Th ≤ Tc: a dead band. */
  CHANGE_POINT_5P("changepoint-5p");

  private final String label;

  ModelForm(String label) {
    this.label = label;
  }

  /** The name used in reports and on the command line. */
  public String label() {
    return label;
  }

  public boolean isChangePoint() {
    return this != RATIO && this != OLS;
  }
}
