package org.energytrace.ingest.verification.dossier;

import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.enpi.PeriodRecords;
import org.energytrace.ingest.verification.dossier.DossierReport.Facts;
import org.energytrace.ingest.verification.dossier.DossierReport.Signoff;

/**
 * The report's sign-off section: the sign-offs on record for the period, and the block of the one
 * this dossier is for (its auditors, the opinions, and where the sign-off is recorded).
 */
final class SignoffSection {
  private final ReportLabels labels;

  SignoffSection(ReportLabels labels) {
    this.labels = labels;
  }

  private String label(String key) {
    return labels.label(key);
  }

  /** The sign-offs on record, one text each (opinion, auditor, date, comments, hash, status). */
  List<String> signoffsOnRecord(Facts f) {
    List<String> out = new ArrayList<>();
    for (Signoff s : f.signoffs()) {
      String op = "op_" + s.opinion();
      out.add(
          "#"
              + s.id()
              + " "
              + s.from()
              + " .. "
              + s.to()
              + ": "
              + (labels.has(op) ? label(op) : s.opinion())
              + " — "
              + label("auditor")
              + " "
              + s.auditor()
              + ", "
              + s.signedAt()
              + (s.comments() == null || s.comments().isBlank()
                  ? ""
                  : ", " + label("comments") + ": " + s.comments())
              + ", "
              + label("dossier_sha")
              + " "
              + s.dossierSha256()
              + ", "
              + (s.supersededBy() != null
                  ? label("superseded") + " #" + s.supersededBy()
                  : s.toBeReverified()
                      ? label("current_reverify") + changes(s, f)
                      : label("current")));
    }
    return out;
  }

  /** What changed since the dossier a sign-off names, as the verification page lists it. */
  private String changes(Signoff s, Facts f) {
    List<String> out = new ArrayList<>();
    for (PeriodRecords.Revision r : s.revisions()) {
      out.add(
          label("changed_revision")
              .replace("{p}", r.product())
              .replace("{d}", r.day().toString())
              .replace("{a}", ReportLabels.quantity(r.oldQuantity(), labels.lang()))
              .replace("{b}", ReportLabels.quantity(r.newQuantity(), labels.lang()))
              .replace("{who}", r.by())
              .replace("{at}", f.local(r.at()))
              .replace("{why}", r.reason() == null ? "" : r.reason()));
    }
    for (PeriodRecords.LateData d : s.lateData()) {
      String kind = "late_" + d.kind();
      out.add(
          label("changed_late")
              .replace("{k}", labels.has(kind) ? label(kind) : d.kind())
              .replace("{s}", d.series())
              .replace("{d}", d.day().toString())
              .replace("{n}", String.valueOf(d.readings().size())));
    }
    for (PeriodRecords.CounterEventChange e : s.counterEvents()) {
      out.add(
          label("changed_event_" + e.change())
              .replace(
                  "{k}",
                  e.kind() != null && labels.has("event_kind_" + e.kind())
                      ? label("event_kind_" + e.kind())
                      : label("event_kind_unknown"))
              .replace("{s}", e.meter() + "/" + e.channel())
              .replace("{ts}", f.local(e.eventTs()))
              .replace("{at}", f.local(e.changedAt())));
    }
    for (PeriodRecords.AdjustmentApproved a : s.adjustmentsApproved()) {
      out.add(
          label("changed_adjustment")
              .replace("{id}", a.id())
              .replace("{from}", a.from().toString())
              .replace("{to}", a.to().toString())
              .replace("{who}", a.decidedBy())
              .replace("{at}", f.local(a.decidedAt())));
    }
    return out.isEmpty() ? "" : ": " + String.join("; ", out);
  }

  /** The block of this dossier's sign-off: (label, text) rows. */
  List<String[]> signoffBlock(Facts f) {
    List<String[]> out = new ArrayList<>();
    out.add(
        new String[] {
          label("auditors_assigned"),
          f.auditors().isEmpty() ? label("no_auditor") : String.join(", ", f.auditors())
        });
    out.add(new String[] {label("opinion"), label("opinions")});
    out.add(new String[] {label("where"), label("statement")});
    return out;
  }
}
