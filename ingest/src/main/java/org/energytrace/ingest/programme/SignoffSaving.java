package org.energytrace.ingest.programme;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.units.Accounting;
import org.energytrace.ingest.config.DashboardConfig.Tariffs;
import org.energytrace.ingest.enpi.EnpiAnalytics;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.verification.SignoffFollowUp.SignedOff;

/**
 * The registry's saving a verifying sign-off's "savings verified" step names ({@link
 * SignoffSteps}): one recorded from the period's savings figures ({@link EnpiAnalytics#savings},
 * the figures of the dossier the sign-off names), or a saving typed in for exactly the period on
 * the signed-off baseline, taken over with those figures and linked to the sign-off — a saving is
 * verified only on the figures a sign-off recorded. The registry keeps a saving per resource: an
 * EnPI over several carriers gets one per carrier, from the savings' split by carrier (each
 * carrier's share of the adjusted baseline, minus its metered energy), the step naming the first. A
 * later sign-off of the same period moves the link of the savings an earlier one recorded, with its
 * newer figures.
 */
final class SignoffSaving {
  /**
   * A saving's carrier is one the EnPI version of baseline {@code b} meters (a saving typed in of
   * another resource, malt on an electricity EnPI, is not what its sign-off verified).
   */
  private static final String ENPI_CARRIER =
      "x.kind = 'energy' AND x.carrier IN (SELECT m.carrier FROM enpi_version v"
          + " CROSS JOIN jsonb_array_elements(v.definition -> 'meters') t"
          + " JOIN meter m ON m.enterprise_id = x.enterprise_id AND m.code = t ->> 'meter'"
          + " WHERE v.enpi_id = b.enpi_id AND v.version = b.enpi_version)";

  private final EnpiAnalytics analytics;
  private final Tariffs tariffs;

  /**
   * {@code tariffs}: the configured prices a saving's money is reckoned at, as the savings API's.
   */
  SignoffSaving(EnpiAnalytics analytics, Tariffs tariffs) {
    this.analytics = analytics;
    this.tariffs = tariffs;
  }

  /**
   * The saving the step names: its id and what was done ({@code recorded}, {@code updated}, {@code
   * linked}, {@code existing}) with the saving before it ({@code updated}, {@code linked}); or why
   * none can be named ({@code refusal}).
   */
  record Saved(
      long id, String action, Map<String, Object> before, String refusal, List<Long> others) {
    Saved {
      others = List.copyOf(others);
    }

    static Saved refused(String reason) {
      return new Saved(0, null, null, reason, List.of());
    }
  }

  /**
   * The saving the step names ({@code mayRecord}: the facility applies CP, so the sign-off may
   * record new savings); without it only the savings already in the registry for the period are
   * linked or taken over, and nothing new is recorded.
   */
  Saved save(Connection c, SignedOff s, boolean mayRecord) throws SQLException {
    long baselineId = baselineId(c, s);
    // the savings that follow this sign-off: those an earlier sign-off of the period recorded, else
    // the first per carrier typed in for exactly the period before any sign-off of it (one typed
    // over a part of the period, after a sign-off of it, a second one of the same carrier, or of a
    // resource the EnPI does not meter stays as typed, indicative)
    Map<String, Long> held = recordedBySignoff(c, s, baselineId);
    if (held.isEmpty()) {
      held = typedForPeriod(c, s, baselineId);
    }
    Computed k = figures(s);
    List<Long> ids = new ArrayList<>();
    if (k.figures() == null) {
      // no figures to record: they follow with their own figures, linked to this sign-off
      if (held.isEmpty()) {
        return Saved.refused(k.refusal());
      }
      ids.addAll(held.values());
    } else {
      if (mayRecord) {
        for (Figures f : k.figures()) {
          Optional<String> clash =
              held.containsKey(f.resource()) ? Optional.empty() : clash(c, s, f);
          if (clash.isPresent()) {
            return Saved.refused(clash.get());
          }
        }
      }
      for (Figures f : k.figures()) {
        Long id = held.get(f.resource());
        if (id != null) {
          ids.add(id);
        } else if (mayRecord) {
          ids.add(insert(c, s, baselineId, f));
        }
      }
      if (ids.isEmpty()) {
        return Saved.refused("no saving of the registry for " + s.from() + ".." + s.to());
      }
    }
    // the step names the first saving held (else the first recorded now)
    long named = held.isEmpty() ? ids.get(0) : held.values().iterator().next();
    Map<String, Object> before = held.isEmpty() ? null : RegistryRows.SAVINGS.one(c, named);
    // a saving held takes this sign-off's figures (of its carrier) and link, or only its link
    Map<Long, Figures> byId = new LinkedHashMap<>();
    if (k.figures() != null) {
      for (Figures f : k.figures()) {
        Long id = held.get(f.resource());
        if (id != null) {
          byId.put(id, f);
        }
      }
    }
    for (long id : held.values()) {
      if (ids.contains(id)) {
        update(c, s, id, byId.get(id));
      }
    }
    List<Long> others = new ArrayList<>(ids);
    others.remove(Long.valueOf(named));
    String action = held.isEmpty() ? "recorded" : k.figures() == null ? "linked" : "updated";
    return new Saved(named, action, before, null, others);
  }

