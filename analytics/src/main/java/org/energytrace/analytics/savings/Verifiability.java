package org.energytrace.analytics.savings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.energytrace.analytics.MethodVersion;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.Validity;
import org.energytrace.analytics.baseline.ValidityCheck;

/**
 * Whether a baseline — and a saving computed from it — can be verified, by one rule used everywhere
 * a saving or target progress is shown (issue 15, "validity everywhere"): every validity check of
 * the baseline must pass — the DOE EnPI/SEP model rules, Guideline 14's CV(RMSE) and the CalTRACK
 * data sufficiency (a year of periods, at most 10 % missing, n′ &gt; p) — and, for a saving, at
 * most 5 % of the adjusted baseline may rest on reporting points outside the baseline range ({@link
 * Extrapolation}). Otherwise the result is {@link Status#INDICATIVE}, labelled "indicative, not
 * verifiable", and never counts as a target met.
 *
 * <p>The Guideline 14 check "FSU ≤ 50 % at 68 %" is not part of this rule: it says whether a saving
 * is told from zero, which the confidence band already decides (a small or zero saving from a sound
 * baseline is verifiable — as small).
 */
public record Verifiability(
    Status status, List<String> failedFlags, List<String> reasons, String methodVersion) {

  /** The two answers. */
  public enum Status {
    VERIFIABLE,
    INDICATIVE
  }

  public static final String VERIFIABLE_LABEL = "verifiable";
  public static final String INDICATIVE_LABEL = "indicative, not verifiable";

  /** Saving checks that do not decide verifiability (see the class comment). */
  static final Set<String> NOT_DECIDING = Set.of("fsu_68_at_most_0_5");

  public Verifiability {
    Objects.requireNonNull(status, "status");
    failedFlags = List.copyOf(failedFlags);
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  /** A baseline by its own checks (model rules, CV(RMSE), data sufficiency, ratio intercept). */
  public static Verifiability ofBaseline(BaselineFit fit) {
    return of(fit.validity());
  }

  /** A saving: the baseline's checks plus the reporting period's range check. */
  public static Verifiability ofSavings(SavingsResult result) {
    return of(result.validity());
  }

  /** The rule applied to any set of checks. */
  public static Verifiability of(Validity validity) {
    List<String> flags = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (ValidityCheck c : validity.checks()) {
      if (!c.passed() && !NOT_DECIDING.contains(c.flag())) {
        flags.add(c.flag());
        reasons.add(c.message());
      }
    }
    return new Verifiability(
        flags.isEmpty() ? Status.VERIFIABLE : Status.INDICATIVE,
        flags,
        reasons,
        MethodVersion.CURRENT);
  }

  public boolean verifiable() {
    return status == Status.VERIFIABLE;
  }

  /** "verifiable" or "indicative, not verifiable". */
  public String label() {
    return verifiable() ? VERIFIABLE_LABEL : INDICATIVE_LABEL;
  }

  /** {status, label, failed_checks[], reasons[]} for the JSON outputs. */
  public Map<String, Object> tree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    m.put("label", label());
    m.put("failed_checks", new ArrayList<>(failedFlags));
    m.put("reasons", new ArrayList<>(reasons));
    return m;
  }
}
