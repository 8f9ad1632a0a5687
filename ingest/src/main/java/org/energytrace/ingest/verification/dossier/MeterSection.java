package org.energytrace.ingest.verification.dossier;

import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.verification.dossier.DossierReport.CounterAnomaly;
import org.energytrace.ingest.verification.dossier.DossierReport.Facts;
import org.energytrace.ingest.verification.dossier.DossierReport.Line;
import org.energytrace.ingest.verification.dossier.DossierReport.MeterEvent;

/**
 * The report's lines of each meter of the EnPI: its counter events in the period (replacements,
 * multiplier changes, with closing and opening values) and its counter anomalies (resets, wraps and
 * implausible intervals the derivation booked, with their rate against the channel's usual one).
 */
final class MeterSection {
  private final ReportLabels labels;

  MeterSection(ReportLabels labels) {
    this.labels = labels;
  }

  /** Two lines per meter: its events, and its anomalies ("none" when it has none). */
  List<Line> lines(Facts f) {
    List<Line> out = new ArrayList<>();
    f.meterEvents()
        .forEach(
            (meter, events) -> {
              List<String> texts = new ArrayList<>();
              for (MeterEvent e : events) {
                texts.add(
                    e.at()
                        + " "
                        + (labels.has(e.kind()) ? label(e.kind()) : e.kind())
                        + " ("
                        + e.channel()
                        + ": "
                        + label("closing")
                        + " "
                        + ReportLabels.number(e.closing(), labels.lang())
                        + ", "
                        + label("opening")
                        + " "
                        + ReportLabels.number(e.opening(), labels.lang())
                        + ", "
                        + label("multiplier")
                        + " "
                        + ReportLabels.number(e.multiplier(), labels.lang())
                        + ")"
                        + (e.note() == null || e.note().isBlank() ? "" : " " + e.note()));
              }
              out.add(
                  new Line(
                      label("meter_events") + " " + meter,
                      texts.isEmpty() ? label("no_events") : String.join("; ", texts),
                      null));
              List<String> anomalies = new ArrayList<>();
              List<CounterAnomaly> found = f.counterAnomalies().getOrDefault(meter, List.of());
              for (CounterAnomaly a :
                  found.subList(0, Math.min(found.size(), DossierReport.ANOMALIES_STATED))) {
                anomalies.add(anomaly(a));
              }
              if (found.size() > DossierReport.ANOMALIES_STATED) {
                anomalies.add(
                    label("anomalies_more")
                        .replace(
                            "{n}",
                            ReportLabels.integer(DossierReport.ANOMALIES_STATED, labels.lang()))
                        .replace("{meter}", meter));
              }
              out.add(
                  new Line(
                      label("counter_anomalies") + " " + meter,
                      anomalies.isEmpty() ? label("no_events") : String.join("; ", anomalies),
                      null));
            });
    return out;
  }

  /** An anomaly as the meter's line states it. */
  private String anomaly(CounterAnomaly a) {
    String rate =
        a.timesUsual() == null
            ? label("anomaly_not_judged")
            : label("anomaly_times")
                .replace("{times}", ReportLabels.number(a.timesUsual(), labels.lang()))
                .replace(
                    "{judged}",
                    label(a.implausible() ? "anomaly_implausible" : "anomaly_plausible"));
    return a.at()
        + " "
        + label("how_" + a.how())
        + " ("
        + a.channel()
        + ": "
        + ReportLabels.quantity(a.energy(), labels.lang())
        + " "
        + a.unit()
        + " "
        + (a.seconds() < 60
            ? label("anomaly_in_s").replace("{seconds}", Long.toString(a.seconds()))
            : label("anomaly_in").replace("{minutes}", Long.toString(a.seconds() / 60)))
        + ", "
        + rate
        + ")";
  }

  private String label(String key) {
    return labels.label(key);
  }
}
