package org.energytrace.ingest.verification.dossier;

import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.savings.AppliedAdjustment;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.verification.dossier.DossierReport.Facts;
import org.energytrace.ingest.verification.dossier.DossierReport.Line;
import org.energytrace.ingest.verification.dossier.DossierReport.StatedAdjustment;

/**
 * The report's non-routine adjustments in words, one line each under the figure they add up to:
 * what changed over which days, how its energy is stated, the auditor's decision with who, when and
 * the comment, and the energy it booked or why it was not applied. The figure alone ("Non- routine
 * adjustments: 600 kWh") did not say which adjustments were approved, nor why one was rejected: the
 * comment was only in {@code audit.csv}.
 */
final class AdjustmentSection {
  private final ReportLabels labels;

  AdjustmentSection(ReportLabels labels) {
    this.labels = labels;
  }

  /** One line per adjustment of the period (none: the figure is 0 and stands alone). */
  List<Line> lines(Facts f, String unit) {
    List<Line> out = new ArrayList<>();
    for (StatedAdjustment s : f.adjustments()) {
      NonRoutineAdjustment a = s.adjustment();
      AppliedAdjustment applied = s.applied();
      out.add(
          new Line(
              label("adjustment") + " " + a.id(),
              word("change_", s.change())
                  + ", "
                  + a.from()
                  + " .. "
                  + a.to()
                  + ": "
                  + stated(a, unit)
                  + "; "
                  + decision(s)
                  + "; "
                  + (applied != null
                      ? label("adj_booked")
                              .replace("{amount}", labels.number(applied.amount()))
                              .replace("{unit}", unit)
                              .replace("{points}", Integer.toString(applied.points()))
                              .replace("{half}", labels.number(applied.halfWidth()))
                          + coefficient(a, applied)
                      : label(a.approved() ? "adj_no_points" : "adj_not_applied"))
                  + ". "
                  + label("adj_justification")
                  + ": "
                  + a.justification(),
              applied == null ? null : applied.amount()));
    }
    return out;
  }

  /** How the adjustment's energy is stated: per day, over its days, a percentage, a term. */
  private String stated(NonRoutineAdjustment a, String unit) {
    String text = label("adj_" + NonRoutineAdjustment.name(a.kind()));
    return text.replace("{value}", Double.isFinite(a.value()) ? labels.number(a.value()) : "—")
        .replace("{unit}", unit)
        .replace("{variable}", a.variable() == null ? "—" : a.variable());
  }

  /** A model term's coefficient as used (fitted from the residuals), or nothing. */
  private String coefficient(NonRoutineAdjustment a, AppliedAdjustment applied) {
    if (!Double.isFinite(applied.coefficient())) {
      return "";
    }
    return ", "
        + label("adj_coefficient")
            .replace("{c}", ReportLabels.format(applied.coefficient(), labels.lang(), "#,##0.0###"))
            .replace("{variable}", a.variable() == null ? "—" : a.variable());
  }

  /** Approved or rejected by whom, when, with the comment; or still proposed. */
  private String decision(StatedAdjustment s) {
    String status = NonRoutineAdjustment.name(s.adjustment().status());
    String text =
        label("adj_" + status)
            .replace("{who}", s.decidedBy() == null ? "—" : s.decidedBy())
            .replace("{at}", s.decidedAt() == null ? "—" : s.decidedAt());
    return s.comment() == null || s.comment().isBlank()
        ? text
        : text + " (" + label("comments") + ": \u201c" + s.comment() + "\u201d)";
  }

  private String label(String key) {
    return labels.label(key);
  }

  private String word(String prefix, String value) {
    return labels.word(prefix, value);
  }
}
