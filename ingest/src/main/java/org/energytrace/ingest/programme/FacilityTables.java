package org.energytrace.ingest.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.ingest.documents.TableDocument.Cell;
import org.energytrace.ingest.documents.TableDocument.Table;
import org.energytrace.ingest.programme.ProgrammeReportDocument.FacilityRow;
import org.energytrace.ingest.programme.ProgrammeReportDocument.PilotRow;

/**
 * The programme report's sections that list facilities ({@link ProgrammeReportDocument}): 5 the
 * registry's facilities with their status, 6 the pilot sites' savings, 8 the key energy users.
 */
final class FacilityTables {
  private final ReportText t;

  FacilityTables(ReportText t) {
    this.t = t;
  }

  /** 5. Each facility of the report with its CP stage, officers and key-user mark. */
  Table facilities(List<FacilityRow> facilities) {
    List<List<Cell>> rows = new ArrayList<>();
    for (FacilityRow f : facilities) {
      rows.add(
          List.of(
              Cell.text(f.code()),
              Cell.text(f.name()),
              Cell.text(f.district()),
              Cell.text(f.vsic()),
              t.textOrNone(f.park()),
              Cell.text(
                  t.label(f.stage())
                      + (f.stageToBeReverified() ? " — " + t.label("to_be_reverified") : "")),
              t.yesNo(f.potential()),
              Cell.text(f.officersTrained() + "/" + f.officers()),
              // as the programme page says it: a "no" from a year with missing days is not one
              f.keyEnergyUser() || f.keyEnergyUserComplete()
                  ? t.yesNo(f.keyEnergyUser())
                  : Cell.text(t.label("no_year_incomplete"))));
    }
    return t.table(
        "facilities",
        t.labels(
            "c.code",
            "c.name",
            "c.district",
            "c.sector",
            "c.park",
            "c.stage",
            "c.potential",
            "c.officers",
            "c.keu"),
        rows,
        new float[] {1.3f, 3, 1.5f, 0.8f, 1.3f, 1.4f, 0.8f, 0.9f, 0.8f});
  }

  /** 6. Each saving of a pilot site with its band, amount and money. */
  Table pilots(List<PilotRow> pilots) {
    List<List<Cell>> rows = new ArrayList<>();
    for (PilotRow p : pilots) {
      rows.add(
          List.of(
              Cell.text(p.code()),
              Cell.text(p.name()),
              Cell.text(p.sites()),
              Cell.text(t.resource(p.resource())),
              Cell.text(t.label(p.status()) + (p.split() ? " (" + t.label("split") + ")" : "")),
              // a site without a saving: one "—" in each cell, no "— .. —"
              Cell.text(p.from() == null ? t.none() : t.days(p.from() + " .. " + p.to())),
              Cell.fraction(p.fraction(), t.percent(p.fraction())),
              Cell.text(t.band(p.fractionLow(), p.fractionHigh())),
              t.quantity(p.amount(), 2),
              Cell.text(p.unit()),
              p.money() == null
                  ? Cell.text(t.none())
                  : Cell.number(p.money(), t.number(p.money(), 0) + " " + p.currency(), 0)));
    }
    return t.table(
        "pilots",
        t.labels(
            "c.code",
            "c.name",
            "c.sites",
            "c.resource",
            "c.status",
            "c.saving_period",
            "c.fraction",
            "c.band",
            "c.amount",
            "c.unit",
            "c.money"),
        rows,
        new float[] {1.2f, 2.2f, 1.4f, 1, 1, 1.8f, 0.9f, 1.3f, 1.1f, 0.6f, 1.3f});
  }

  /** 8. The key energy users of the year with their TOE and national-list mark. */
  Table keyEnergyUsers(ProgrammeIndicators.KeyUsers users, Map<String, String> names) {
    List<List<Cell>> rows = new ArrayList<>();
    for (ProgrammeIndicators.KeyUser k : users.list()) {
      rows.add(
          List.of(
              Cell.text(k.id()),
              Cell.text(names.getOrDefault(k.id(), k.name())),
              t.fixed(k.toe(), 1),
              t.yesNo(k.onNationalList()),
              Cell.text(k.note() == null ? "" : t.note(k.note()))));
    }
    return t.table(
        "keu",
        List.of(
            t.label("c.code"),
            t.label("c.name"),
            t.label("c.year_toe").replace("{year}", Integer.toString(users.year())),
            t.label("c.listed"),
            t.label("c.note")),
        rows,
        new float[] {1.3f, 3, 1, 1, 3.5f});
  }
}
