package org.energytrace.ingest.cp;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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

  private final PgCpAssessments store;
  private final EnpiAnalytics analytics;
  private final Clock clock;

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
    for (String k :
        List.of(
            "savings", "savings_fraction", "savings_low", "savings_high", "fsu", "confidence")) {
      verified.put(k, rep.get(k));
    }
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
          status = "verified";
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

  /** The catalogue: entries, aggregates, and how many implemented options wait for verification. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> catalogue() {
    List<Object> entries = new ArrayList<>();
    List<CatalogueAggregates.Entry> forAggregates = new ArrayList<>();
    int pending = 0;
    for (PgCpAssessments.Implemented o : store.implemented()) {
      if (o.approvedVersion() == null) {
        pending++;
        continue;
      }
      Optional<PeriodRecords.SignOff> so = signedOff(o);
      Map<String, Object> verified = so.isEmpty() ? null : verified(o, so.get());
      if (verified == null) {
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
      if (verified.get("savings_fraction") instanceof Number f) {
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
    out.put("pending_verification", pending);
    return out;
  }
}
