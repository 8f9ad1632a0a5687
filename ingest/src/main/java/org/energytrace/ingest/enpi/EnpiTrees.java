package org.energytrace.ingest.enpi;

import static org.energytrace.analytics.json.Json.finiteOrNull;

import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.energytrace.analytics.baseline.BaselineFit;
import org.energytrace.analytics.baseline.ValidityCheck;
import org.energytrace.analytics.domain.EnpiGap;
import org.energytrace.analytics.domain.EnpiSeries;
import org.energytrace.analytics.domain.MeterConversion;
import org.energytrace.analytics.enpi.Coverage;
import org.energytrace.analytics.report.MvReport;
import org.energytrace.analytics.savings.SavingsResult;
import org.energytrace.ingest.enpi.EnpiAnalytics.Series;
import org.energytrace.ingest.enpi.PgBaselines.Baseline;
import org.energytrace.ingest.enpi.PgEnpiStore.EnpiModel;

/**
 * The JSON trees of the EnPI API (ordered maps): a baseline's fit and stored view, coverage, gaps,
 * the per-meter and per-product day details behind a series, the conversions applied, and a
 * saving's split and verification status. Pure shaping of what {@link EnpiAnalytics} computed.
 */
final class EnpiTrees {
  private EnpiTrees() {}

  /**
   * Routine (the baseline model alone) and non-routine (approved adjustments) savings apart, and
   * their total with its band: what every page shows (docs/verification.md §1.2).
   */
  static Map<String, Object> split(MvReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    SavingsResult r = report.reporting();
    var a = report.adjusted();
    m.put("routine", finiteOrNull(r.savings()));
    m.put("non_routine", a == null ? 0.0 : finiteOrNull(a.nonRoutine()));
    m.put("applied_adjustments", a == null ? 0 : a.applied().size());
    m.put("savings", finiteOrNull(a == null ? r.savings() : a.savings()));
    m.put("savings_fraction", finiteOrNull(a == null ? r.savingsFraction() : a.savingsFraction()));
    m.put("savings_low", finiteOrNull(a == null ? r.uncertainty().low() : a.uncertainty().low()));
    m.put(
        "savings_high", finiteOrNull(a == null ? r.uncertainty().high() : a.uncertainty().high()));
    m.put("confidence", finiteOrNull(r.uncertainty().confidence()));
    m.put(
        "adjusted_baseline", finiteOrNull(a == null ? r.adjustedBaseline() : a.adjustedBaseline()));
    m.put("actual", finiteOrNull(r.actual()));
    return m;
  }

  /**
   * Which EnPI version a saving computes on (the baseline's, frozen) and the EnPI's current one;
   * when the EnPI changed since, a note saying that the new definition needs a baseline of its own,
   * approved (docs/verification.md §1.4).
   */
  static Map<String, Object> enpiVersion(EnpiModel model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enpi_version", model.version());
    m.put("enpi_current_version", model.currentVersion());
    m.put(
        "enpi_version_note",
        model.outdated()
            ? "the EnPI's definition changed after this baseline (now version "
                + model.currentVersion()
                + "): this saving uses the frozen definition of version "
                + model.version()
                + "; a saving on version "
                + model.currentVersion()
                + " needs a baseline fitted on it and approved"
            : null);
    return m;
  }

