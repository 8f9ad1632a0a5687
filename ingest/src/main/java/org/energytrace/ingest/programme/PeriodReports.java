package org.energytrace.ingest.programme;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.enpi.Bucket;
import org.energytrace.analytics.report.Facility;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PgEnpiStore;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;

/**
 * The enterprises' period reports (issue 16): what a report holds, pre-filled from the stored data
 * through the readers the other pages use — the CP stage of the registry ({@link ProgrammeExport},
 * the analytics' {@link Facility}), the energy per carrier (declared for the year, else metered or
 * entered over the period's days: {@link PeriodEnergy}), each EnPI's energy, production per product
 * and SEC against its approved baseline's model at the same output ({@link EnpiAnalytics#sec}), the
 * CP measures implemented ({@link ImplementedMeasures}) and the savings of the period, verified and
 * indicative apart. Nothing is recomputed another way. A submitted report keeps the figures as they
 * were at submission; until then they are read anew.
 *
 * <p>Also: the reporting status of an officer's area with the late list, and the reminders.
 * Blocking: call from worker threads.
 */
public final class PeriodReports {
  private final PgReporting store;
  private final ProgrammeExport export;
  private final EnpiAnalytics enpi;
  private final PgEnpiStore enpis;
  private final ImplementedMeasures cp;
  private final Clock clock;

  /**
   * Where the reminders link to: dashboards.public_url before the period's page ("" = the path
   * alone; a bare "/reporting.html" in an e-mail could not be opened).
   */
  private final String publicUrl;

  public PeriodReports(
      PgReporting store,
      ProgrammeExport export,
      EnpiAnalytics enpi,
      PgEnpiStore enpis,
      ImplementedMeasures cp,
      Clock clock,
      String publicUrl) {
    this.store = store;
    this.export = export;
    this.enpi = enpi;
    this.enpis = enpis;
    this.cp = cp;
    this.clock = clock;
    this.publicUrl = publicUrl == null ? "" : publicUrl;
  }

  public PgReporting store() {
    return store;
  }

  /** Today in the province's time zone: deadlines are local days. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(ProgrammeExport.ZONE));
  }

  public Instant now() {
    return clock.instant();
  }

  /** The bounds of a period label (2026-H1, 2026-H2, 2026), or 400 naming {@code field}. */
  public static ReportPeriod bounds(String label, String field) {
    try {
      ReportPeriod p = ReportPeriod.parse(label);
      if (p.from().getYear() < 2000 || p.from().getYear() > 2100) {
        throw DomainException.invalid(field, "a year from 2000 to 2100, got '" + label + "'");
      }
      return p;
    } catch (AnalyticsException | NullPointerException e) {
      throw DomainException.invalid(
          field, "a half-year such as 2026-H1 or a year such as 2026, got '" + label + "'");
    }
  }

  // ---- one report ----

  /** An enterprise's report of a period: stored, or pre-filled when not submitted. */
  public Map<String, Object> report(Scope scope, String enterprise, String label) {
    PgReporting.Period p = store.period(label);
    Optional<PgReporting.Report> stored = store.report(scope, enterprise, label);
    return view(scope, enterprise, p, stored);
  }

  public Map<String, Object> view(
      Scope scope, String enterprise, PgReporting.Period p, Optional<PgReporting.Report> stored) {
    LocalDate today = today();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enterprise", enterprise);
    m.put("period", p.json());
    String status = stored.map(PgReporting.Report::status).orElse("not_started");
    m.put("status", status);
    m.put("notes", stored.map(PgReporting.Report::notes).orElse(""));
    boolean submitted = stored.isPresent() && stored.get().submitted();
    m.put("locked", submitted || p.closed());
    m.put("submitted_by", stored.map(PgReporting.Report::submittedBy).orElse(null));
    Instant at = stored.map(PgReporting.Report::submittedAt).orElse(null);
    m.put("submitted_at", at == null ? null : at.toString());
    m.put("submitted_late", at != null && localDay(at).isAfter(p.deadline()));
    m.put("late", !submitted && today.isAfter(p.deadline()));
    m.put("days_to_deadline", p.deadline().toEpochDay() - today.toEpochDay());
    m.put("reopened_by", stored.map(PgReporting.Report::reopenedBy).orElse(null));
    Instant reopened = stored.map(PgReporting.Report::reopenedAt).orElse(null);
    m.put("reopened_at", reopened == null ? null : reopened.toString());
    m.put("reopen_reason", stored.map(PgReporting.Report::reopenReason).orElse(null));
    if (submitted) {
      m.put("figures", stored.get().content());
      m.put("prefilled", false);
    } else {
      m.put("figures", figures(scope, enterprise, p, today));
      m.put("prefilled", true);
    }
    return m;
  }