  /**
   * The savings typed in (no sign-off recorded them) for exactly this period on this baseline
   * before any sign-off of the period, of a carrier the EnPI meters: the first per carrier.
   */
  private static Map<String, Long> typedForPeriod(Connection c, SignedOff s, long baselineId)
      throws SQLException {
    return forPeriod(
        c,
        s,
        baselineId,
        "x.carrier",
        "x.signoff_id IS NULL AND "
            + ENPI_CARRIER
            + " AND x.recorded_at < (SELECT min(so.signed_at) FROM period_signoff so"
            + " WHERE so.enpi_id = b.enpi_id AND so.baseline_version = b.version"
            + " AND so.period_from = x.period_from AND so.period_to = x.period_to)");
  }

  /**
   * The savings of exactly this period on this baseline that a sign-off recorded, by resource, in
   * the order they were recorded.
   */
  private static Map<String, Long> recordedBySignoff(Connection c, SignedOff s, long baselineId)
      throws SQLException {
    return forPeriod(c, s, baselineId, "x.resource", "x.signoff_id IS NOT NULL");
  }

  /**
   * The savings of exactly this period on this baseline that {@code which} selects, the first per
   * value of {@code key} (a column of {@code x}).
   */
  private static Map<String, Long> forPeriod(
      Connection c, SignedOff s, long baselineId, String key, String which) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e :
        Sql.list(
            c,
            "SELECT "
                + key
                + ", x.saving_id FROM programme_saving x"
                + " JOIN enpi_baseline b ON b.baseline_id = x.baseline_id"
                + " WHERE x.enterprise_id = ? AND x.baseline_id = ? AND x.period_from = ?"
                + " AND x.period_to = ? AND "
                + which
                + " ORDER BY x.saving_id",
            Sql.args(s.enterpriseId(), baselineId, s.from(), s.to()),
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return out;
  }

  private static long baselineId(Connection c, SignedOff s) throws SQLException {
    return Sql.first(
            c,
            "SELECT baseline_id FROM enpi_baseline WHERE enpi_id = ? AND version = ?",
            ps -> {
              ps.setLong(1, s.enpiId());
              ps.setInt(2, s.baselineVersion());
            },
            rs -> rs.getLong(1))
        .orElseThrow(); // the sign-off checked it exists
  }

  /** A saving of the same resource and period recorded by hand on another baseline (or none). */
  private static Optional<String> clash(Connection c, SignedOff s, Figures f) throws SQLException {
    return Sql.first(
        c,
        "SELECT saving_id FROM programme_saving WHERE enterprise_id = ? AND resource = ?"
            + " AND period_from = ? AND period_to = ?",
        ps -> {
          ps.setLong(1, s.enterpriseId());
          ps.setString(2, f.resource());
          ps.setObject(3, s.from());
          ps.setObject(4, s.to());
        },
        rs ->
            "the registry already holds saving "
                + rs.getLong(1)
                + " of "
                + f.resource()
                + " over "
                + s.from()
                + ".."
                + s.to()
                + ", not computed on baseline version "
                + s.baselineVersion()
                + " of EnPI "
                + s.enpi()
                + ": it is left as recorded and no step names it");
  }

