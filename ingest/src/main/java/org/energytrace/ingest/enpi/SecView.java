package org.energytrace.ingest.enpi;

import static org.energytrace.analytics.json.Json.finiteOrNull;
import static org.energytrace.ingest.enpi.EnpiAnalytics.parseCsv;
import static org.energytrace.ingest.enpi.EnpiTrees.conversions;
import static org.energytrace.ingest.enpi.EnpiTrees.coverage;
import static org.energytrace.ingest.enpi.EnpiTrees.gaps;
import static org.energytrace.ingest.enpi.EnpiTrees.meterDetails;
import static org.energytrace.ingest.enpi.EnpiTrees.productDetails;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.baseline.Observation;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.enpi.SecPoint;
import org.energytrace.analytics.enpi.SecSeries;
import org.energytrace.ingest.enpi.EnpiAnalytics.Series;
import org.energytrace.ingest.enpi.PgBaselines.Baseline;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;
import org.energytrace.ingest.store.SiteZones;

/**
 * An EnPI's SEC per bucket (day, week, month) as the API answers it, optionally beside a stored
 * baseline's prediction for each bucket's own production.
 */
final class SecView {
  private final PgBaselines baselines;
  private final EnpiAnalytics analytics;

  SecView(PgBaselines baselines, EnpiAnalytics analytics) {
    this.baselines = baselines;
    this.analytics = analytics;
  }

  /**
   * SEC per bucket; with {@code baselineVersion}, each point also carries the baseline model's
   * prediction for that point's own production ({@code baseline_energy}, and {@code baseline_sec} =
   * predicted energy / production): the SEC the plant would have had without the measure at the
   * same output, which is what the measured SEC is compared with (a regression baseline's SEC
   * depends on the output; the baseline period's average SEC is not that comparison).
   */
  Map<String, Object> sec(Series s, Bucket bucket, Integer baselineVersion) {
    SecSeries sec = s.series().sec(bucket);
    Map<LocalDate, Double> predicted = null;
    String baselineNote = null;
    if (baselineVersion != null) {
      Baseline b = baselines.get(s.model().enpiId(), baselineVersion);
      DataSet base = parseCsv(b.dataCsv());
      DataSet data = parseCsv(analytics.reportingCsv(s, b.dataCsv()));
      if (!data.variables().equals(base.variables())) {
        baselineNote =
            "the baseline has columns "
                + base.variables()
                + ", this period "
                + data.variables()
                + ": the EnPI's products changed";
      } else {
        BaselineFit fit =
            ModelSelector.select(
                base, ModelSelector.Request.valueOf(b.model().toUpperCase(Locale.ROOT)));
        predicted = new HashMap<>();
        for (Observation o : data.rows()) {
          predicted.merge(
              bucket.start(o.period().toLocalDate()), fit.model().predict(data, o), Double::sum);
        }
      }
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("enpi", s.series().enpiId());
    root.put("basis", s.series().basis().name().toLowerCase(Locale.ROOT));
    root.put("unit", s.series().enpiUnit());
    root.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
    // periods are local days (weeks from Monday, months) of the EnPI's site(s)
    root.put("time_zone", timeZone(s.model()));
    root.put("from", s.series().from().toString());
    root.put("to", s.series().to().toString());
    List<Object> points = new ArrayList<>();
    for (SecPoint pt : sec.points()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", pt.start().toString());
      m.put("energy", finiteOrNull(pt.energy()));
      m.put("production", finiteOrNull(pt.production()));
      m.put("sec", finiteOrNull(pt.sec()));
      m.put("days_expected", pt.daysExpected());
      m.put("days_present", pt.daysWithData());
      m.put("complete", pt.complete());
      if (predicted != null) {
        Double e = predicted.get(pt.start());
        m.put("baseline_energy", e == null ? null : finiteOrNull(e));
        m.put(
            "baseline_sec",
            e == null || !(pt.production() > 0) ? null : finiteOrNull(e / pt.production()));
      }
      points.add(m);
    }
    root.put("points", points);
    if (baselineVersion != null) {
      root.put("baseline_version", baselineVersion);
      root.put("baseline_note", baselineNote);
    }
    root.put("coverage", coverage(s.series().coverage()));
    root.put("gaps", gaps(s.series().gaps()));
    root.put("meters", meterDetails(s));
    root.put("products", productDetails(s));
    root.put("conversions", conversions(s.series().conversions()));
    root.put("method_version", s.series().methodVersion());
    return root;
  }

  /**
   * The time zone whose local days make an EnPI's days: its sites' ({@code site.time_zone}); the
   * zones joined by a comma when its meters and products lie in sites of different zones.
   */
  static String timeZone(EnpiModel model) {
    Set<String> zones = new TreeSet<>();
    model.meters().forEach(m -> zones.add(m.zone().getId()));
    model.products().forEach(p -> zones.add(p.zone().getId()));
    return zones.isEmpty() ? SiteZones.DEFAULT.getId() : String.join(",", zones);
  }
}
