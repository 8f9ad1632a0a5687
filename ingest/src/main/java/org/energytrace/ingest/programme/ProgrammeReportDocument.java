package org.energytrace.ingest.programme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.energytrace.analytics.report.ProgrammeIndicators;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.documents.TableDocument;
import org.energytrace.ingest.documents.TableDocument.Cell;
import org.energytrace.ingest.documents.TableDocument.Table;

/**
 * The programme report of a period for the province, a district or an industrial park (issue 16;
 * docs/programme-reporting.md, "Province and district reports"): the indicators against their
 * targets, the same by district and by sector, energy saved, the facilities with their status, the
 * pilot sites' savings, the trend over the previous periods and the key energy users. Every figure
 * is read from {@link ProgrammeIndicators} as {@code ProgrammeCalculator.indicators} computed it —
 * the object the indicators API answers as JSON — so the report cannot disagree with the API. Text
 * in Vietnamese or English; numbers in the language's format.
 */
final class ProgrammeReportDocument {
  /** One facility of the report: its registry entry and its status at the period's end. */
  record FacilityRow(
      String code,
      String name,
      String district,
      String vsic,
      String park,
      String stage,
      boolean stageToBeReverified,
      boolean potential,
      long officers,
      long officersTrained,
      boolean keyEnergyUser,
      boolean keyEnergyUserComplete) {}

  /**
   * One saving of a pilot site (a facility with a site published on the showcase); {@code split}:
   * its carrier's share of the saving of an EnPI over several carriers.
   */
  record PilotRow(
      String code,
      String name,
      String sites,
      String resource,
      String status,
      String from,
      String to,
      double fraction,
      double fractionLow,
      double fractionHigh,
      double amount,
      String unit,
      Double money,
      String currency,
      boolean split) {}

  /** What the report covers: the province, a district or a park, and its name. */
  record Area(String kind, String name) {}

  private final ReportText text;
  private final IndicatorTables indicators;
  private final FacilityTables facilities;

  ProgrammeReportDocument(String lang) {
    this.text = new ReportText(lang);
    this.indicators = new IndicatorTables(text);
    this.facilities = new FacilityTables(text);
  }

  String label(String key) {
    return text.label(key);
  }

  /** The name of the first sheet of the workbook. */
  String frontSheet() {
    return label("sh.front");
  }

  String none() {
    return text.none();
  }

  /** A share as a percentage with one decimal: 71,4 % (vi), 71.4 % (en); — when undefined. */
  String percent(double share) {
    return text.percent(share);
  }

  /** A number with at most {@code decimals} decimals in the language's grouping. */
  String number(double v, int decimals) {
    return text.number(v, decimals);
  }

  /**
   * A period in words with its label, as the programme page names it: "6 tháng cuối năm 2026
   * (2026-H2)", "Second half of 2026 (2026-H2)", "Năm 2026 (2026)".
   */
  String period(ReportPeriod p) {
    String l = p.label();
    String key = l.endsWith("-H1") ? "period.h1" : l.endsWith("-H2") ? "period.h2" : "period.year";
    return label(key).replace("{year}", l.substring(0, 4)) + " (" + l + ")";
  }

  /**
   * The report: the title and front lines, then one table a section ({@link IndicatorTables}: 1–4
   * and 7, {@link FacilityTables}: 5, 6 and 8, the notes: 9).
   */
  TableDocument document(
      Area area,
      ProgrammeIndicators now,
      List<ProgrammeIndicators> previous,
      List<FacilityRow> facilityRows,
      List<PilotRow> pilots,
      Instant generated) {
    indicators.levels(now);
    // an all-capitals title names its area in capitals too ("TỈNH BÌNH DƯƠNG", not "TỈNH Bình
    // Dương"), as a Vietnamese official report heads itself
    String title =
        label("title." + area.kind()).replace("{name}", area.name().toUpperCase(Locale.ROOT));
    List<String> lines = new ArrayList<>();
    lines.add(label("province") + ": " + now.province());
    lines.add(label("period") + ": " + (now.period() == null ? none() : period(now.period())));
    lines.add(label("as_of") + ": " + text.day(now.asOf()));
    if (now.period() != null && now.asOf().isBefore(now.period().to())) {
      // a report of a period not over yet: its figures will still change
      lines.add(label("unfinished").replace("{as_of}", text.day(now.asOf())));
    }
    // the data change after a report (late data, a step recorded later): when it was drawn
    lines.add(
        label("generated")
            + ": "
            + text.time(generated.atZone(ProgrammeExport.ZONE))
            + " ("
            + ProgrammeExport.ZONE.getId()
            + ")");
    lines.add(label("confidence") + ": " + percent(now.confidence()));
    lines.add(label("method") + ": " + now.methodVersion());
    lines.add(label("same_as_api"));
    List<Table> tables =
        List.of(
            indicators.indicators(now.indicators()),
            indicators.energy(now),
            indicators.groups("districts", "c.district", now.byDistrict()),
            indicators.groups("sectors", "c.sector", now.bySector()),
            facilities.facilities(facilityRows),
            facilities.pilots(pilots),
            indicators.trend(now, previous),
            // by the legal names of table 5 (it said "Gỗ 37" where every other table names the
            // facility by its registry name)
            facilities.keyEnergyUsers(
                now.keyEnergyUsers(),
                facilityRows.stream()
                    .collect(Collectors.toMap(FacilityRow::code, FacilityRow::name, (a, b) -> a))),
            notes(now.notes(), pilots.stream().anyMatch(PilotRow::split)));
    return new TableDocument(title, lines, tables);
  }

  /**
   * 9. The notes of the indicators, and what a pilot saving split between carriers is when table 6
   * holds one.
   */
  private Table notes(List<String> notes, boolean splitPilots) {
    List<List<Cell>> rows = new ArrayList<>();
    notes.forEach(s -> rows.add(List.of(Cell.text(text.note(s)))));
    if (splitPilots) {
      rows.add(List.of(Cell.text(label("pilots.split_note"))));
    }
    return text.table("notes", List.of(label("c.note")), rows, null);
  }
}