  static LocalDate localDay(Instant at) {
    return at.atZone(ProgrammeExport.ZONE).toLocalDate();
  }

  /** The figures of a report, read now from the stored data (docs/programme-reporting.md). */
  public Map<String, Object> figures(
      Scope scope, String enterprise, PgReporting.Period p, LocalDate today) {
    ProgrammeExport.Loaded l = export.one(scope, enterprise);
    Facility f = l.facility();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read_on", today.toString());
    m.put("name", l.profile().legalNameVi());
    m.put("district", l.profile().district());
    m.put("industrial_park", l.profile().industrialPark());
    m.put("vsic", f.vsic());
    Map<String, Object> cpStatus = new LinkedHashMap<>();
    LocalDate asOf = p.to().isBefore(today) ? p.to() : today;
    cpStatus.put("as_of", asOf.toString());
    cpStatus.put("stage", f.stage(asOf).map(PgProgramme::wire).orElse("not_reached"));
    cpStatus.put("potential", f.hasPotential(asOf));
    m.put("cp", cpStatus);
    m.put("energy_by_carrier", export.energyBetween(l, p.from(), asOf));
    m.put("enpis", enpis(scope, enterprise, p, today));
    m.put("measures", measures(scope, enterprise, p.to()));
    List<Object> verified = new ArrayList<>();
    List<Object> indicative = new ArrayList<>();
    for (Map<String, Object> s : l.savings()) {
      LocalDate from = LocalDate.parse((String) s.get("from"));
      LocalDate to = LocalDate.parse((String) s.get("to"));
      if (from.isBefore(p.from()) || to.isAfter(p.to())) {
        continue; // only the savings of the period
      }
      ("verified".equals(s.get("status")) ? verified : indicative).add(s);
    }
    Map<String, Object> savings = new LinkedHashMap<>();
    savings.put("verified", verified);
    savings.put("indicative", indicative);
    m.put("savings", savings);
    return m;
  }

