package org.energytrace.analytics.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.energytrace.analytics.savings.ProgrammeTarget;

/**
 * The saving bands of the CP programme (Decision 1419/QĐ-TTg: 5–8 % to 2015, 8–13 % 2016–2020, per
 * unit of product), read from the programme-targets table: edges e₁ &lt; e₂ &lt; … make the bands
 * [e₁, e₂), [e₂, e₃), …, [eₖ, ∞).
 *
 * <p>Confidence rule: an enterprise is counted in the highest band whose lower edge its lower
 * confidence bound reaches (the saving is demonstrably at least that much); below the first edge it
 * is BELOW only when the upper bound is below it too; otherwise INCONCLUSIVE.
 */
public record SavingsBands(List<Double> edges, String source) {

  /** Where an enterprise lands. */
  public enum Category {
    NO_RESULT,
    MODEL_NOT_VALID,
    INCONCLUSIVE,
    BELOW_LOWEST,
    IN_BAND
  }

  /** The classification of one result: {@code band} is a band label for IN_BAND, else null. */
  public record Assessment(Category category, String band, String pointBand) {}

  public SavingsBands {
    edges = List.copyOf(new TreeSet<>(edges));
    Objects.requireNonNull(source, "source");
    if (edges.isEmpty()) {
      throw new IllegalArgumentException("at least one band edge");
    }
  }

  public static SavingsBands bundled() {
    List<ProgrammeTarget> targets = ProgrammeTarget.bundled();
    return new SavingsBands(
        targets.stream().map(ProgrammeTarget::fraction).toList(),
        targets.stream().map(ProgrammeTarget::source).distinct().sorted().toList().toString());
  }

  /** Labels of the bands, lowest first, e.g. {@code 5-8 %}, {@code 8-13 %}, {@code >=13 %}. */
  public List<String> labels() {
    return java.util.stream.IntStream.range(0, edges.size()).mapToObj(this::label).toList();
  }

  public String belowLabel() {
    return "<" + pct(edges.get(0)) + " %";
  }

  String label(int i) {
    return i == edges.size() - 1
        ? ">=" + pct(edges.get(i)) + " %"
        : pct(edges.get(i)) + "-" + pct(edges.get(i + 1)) + " %";
  }

  /** The band containing {@code fraction} (point estimate), or the below label. */
  public String bandOf(double fraction) {
    for (int i = edges.size() - 1; i >= 0; i--) {
      if (fraction >= edges.get(i)) {
        return label(i);
      }
    }
    return belowLabel();
  }

  public Assessment assess(VerifiedSaving s) {
    if (s == null) {
      return new Assessment(Category.NO_RESULT, null, null);
    }
    String point = bandOf(s.fraction());
    if (!s.modelValid()) {
      return new Assessment(Category.MODEL_NOT_VALID, null, point);
    }
    for (int i = edges.size() - 1; i >= 0; i--) {
      if (s.fractionLow() >= edges.get(i)) {
        return new Assessment(Category.IN_BAND, label(i), point);
      }
    }
    if (s.fractionHigh() < edges.get(0)) {
      return new Assessment(Category.BELOW_LOWEST, null, point);
    }
    return new Assessment(Category.INCONCLUSIVE, null, point);
  }

  private static String pct(double f) {
    double p = 100 * f;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p);
  }
}