  /**
   * The status of a saving (docs/verification.md §1.2): its baseline's lifecycle status, {@code
   * verified} when the baseline is approved and a current sign-off with the opinion verified or
   * verified with reservations covers the period; and the method's verifiability with its flags (a
   * saving from a baseline failing the validity rules is "indicative, not verifiable").
   */
  static Map<String, Object> verification(
      Baseline b, Optional<PeriodRecords.SignOff> signOff, MvReport report, Object validity) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean approved = "approved".equals(b.status());
    boolean verified = approved && signOff.map(PeriodRecords.SignOff::verifies).orElse(false);
    var v = report.verifiability();
    m.put("status", verified ? "verified" : b.status());
    m.put("baseline_version", b.version());
    m.put("baseline_status", b.status());
    m.put("approved_by_role", b.review() == null ? null : b.review().approvedByRole());
    m.put("approved_at", Objects.toString(b.approvedAt(), null));
    m.put("verified_at", verified ? signOff.get().at().toString() : null);
    m.put(
        "signoff",
        signOff
            .map(
                so -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("id", so.id());
                  x.put("opinion", so.opinion());
                  x.put("signed_at", so.at().toString());
                  x.put("signed_by_account", so.account());
                  x.put("from", so.from().toString());
                  x.put("to", so.to().toString());
                  x.put("dossier_sha256", so.dossierSha256());
                  return (Object) x;
                })
            .orElse(null));
    m.put("verifiable", v.verifiable());
    m.put("label", v.label());
    m.put("label_vi", v.verifiable() ? EnpiAnalytics.VERIFIABLE_VI : EnpiAnalytics.INDICATIVE_VI);
    m.put("failed_checks", new ArrayList<>(v.failedFlags()));
    m.put("validity", validity);
    return m;
  }

  static Map<String, Object> baselineTree(BaselineFit fit) {
    Map<String, Object> tree = new LinkedHashMap<>();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, Object> pValues = new LinkedHashMap<>();
    fit.model()
        .coefficients()
        .forEach(
            c -> {
              values.put(c.name(), finiteOrNull(c.value()));
              errors.put(c.name(), finiteOrNull(c.stdError()));
              pValues.put(c.name(), finiteOrNull(c.pValue()));
            });
    tree.put("form", fit.model().form().label());
    tree.put("choice", fit.choice());
    tree.put("coefficients", values);
    tree.put("std_errors", errors);
    tree.put("p_values", pValues);
    var s = fit.statistics();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("convention", MvReport.FIT_CONVENTION);
    stats.put("n", s.n());
    stats.put("p", s.p());
    stats.put("r2", finiteOrNull(s.r2()));
    stats.put("adj_r2", finiteOrNull(s.adjR2()));
    stats.put("cv_rmse", finiteOrNull(s.cvRmse()));
    stats.put("nmbe", finiteOrNull(s.nmbe()));
    stats.put("f_p_value", finiteOrNull(s.fPValue()));
    stats.put("autocorrelation", finiteOrNull(s.autocorrelation()));
    stats.put("n_effective", finiteOrNull(s.nEffective()));
    tree.put("fit", stats);
    Map<String, Object> validity = new LinkedHashMap<>();
    for (ValidityCheck c : fit.validity().checks()) {
      validity.put(c.flag(), c.passed());
    }
    validity.put("valid", fit.validity().valid());
    validity.put("messages", new ArrayList<>(fit.validity().failures()));
    tree.put("validity", validity);
    tree.put("coverage", coverage(fit.coverage()));
    tree.put("method_version", fit.methodVersion());
    return tree;
  }

  static Map<String, Object> baselineView(Baseline b, Map<String, Object> fit, EnpiSeries series) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", b.version());
    m.put("enpi_version", b.enpiVersion());
    m.put("from", b.from().toString());
    m.put("to", b.to().toString());
    m.put("model", b.model());
    m.put("status", b.status());
    m.put("data_hash", b.dataHash());
    m.put("created_by", b.createdBy());
    m.put("created_at", b.createdAt().toString());
    m.put("approved_by", b.approvedBy());
    m.put("approved_at", Objects.toString(b.approvedAt(), null));
    PgBaselines.Review r = b.review();
    m.put("approved_by_role", r.approvedByRole());
    m.put("opinion", r.opinion());
    m.put("submitted_by", r.submittedBy());
    m.put("submitted_at", Objects.toString(r.submittedAt(), null));
    m.put("submit_comment", r.submitComment());
    m.put("returned_by", r.returnedBy());
    m.put("returned_at", Objects.toString(r.returnedAt(), null));
    m.put("return_comments", r.returnComments());
    m.put("superseded_at", Objects.toString(r.supersededAt(), null));
    m.put("superseded_by_version", r.supersededBy());
    m.put("fit", fit != null ? fit : new JsonObject(b.fitJson()).getMap());
    if (series != null) {
      m.put("gaps", gaps(series.gaps()));
    }
    m.put("method_version", b.methodVersion());
    return m;
  }

  static Map<String, Object> coverage(Coverage c) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("first", c.first() == null ? null : c.first().toLocalDate().toString());
    tree.put("last", c.last() == null ? null : c.last().toLocalDate().toString());
    tree.put("expected", c.expected());
    tree.put("present", c.present());
    tree.put("fraction", finiteOrNull(c.fraction()));
    tree.put(
        "missing",
        c.missing().stream().map(LocalDateTime::toLocalDate).map(Object::toString).toList());
    return tree;
  }

  static List<Object> gaps(List<EnpiGap> gaps) {
    List<Object> out = new ArrayList<>();
    for (EnpiGap g : gaps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("day", g.day().toString());
      m.put("reason", g.reason().name().toLowerCase(Locale.ROOT));
      m.put("ids", g.ids());
      out.add(m);
    }
    return out;
  }

  static List<Object> meterDetails(Series s) {
    List<Object> out = new ArrayList<>();
    s.energy()
        .forEach(
            (meter, days) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("meter", meter);
              m.put("days_complete", days.stream().filter(DailyTotals.Day::complete).count());
              m.put("apportioned", days.stream().mapToDouble(DailyTotals.Day::apportioned).sum());
              m.put("incomplete", incomplete(days));
              out.add(m);
            });
    return out;
  }

  static List<Object> productDetails(Series s) {
    List<Object> out = new ArrayList<>();
    s.production()
        .forEach(
            (product, pd) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("product", product);
              m.put("days_complete", pd.days().stream().filter(DailyTotals.Day::complete).count());
              Map<String, Long> sources = new LinkedHashMap<>();
              pd.sources().values().forEach(v -> sources.merge(v, 1L, Long::sum));
              m.put("sources", sources);
              m.put("incomplete", incomplete(pd.days()));
              out.add(m);
            });
    return out;
  }

  static List<Object> incomplete(List<DailyTotals.Day> days) {
    List<Object> out = new ArrayList<>();
    for (DailyTotals.Day d : days) {
      if (!d.complete()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", d.day().toString());
        m.put("covered", d.covered());
        out.add(m);
      }
    }
    return out;
  }

  static List<Object> conversions(List<MeterConversion> conversions) {
    List<Object> out = new ArrayList<>();
    for (MeterConversion c : conversions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("meter", c.meterId());
      m.put("carrier", c.carrier());
      m.put("unit", c.unit());
      m.put("factor", c.factor().factor());
      m.put("factor_unit", c.factor().toUnit() + "/" + c.factor().unit());
      m.put("table", c.factor().table());
      m.put("version", c.factor().version());
      m.put("source", c.factor().source());
      m.put("to_enpi_unit", c.toEnpiUnit());
      m.put("first_day", c.firstDay().toString());
      m.put("last_day", c.lastDay().toString());
      out.add(m);
    }
    return out;
  }
}
