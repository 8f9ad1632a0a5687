package org.energytrace.ingest.cp;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.cp.CatalogueAggregates;
import org.energytrace.analytics.cp.OptionType;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.enpi.PeriodRecords;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.tenant.Scope;

/**
 * The measures catalogue (issue 18): every implemented option whose saving an auditor verified
 * becomes an entry — the EnPI's approved baseline and a period the assigned auditor signed off as
 * verified (or verified with reservations) against it (issue 15: a saving counts only when an
 * independent auditor verified it). Its figures are the savings API's ({@link
 * EnpiAnalytics#savings}, as {@code getEnpiSavings}) over the signed-off period from the option's
 * measure date, at 90 % confidence (the API's default), beside its investment, expected saving and
 * payback. An option with an approved baseline but no signed-off period shows its savings as {@code
 * indicative} beside the expected ones and is no catalogue entry yet. An entry names its enterprise
 * and site only when the enterprise chose so ({@code catalogue_named}); aggregates per sector and
 * option type come from {@link CatalogueAggregates}.
 */
public final class CpCatalogue {
  static final double CONFIDENCE = 90;
  private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /**
   * How long a computed catalogue is served again at most, whatever the audit log says: the
   * readings and production of the days it covers arrive without audit entries.
   */
  static final Duration REUSED_FOR = Duration.ofMinutes(1);

  private final PgCpAssessments store;
  private final EnpiAnalytics analytics;
  private final Clock clock;
  private final Object computing = new Object();
  private volatile Computed last;

  /** A catalogue as computed at a change mark, on a day, at a monotonic time (nanoseconds). */
  private record Computed(long mark, LocalDate day, long nanos, Map<String, Object> catalogue) {}

  public CpCatalogue(PgCpAssessments store, EnpiAnalytics analytics, Clock clock) {
    this.store = store;
    this.analytics = analytics;
    this.clock = clock;
  }

  /**
   * The reporting period's end for an option: its enterprise's last production day, ≤ yesterday.
   */
  private LocalDate end(PgCpAssessments.Implemented o) {
    LocalDate yesterday = LocalDate.now(clock.withZone(ZONE)).minusDays(1);
    return o.lastProductionDay().isBefore(yesterday) ? o.lastProductionDay() : yesterday;
  }