  /** The period's savings as the EnPI's savings (and the dossier) compute them. */
  private record Figures(
      String resource,
      String unit,
      double fraction,
      double fractionLow,
      double fractionHigh,
      double amount,
      double halfWidth,
      Double money,
      String currency) {}

  /** The figures, a saving's per carrier, or why there are none ({@code figures} null). */
  private record Computed(List<Figures> figures, String refusal) {
    static Computed refused(String reason) {
      return new Computed(null, reason);
    }
  }

  /**
   * The figures of the signed-off period: {@link EnpiAnalytics#savings} on the signed-off baseline
   * over the period at the programme's confidence — the computation the period's dossier states.
   */
  private Computed figures(SignedOff s) {
    Map<String, Object> tree;
    try {
      tree =
          analytics.savings(
              Scope.ALL,
              s.enterprise(),
              s.enpi(),
              s.baselineVersion(),
              s.from(),
              s.to(),
              100 * ProgrammeExport.CONFIDENCE,
              null,
              tariffs);
    } catch (AnalyticsException | DomainException | NotFoundException e) {
      return Computed.refused(
          "the savings of "
              + s.from()
              + ".."
              + s.to()
              + " could not be computed: "
              + e.getMessage());
    }
    Map<?, ?> split = (Map<?, ?>) tree.get("savings_split");
    Map<?, ?> byCarrier = (Map<?, ?>) tree.get("by_carrier");
    List<?> carriers = byCarrier == null ? null : (List<?>) byCarrier.get("carriers");
    if (carriers == null || carriers.isEmpty()) {
      return Computed.refused(
          "EnPI "
              + s.enpi()
              + " has no carrier split ("
              + (byCarrier == null ? "no split" : byCarrier.get("reason"))
              + "): the registry records a saving per resource; record it by hand");
    }
    Map<?, ?> band = (Map<?, ?>) ((List<?>) tree.get("targets")).get(0);
    Double fraction = number(split.get("savings_fraction"));
    Double low = number(band.get("fraction_low"));
    Double high = number(band.get("fraction_high"));
    Double lowAmount = number(split.get("savings_low"));
    Double highAmount = number(split.get("savings_high"));
    if (fraction == null
        || low == null
        || high == null
        || lowAmount == null
        || highAmount == null) {
      return Computed.refused(
          "the savings of " + s.from() + ".." + s.to() + " have no fraction or band to record");
    }
    String unit = (String) byCarrier.get("unit");
    // the money of each carrier's saving at the configured tariffs, as the savings API prices it
    // (none where a carrier has no tariff: the registry's money stays empty, nothing estimated)
    Map<?, ?> money = (Map<?, ?>) tree.get("money");
    Map<Object, Double> moneyOf = new LinkedHashMap<>();
    if (money != null && money.get("by_carrier") instanceof List<?> priced) {
      for (Object o : priced) {
        Map<?, ?> m = (Map<?, ?>) o;
        moneyOf.put(m.get("carrier"), number(m.get("amount")));
      }
    }
    String currency = money == null ? null : (String) money.get("currency");
    double halfWidth = Math.abs(highAmount - lowAmount) / 2;
    // each carrier's saving is its share of the adjusted baseline minus its metered energy
    // (by_carrier; a single carrier's is the whole saving), so its uncertainty — the adjusted
    // baseline's — is its share of the whole's, and its fraction's band as wide as the whole's
    List<Figures> out = new ArrayList<>();
    for (Object o : carriers) {
      Map<?, ?> m = (Map<?, ?>) o;
      Double saved = number(m.get("savings"));
      Double adjusted = number(m.get("adjusted_baseline"));
      Double share = number(m.get("baseline_share"));
      if (saved == null || adjusted == null || share == null || !(adjusted > 0)) {
        return Computed.refused(
            "the savings of "
                + s.from()
                + ".."
                + s.to()
                + " have no split for carrier "
                + m.get("carrier")
                + " to record");
      }
      double f = saved / adjusted;
      out.add(
          metered(
              m,
              new Figures(
                  (String) m.get("carrier"),
                  unit,
                  f,
                  f - Math.max(0, fraction - low),
                  f + Math.max(0, high - fraction),
                  saved,
                  share * halfWidth,
                  moneyOf.get(m.get("carrier")),
                  currency),
              s.to()));
    }
    return new Computed(out, null);
  }