  /**
   * Each EnPI over the period's days up to today: energy, production per product, SEC, and with its
   * newest approved baseline the model's energy at the same output ({@code baseline_sec}); the
   * monthly points of {@link EnpiAnalytics#sec} added up.
   */
  private List<Object> enpis(
      Scope scope, String enterprise, PgReporting.Period p, LocalDate today) {
    List<Object> out = new ArrayList<>();
    LocalDate to = p.to().isBefore(today) ? p.to() : today;
    for (PgEnpiStore.EnpiView v : enpis.enpis(scope, enterprise)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enpi", v.enpi());
      m.put("name", v.name());
      m.put("from", p.from().toString());
      m.put("to", to.toString());
      if (to.isBefore(p.from())) {
        m.put("note", "the period has not started");
        out.add(m);
        continue;
      }
      try {
        Integer version = approvedBaseline(scope, enterprise, v.enpi());
        EnpiAnalytics.Series s = enpi.series(scope, enterprise, v.enpi(), p.from(), to, null);
        Map<String, Object> sec = enpi.sec(s, Bucket.MONTH, version);
        double energy = 0;
        double production = 0;
        double baselineEnergy = 0;
        boolean baselineComplete = version != null && sec.get("baseline_note") == null;
        for (Object o : (List<?>) sec.get("points")) {
          Map<?, ?> pt = (Map<?, ?>) o;
          energy += number(pt.get("energy"));
          double q = number(pt.get("production"));
          production += q;
          // the model's energy at the month's own output; a month without output has none
          if (version != null && q > 0) {
            Object be = pt.get("baseline_energy");
            if (be == null) {
              baselineComplete = false;
            } else {
              baselineEnergy += number(be);
            }
          }
        }
        m.put("energy", energy);
        m.put("energy_unit", s.series().energyUnit());
        List<Object> products = new ArrayList<>();
        s.production()
            .forEach(
                (product, days) -> {
                  Map<String, Object> pr = new LinkedHashMap<>();
                  pr.put("product", product);
                  pr.put("amount", days.days().stream().mapToDouble(DailyTotals.Day::total).sum());
                  products.add(pr);
                });
        m.put("production", products);
        m.put("production_unit", s.series().productUnit().symbol());
        m.put("sec_unit", sec.get("unit"));
        m.put("sec", production > 0 ? energy / production : null);
        m.put("baseline_version", version);
        Double baselineSec =
            baselineComplete && production > 0 ? baselineEnergy / production : null;
        m.put("baseline_sec", baselineSec);
        m.put(
            "sec_change",
            baselineSec == null || production <= 0 ? null : energy / production / baselineSec - 1);
        m.put(
            "note",
            version == null
                ? "no approved baseline"
                : baselineComplete ? null : (String) sec.get("baseline_note"));
      } catch (AnalyticsException | DomainException e) {
        m.put("note", e.getMessage());
      }
      out.add(m);
    }
    return out;
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  /** The newest approved version of an EnPI's baseline (approved_at set), or null. */
  private Integer approvedBaseline(Scope scope, String enterprise, String code) {
    Integer version = null;
    for (Object o : enpi.listBaselines(scope, enterprise, code)) {
      Map<?, ?> b = (Map<?, ?>) o;
      if (b.get("approved_at") != null) {
        int v = (Integer) b.get("version");
        version = version == null || v > version ? v : version;
      }
    }
    return version;
  }

  /** The options of the enterprise's CP assessments implemented on or before {@code to}. */
  private List<Object> measures(Scope scope, String enterprise, LocalDate to) {
    return cp.until(scope, enterprise, to);
  }

  // ---- submitting ----

  public Map<String, Object> submit(
      Who who, Scope scope, String enterprise, String label, String notes) {
    PgReporting.Period p = store.period(label);
    if (p.closed()) {
      throw DomainException.conflict("period", label + " is closed: its reports are final");
    }
    Map<String, Object> figures = figures(scope, enterprise, p, today());
    PgReporting.Report r =
        store.reportStore().submit(who, scope, enterprise, label, notes, figures, now());
    return view(scope, enterprise, p, Optional.of(r));
  }

  // ---- the area's status, the late list, reminders ----

  /** The reporting status of the facilities in scope: counts, one row each, the late list. */
  public Map<String, Object> status(Scope scope, String label) {
    PgReporting.Period p = store.period(label);
    LocalDate today = today();
    List<Object> rows = new ArrayList<>();
    List<Object> late = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String k : List.of("facilities", "submitted", "draft", "not_started", "late")) {
      counts.put(k, 0);
    }
    for (PgReporting.Row r : store.rows(scope, p)) {
      boolean submitted = "submitted".equals(r.status());
      boolean isLate = !submitted && today.isAfter(p.deadline());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enterprise", r.enterprise());
      m.put("name", r.name());
      m.put("district", r.district());
      m.put("industrial_park", r.park());
      m.put("status", r.status());
      m.put("submitted_at", r.submittedAt() == null ? null : r.submittedAt().toString());
      m.put(
          "submitted_late",
          r.submittedAt() != null && localDay(r.submittedAt()).isAfter(p.deadline()));
      m.put("late", isLate);
      m.put("reminder", r.reminderStatus());
      m.put("reminded_at", r.remindedAt() == null ? null : r.remindedAt().toString());
      rows.add(m);
      counts.merge("facilities", 1, Integer::sum);
      counts.merge(r.status(), 1, Integer::sum);
      if (isLate) {
        counts.merge("late", 1, Integer::sum);
        late.add(m);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("period", p.json());
    out.put("today", today.toString());
    out.put("days_to_deadline", p.deadline().toEpochDay() - today.toEpochDay());
    out.put("counts", counts);
    out.put("facilities", rows);
    out.put("late", late);
    return out;
  }

  /** Whether reminders of the period are due on {@code today}: open, within its lead time. */
  static boolean remindersDue(PgReporting.Period p, LocalDate today) {
    return !p.closed()
        && !today.isAfter(p.deadline())
        && !today.isBefore(p.deadline().minusDays(p.reminderDays()));
  }

  /**
   * Records the reminders due today for one period: each registered facility that has not submitted
   * and was not reminded for it yet. Nothing when the period is not in its reminder window.
   */
  public List<PgReporting.Reminder> remind(String label) {
    return remind(label, false);
  }

  /**
   * {@link #remind(String)}; asked by an officer ({@code overdue}) after the deadline of a period
   * not closed, the late facilities not reminded yet get one saying the report is overdue: "send
   * the reminders now" recorded nothing once the window had passed, and a facility that opened its
   * period late was never reminded at all.
   */
  public List<PgReporting.Reminder> remind(String label, boolean overdue) {
    PgReporting.Period p = store.period(label);
    LocalDate today = today();
    boolean late = overdue && !p.closed() && today.isAfter(p.deadline());
    if (!late && !remindersDue(p, today)) {
      return List.of();
    }
    List<PgReporting.Row> due = new ArrayList<>();
    for (PgReporting.Row r : store.rows(Scope.ALL, p)) {
      if (!"submitted".equals(r.status()) && r.reminderStatus() == null) {
        due.add(r);
      }
    }
    String link = publicUrl + "/reporting.html?period=" + p.label();
    return store.remind(p, due, r -> message(p, r, late, link), now());
  }

  /** Every open period's due reminders (the service's hourly job). */
  public int remindAll() {
    int n = 0;
    for (PgReporting.Period p : store.periods()) {
      if (remindersDue(p, today())) {
        n += remind(p.label()).size();
      }
    }
    return n;
  }

  /**
   * A facility's reminder in Vietnamese then English; {@code overdue}: after the deadline, saying
   * the report is overdue.
   */
  static PgReporting.Message message(
      PgReporting.Period p, PgReporting.Row r, boolean overdue, String link) {
    String subject =
        overdue
            ? "Báo cáo SXSH kỳ "
                + p.label()
                + " đã quá hạn nộp ("
                + p.deadline()
                + ") / Overdue: CP programme report "
                + p.label()
                + " was due "
                + p.deadline()
            : "Nhắc nộp báo cáo SXSH kỳ "
                + p.label()
                + " trước ngày "
                + p.deadline()
                + " / Reminder: CP programme report "
                + p.label()
                + " due "
                + p.deadline();
    String body =
        "Kính gửi "
            + r.name()
            + ",\n\nBáo cáo kỳ "
            + p.label()
            + " ("
            + p.from()
            + " – "
            + p.to()
            + (overdue
                ? ") của cơ sở chưa được nộp và đã quá hạn nộp "
                    + p.deadline()
                    + ". Vui lòng nộp sớm tại "
                    + link
                    + "\n\n"
                : ") của cơ sở chưa được nộp. Hạn nộp: "
                    + p.deadline()
                    + ". Vui lòng nộp tại "
                    + link
                    + "\n\n")
            + "Dear "
            + r.name()
            + ",\n\nYour report for "
            + p.label()
            + " ("
            + p.from()
            + " to "
            + p.to()
            + (overdue
                ? ") has not been submitted; it was due "
                    + p.deadline()
                    + ". Please submit it soon at "
                    + link
                    + "\n"
                : ") has not been submitted. The deadline is "
                    + p.deadline()
                    + ". Please submit it at "
                    + link
                    + "\n");
    return new PgReporting.Message(subject, body);
  }
}