  /**
   * The savings of an implemented option over [from, to], as {@code getEnpiSavings} computes them
   * against the approved baseline; null when the data cannot give them.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> verify(PgCpAssessments.Implemented o, LocalDate from, LocalDate to) {
    Map<String, Object> tree;
    try {
      tree =
          analytics.savings(
              Scope.ALL,
              o.enterprise(),
              o.enpi(),
              o.approvedVersion(),
              from,
              to,
              CONFIDENCE,
              null,
              Tariffs.NONE);
    } catch (AnalyticsException | DomainException | NotFoundException e) {
      return null; // not verifiable (yet): no reporting day, or the EnPI's products changed
    }
    Map<String, Object> rep = (Map<String, Object>) tree.get("reporting");
    Map<String, Object> period = (Map<String, Object>) tree.get("reporting_period");
    Map<String, Object> verified = new LinkedHashMap<>();
    verified.put("enpi", o.enpi());
    verified.put("baseline_version", o.approvedVersion());
    verified.put("from", from.toString());
    verified.put("to", to.toString());
    verified.put("energy_unit", period.get("energy_unit"));
    // the total with the approved non-routine adjustments, as every page and the dossier state it
    // (the catalogue said the routine 10,1 % beside the showcase's 10,5 % of the same plant)
    Map<String, Object> split = (Map<String, Object>) tree.get("savings_split");
    for (String k :
        List.of("savings", "savings_fraction", "savings_low", "savings_high", "confidence")) {
      verified.put(k, split.get(k));
    }
    verified.put("routine", split.get("routine"));
    verified.put("non_routine", split.get("non_routine"));
    // the FSU of the total beside its band, as the dossier's (a reviewer found the routine
    // savings' FSU beside the total's band); without adjustments the two are one
    verified.put(
        "fsu",
        tree.get("non_routine") instanceof Map<?, ?> total ? total.get("fsu") : rep.get("fsu"));
    // the other measures of the enterprise implemented after the baseline's period and within this
    // one: the EnPI's saving holds their effect too (a reviewer read a plant's 10,5 % from three
    // measures as the median saving of one option type)
    Map<String, Object> baseline = (Map<String, Object>) tree.get("baseline");
    LocalDate baselineTo = LocalDate.parse(String.valueOf(baseline.get("to")));
    verified.put(
        "other_measures",
        store.implementedBetween(o.enterprise(), o.id(), baselineTo, to).stream()
            .map(
                m -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("type", m.type());
                  x.put("implemented_on", m.implementedOn().toString());
                  return (Object) x;
                })
            .toList());
    // the savings API's own verdict (issue 15): "verified" once an auditor signed the period off,
    // else the baseline's status; and whether the data meets the verifiability checks
    if (tree.get("verification") instanceof Map<?, ?> v) {
      verified.put("verification_status", v.get("status"));
      verified.put("verifiable", v.get("verifiable"));
    }
    return verified;
  }

  /**
   * The newest period of the option's EnPI an auditor signed off as verified against the approved
   * baseline, if it reaches the measure date.
   */
  private Optional<PeriodRecords.SignOff> signedOff(PgCpAssessments.Implemented o) {
    try {
      return analytics
          .verifiedPeriod(Scope.ALL, o.enterprise(), o.enpi(), o.approvedVersion())
          .filter(so -> !so.to().isBefore(o.measureDate()));
    } catch (DomainException | NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The verified savings over the signed-off period (from the measure date), with the opinion. */
  private Map<String, Object> verified(PgCpAssessments.Implemented o, PeriodRecords.SignOff so) {
    LocalDate from = so.from().isAfter(o.measureDate()) ? so.from() : o.measureDate();
    Map<String, Object> v = verify(o, from, so.to());
    if (v != null) {
      Map<String, Object> signoff = new LinkedHashMap<>();
      signoff.put("opinion", so.opinion());
      signoff.put("signed_at", so.at().toString());
      signoff.put("from", so.from().toString());
      signoff.put("to", so.to().toString());
      v.put("signoff", signoff);
    }
    return v;
  }

  /** Whether the savings API says the signed-off period's data changed after its sign-off. */
  private static boolean toBeReverified(Map<String, Object> v) {
    return v != null && "to_be_reverified".equals(v.get("verification_status"));
  }

  /**
   * The verified savings of each option of one assessment linked to an EnPI, by option code: the
   * figures, or {@code {"status": "pending"}} while no approved baseline or reporting day allows
   * them. Shown beside the expected savings.
   */
  public Map<String, Object> verifiedOf(String enterprise, String assessment) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (PgCpAssessments.Implemented o : store.implemented()) {
      if (!o.enterprise().equals(enterprise) || !o.assessment().equals(assessment)) {
        continue;
      }
      Map<String, Object> v = null;
      String status = "pending";
      if (o.approvedVersion() != null) {
        Optional<PeriodRecords.SignOff> so = signedOff(o);
        if (so.isPresent()) {
          v = verified(o, so.get());
          // data changed after the sign-off: the figures are today's, which no auditor signed
          status = toBeReverified(v) ? "to_be_reverified" : "verified";
        } else if (o.lastProductionDay() != null && !end(o).isBefore(o.measureDate())) {
          // an approved baseline, no period signed off yet: the savings, not verified
          v = verify(o, o.measureDate(), end(o));
          status = "indicative";
        }
      }
      if (v == null) {
        v = new LinkedHashMap<>();
        status = "pending";
      }
      v.put("status", status);
      out.put(o.code(), v);
    }
    return out;
  }

  /**
   * The catalogue (read-only), computed again only when it may have changed: a change through the
   * API since (the audit log's newest entry moved), another day, or {@link #REUSED_FOR} gone by.
   * Every option's savings are computed over its signed-off period, which takes a fraction of a
   * second per option, and the public CP page asks for the catalogue on every visit: readers in the
   * meantime share one computation (docs/cleaner-production.md, "The measures catalogue").
   */
  public Map<String, Object> catalogue() {
    long mark = store.changeMark();
    LocalDate day = LocalDate.now(clock.withZone(ZONE));
    Computed c = last;
    if (reusable(c, mark, day)) {
      return c.catalogue();
    }
    synchronized (computing) {
      c = last;
      if (reusable(c, mark, day)) {
        return c.catalogue();
      }
      Map<String, Object> fresh = frozen(computed());
      last = new Computed(mark, day, System.nanoTime(), fresh);
      return fresh;
    }
  }

  private static boolean reusable(Computed c, long mark, LocalDate day) {
    return c != null
        && c.mark() == mark
        && c.day().equals(day)
        && System.nanoTime() - c.nanos() < REUSED_FOR.toNanos();
  }

  /**
   * {@code value} with every map and list in it unmodifiable (one catalogue serves many readers).
   */
  @SuppressWarnings("unchecked")
  private static <T> T frozen(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, frozen(v)));
      return (T) Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      return (T) l.stream().map(CpCatalogue::frozen).toList();
    }
    return value;
  }

  /**
   * The catalogue computed now: entries, aggregates, and how many options wait for verification.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> computed() {
    List<Object> entries = new ArrayList<>();
    List<CatalogueAggregates.Entry> forAggregates = new ArrayList<>();
    int pending = 0;
    int shared = 0;
    for (PgCpAssessments.Implemented o : store.implemented()) {
      if (o.approvedVersion() == null) {
        pending++;
        continue;
      }
      Optional<PeriodRecords.SignOff> so = signedOff(o);
      Map<String, Object> verified = so.isEmpty() ? null : verified(o, so.get());
      if (verified == null || toBeReverified(verified)) {
        // a period whose data changed after its sign-off waits for the auditor again: its
        // figures are not the ones signed, so the catalogue does not list them as verified
        pending++;
        continue;
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", o.id());
      if (o.named()) {
        e.put("enterprise", o.enterprise());
        e.put("legal_name_vi", o.legalName());
        e.put("site", o.site());
      }
      e.put("sector", o.vsic());
      e.put("process", o.focusStep());
      e.put("type", o.type());
      OptionType type = OptionType.fromWire(o.type()).orElseThrow();
      e.put("type_vi", type.label("vi"));
      e.put("type_en", type.label("en"));
      e.put("description", o.description());
      e.put("investment", o.investment());
      e.put("expected_money_saving", o.moneySaving());
      Double payback = PgCpAssessments.payback(o.investment(), o.moneySaving());
      e.put("payback_years", payback);
      if (!o.named()) {
        verified.put("enpi", null);
      }
      e.put("verified", verified);
      entries.add(e);
      // a saving shared with other measures is not one option type's: left out of the medians
      if (!((List<Object>) verified.get("other_measures")).isEmpty()) {
        shared++;
      } else if (verified.get("savings_fraction") instanceof Number f) {
        forAggregates.add(new CatalogueAggregates.Entry(o.vsic(), type, f.doubleValue(), payback));
      }
    }
    List<Object> aggregates = new ArrayList<>();
    for (CatalogueAggregates.Group g : CatalogueAggregates.of(forAggregates)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sector", g.sector().isEmpty() ? null : g.sector());
      m.put("type", g.type().wire());
      m.put("entries", g.entries());
      m.put("median_savings_fraction", g.medianSavingsFraction());
      m.put("median_payback_years", g.medianPaybackYears());
      aggregates.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", entries);
    out.put("aggregates", aggregates);
    out.put("aggregates_left_out", shared);
    out.put("pending_verification", pending);
    return out;
  }
}