  /**
   * A carrier's saving in the unit its meters count (kWh, Nm³), as the registry's savings of that
   * resource are, when the EnPI states it in final MJ: back through the MJ-final factor the EnPI
   * converted it with (valid on the period's last day), so that the programme's TOE and CO2 factors
   * of the carrier apply. Left in the EnPI's unit when no such factor exists.
   */
  private Figures metered(Map<?, ?> carrier, Figures f, LocalDate on) {
    Object meteredUnit = carrier.get("metered_unit");
    if (!"MJ".equals(f.unit()) || !(meteredUnit instanceof String u) || u.equals(f.unit())) {
      return f;
    }
    return analytics
        .conversions()
        .lookup(f.resource(), u, Accounting.MJ_FINAL, on)
        .map(
            factor ->
                new Figures(
                    f.resource(),
                    u,
                    f.fraction(),
                    f.fractionLow(),
                    f.fractionHigh(),
                    f.amount() / factor.factor(),
                    f.halfWidth() / factor.factor(),
                    f.money(),
                    f.currency()))
        .orElse(f);
  }

  private static Double number(Object o) {
    return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
  }

  private static long insert(Connection c, SignedOff s, long baselineId, Figures f)
      throws SQLException {
    return Sql.first(
            c,
            "INSERT INTO programme_saving (enterprise_id, resource, kind, carrier, unit,"
                + " period_from, period_to, fraction, fraction_low, fraction_high, confidence,"
                + " amount, half_width, money, currency, baseline_id, reference, signoff_id,"
                + " recorded_by, recorded_at)"
                + " VALUES (?, ?, 'energy', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " RETURNING saving_id",
            ps -> {
              int i = 1;
              ps.setLong(i++, s.enterpriseId());
              ps.setString(i++, f.resource());
              ps.setString(i++, f.resource());
              ps.setString(i++, f.unit());
              ps.setObject(i++, s.from());
              ps.setObject(i++, s.to());
              ps.setDouble(i++, f.fraction());
              ps.setDouble(i++, f.fractionLow());
              ps.setDouble(i++, f.fractionHigh());
              ps.setDouble(i++, ProgrammeExport.CONFIDENCE);
              ps.setDouble(i++, f.amount());
              ps.setDouble(i++, f.halfWidth());
              ps.setObject(i++, f.money(), Types.DOUBLE);
              ps.setString(i++, f.money() == null || f.currency() == null ? "VND" : f.currency());
              ps.setLong(i++, baselineId);
              ps.setString(i++, SignoffSteps.evidence(s));
              ps.setLong(i++, s.id());
              ps.setString(i++, s.account());
              ps.setObject(i, Sql.utc(s.at()));
            },
            rs -> rs.getLong(1))
        .orElseThrow();
  }

  /** The newer sign-off's link, and its figures when they could be computed ({@code f} null). */
  private static void update(Connection c, SignedOff s, long savingId, Figures f)
      throws SQLException {
    if (f == null) {
      Sql.update(
          c,
          "UPDATE programme_saving SET signoff_id = ?, reference = ? WHERE saving_id = ?",
          ps -> {
            ps.setLong(1, s.id());
            ps.setString(2, SignoffSteps.evidence(s));
            ps.setLong(3, savingId);
          });
      return;
    }
    Sql.update(
        c,
        "UPDATE programme_saving SET signoff_id = ?, reference = ?, unit = ?, fraction = ?,"
            + " fraction_low = ?, fraction_high = ?, amount = ?, half_width = ?"
            // the money at the tariffs when they price it; else what was typed stays
            + (f.money() == null ? "" : ", money = ?, currency = ?")
            + " WHERE saving_id = ?",
        ps -> {
          ps.setLong(1, s.id());
          ps.setString(2, SignoffSteps.evidence(s));
          ps.setString(3, f.unit());
          ps.setDouble(4, f.fraction());
          ps.setDouble(5, f.fractionLow());
          ps.setDouble(6, f.fractionHigh());
          ps.setDouble(7, f.amount());
          ps.setDouble(8, f.halfWidth());
          int next = 9;
          if (f.money() != null) {
            ps.setDouble(next++, f.money());
            ps.setString(next++, f.currency());
          }
          ps.setLong(next, savingId);
        });
  }
}
