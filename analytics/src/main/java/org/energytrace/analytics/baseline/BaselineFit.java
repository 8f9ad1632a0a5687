package org.energytrace.analytics.baseline;

import java.util.List;
import java.util.Objects;
import org.energytrace.analytics.enpi.Coverage;

/**
 * A baseline model fitted to a baseline period, with its statistics, validity, the ranges of its
 * variables, the coverage of the period, the values to review (CalTRACK) and why this model was
 * chosen.
 */
public record BaselineFit(
    BaselineModel model,
    FitStatistics statistics,
    Validity validity,
    List<VariableRange> ranges,
    Granularity granularity,
    Coverage coverage,
    DataReview review,
    String choice,
    String methodVersion) {

  public BaselineFit {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(validity, "validity");
    ranges = List.copyOf(ranges);
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(coverage, "coverage");
    Objects.requireNonNull(review, "review");
    Objects.requireNonNull(choice, "choice");
    Objects.requireNonNull(methodVersion, "methodVersion");
  }

  public BaselineFit withChoice(String reason) {
    return new BaselineFit(
        model, statistics, validity, ranges, granularity, coverage, review, reason, methodVersion);
  }

  public BaselineFit withValidity(Validity newValidity) {
    return new BaselineFit(
        model,
        statistics,
        newValidity,
        ranges,
        granularity,
        coverage,
        review,
        choice,
        methodVersion);
  }

  public Coefficient coefficient(String name) {
    return model.coefficients().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no coefficient " + name));
  }
}
