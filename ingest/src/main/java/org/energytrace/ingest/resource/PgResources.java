package org.energytrace.ingest.resource;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.resource.Resource;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.units.Units;
import org.energytrace.ingest.audit.AuditActor;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.counters.Interval;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.enpi.EnergyUnits;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore.ProductSource;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * The resources of an enterprise's sites and the entries of the unmetered ones (issue 17), in
 * PostgreSQL: declaring a resource, storing entries (from the API or a committed upload, a second
 * commit of the same upload storing nothing), reading a metered resource's daily quantity from its
 * counter channel's interval quantities, and a product's daily production. Every change writes its
 * audit entry (before and after) in the same transaction. Blocking: call from worker threads.
 */
public final class PgResources {
  private final DataSource dataSource;

  public PgResources(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Who changes something: the audit log's actor, role and client address. */
  public record Who(String subject, String role, String clientIp) implements AuditActor {
    @Override
    public String auditRole() {
      return role;
    }
  }

  /** What an administrator declares about a resource. */
  public record Spec(
      String site,
      String name,
      ResourceKind kind,
      String unit,
      String carrier,
      String meter,
      String channel) {}

  /** A declared resource with where its quantity comes from. */
  public record Declared(
      long id,
      long enterpriseId,
      Resource resource,
      String site,
      ZoneId zone,
      String meter,
      String channel,
      Long channelId,
      String channelUnit) {
    public boolean metered() {
      return channelId != null;
    }

    public JsonObject json() {
      return new JsonObject()
          .put("resource", resource.id())
          .put("name", resource.name())
          .put("kind", resource.kind().name().toLowerCase(Locale.ROOT))
          .put("unit", resource.unit())
          .put("carrier", resource.carrier())
          .put("site", site)
          .put("source", metered() ? "meter" : "entries")
          .put("meter", meter)
          .put("channel", channel);
    }
  }

  /** One stored entry. */
  public record Entry(
      String type,
      LocalDate day,
      String ref,
      double quantity,
      String unit,
      String source,
      int revision,
      java.math.BigDecimal amount,
      String currency) {}

  /** Declares (or re-declares) resource {@code code}. */
  public Declared put(Scope scope, String enterprise, String code, Spec spec, Who who, Instant at) {
    // the analytics record checks kind, unit and carrier together and says what is wrong
    Resource resource;
    try {
      resource = new Resource(code, spec.name(), spec.kind(), spec.unit(), spec.carrier());
    } catch (AnalyticsException e) {
      String field = e.getMessage().contains("carrier") ? "carrier" : "unit";
      throw DomainException.invalid(field, e.getMessage());
    }
    if ((spec.meter() == null) != (spec.channel() == null)) {
      throw DomainException.invalid(
          spec.meter() == null ? "meter" : "channel",
          "a metered resource names both its meter and the meter's counter channel");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long e = Enterprises.id(c, scope, enterprise);
        long site = siteId(c, e, spec.site());
        Long meterId = null;
        if (spec.meter() != null) {
          meterId = checkMeter(c, e, site, spec, resource);
        }
        JsonObject before = declared(c, e, code).map(Declared::json).orElse(null);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO resource (enterprise_id, site_id, code, name, kind, unit, carrier,"
                    + " meter_id, channel, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id = excluded.site_id,"
                    + " name = excluded.name, kind = excluded.kind, unit = excluded.unit,"
                    + " carrier = excluded.carrier, meter_id = excluded.meter_id,"
                    + " channel = excluded.channel, updated_by = excluded.updated_by,"
                    + " updated_at = excluded.updated_at")) {
          ps.setLong(1, e);
          ps.setLong(2, site);
          ps.setString(3, code);
          ps.setString(4, resource.name());
          ps.setString(5, resource.kind().name().toLowerCase(Locale.ROOT));
          ps.setString(6, resource.unit());
          ps.setString(7, resource.carrier());
          ps.setObject(8, meterId);
          ps.setString(9, spec.channel());
          ps.setString(10, who.subject());
          ps.setObject(11, utc(at));
          ps.executeUpdate();
        }
        Declared d = declared(c, e, code).orElseThrow();
        PgAuditLog.change(
            c, who, at, "resource.put", enterprise, "resource/" + code, null, before, d.json());
        c.commit();
        return d;
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw StoreException.of("declaring resource " + code, ex);
    }
  }

  public List<Declared> list(Scope scope, String enterprise) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      return select(c, e, null);
    } catch (SQLException ex) {
      throw StoreException.of("listing resources of " + enterprise, ex);
    }
  }

  public Declared get(Scope scope, String enterprise, String code) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      return declared(c, e, code)
          .orElseThrow(() -> new NotFoundException("no resource " + code + " of " + enterprise));
    } catch (SQLException ex) {
      throw StoreException.of("reading resource " + code, ex);
    }
  }

  /** The resources as the entry parser needs them: code → unit and meter. */
  public Map<String, EntryFile.Known> known(Scope scope, String enterprise) {
    Map<String, EntryFile.Known> out = new LinkedHashMap<>();
    for (Declared d : list(scope, enterprise)) {
      out.put(d.resource().id(), new EntryFile.Known(d.resource().unit(), d.meter()));
    }
    return out;
  }

  /** Stores entries from the API in one transaction, audited (no reason given). */
  public int putEntries(
      Scope scope, String enterprise, List<EntryFile.Row> rows, Who who, Instant at) {
    return putEntries(scope, enterprise, rows, who, null, at);
  }

  /**
   * Stores entries from the API in one transaction (all or nothing), audited. A changed entry used
   * by an approved resource baseline is an audited revision (docs/resources.md): refused (400
   * naming {@code reason}) without a reason, else recorded with the old and new value, who and why.
   */
  public int putEntries(
      Scope scope,
      String enterprise,
      List<EntryFile.Row> rows,
      Who who,
      String reason,
      Instant at) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long e = Enterprises.id(c, scope, enterprise);
        revise(c, e, enterprise, rows, who, reason, at);
        int n = upsert(c, e, enterprise, rows, "api", null, who, at);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw StoreException.of("storing entries of " + enterprise, ex);
    }
  }

  /** What a commit did. */
  public record Committed(String uploadId, int rows, boolean alreadyCommitted) {}

  /** Stores a checked upload once; a second commit of the same rows changes nothing. */
  public Committed commit(
      Scope scope, String enterprise, EntryFile.Parsed parsed, Who who, Instant at) {
    return commit(scope, enterprise, parsed, who, null, at);
  }

  /**
   * As {@link #commit(Scope, String, EntryFile.Parsed, Who, Instant)}; changed entries used by an
   * approved resource baseline are revisions, as for {@link #putEntries(Scope, String, List, Who,
   * String, Instant)}.
   */
  public Committed commit(
      Scope scope, String enterprise, EntryFile.Parsed parsed, Who who, String reason, Instant at) {
    if (!parsed.valid()) {
      throw DomainException.invalid("file", "the file has errors; preview it first");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long e = Enterprises.id(c, scope, enterprise);
        JsonArray json = new JsonArray();
        parsed.rows().forEach(r -> json.add(rowJson(r)));
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO resource_upload (enterprise_id, upload_id, file_name, rows,"
                    + " committed_by, committed_at) VALUES (?, ?, ?, ?::jsonb, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
          ps.setLong(1, e);
          ps.setString(2, parsed.uploadId());
          ps.setString(3, parsed.fileName());
          ps.setString(4, json.encode());
          ps.setString(5, who.subject());
          ps.setObject(6, utc(at));
          if (ps.executeUpdate() == 0) {
            c.rollback();
            return new Committed(parsed.uploadId(), 0, true);
          }
        }
        revise(c, e, enterprise, parsed.rows(), who, reason, at);
        int n = upsert(c, e, enterprise, parsed.rows(), "upload", parsed.uploadId(), who, at);
        c.commit();
        return new Committed(parsed.uploadId(), n, false);
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw StoreException.of("committing upload " + parsed.uploadId(), ex);
    }
  }

  /** The entries of a resource with a day in [from, to]. */
  public List<Entry> entries(Declared d, LocalDate from, LocalDate to) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT type, day, ref, quantity, unit, source, revision, amount, currency"
                    + " FROM resource_entry"
                    + " WHERE resource_id = ? AND day BETWEEN ? AND ? ORDER BY day, type, ref")) {
      ps.setLong(1, d.id());
      ps.setObject(2, from);
      ps.setObject(3, to);
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Entry(
                  rs.getString(1),
                  rs.getObject(2, LocalDate.class),
                  rs.getString(3),
                  rs.getDouble(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getInt(7),
                  rs.getBigDecimal(8),
                  rs.getString(9)));
        }
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.of("reading entries of " + d.resource().id(), ex);
    }
  }

  /**
   * A metered resource's local days of [from, to]: the channel's interval quantities cut into days
   * of the site ({@link DailyTotals}), converted from the channel's unit to the resource's.
   */
  public List<DailyTotals.Day> metered(Declared d, LocalDate from, LocalDate to) {
    String channelUnit =
        EnergyUnits.tableUnit(d.channelUnit())
            .orElseThrow(
                () ->
                    DomainException.conflict(
                        "channel",
                        "channel "
                            + d.channel()
                            + " of meter "
                            + d.meter()
                            + " counts in "
                            + d.channelUnit()
                            + ", which has no unit of the conversion table"));
    double factor = Units.convert(1, channelUnit, d.resource().unit());
    Instant lower = from.atStartOfDay(d.zone()).toInstant();
    Instant upper = to.plusDays(1).atStartOfDay(d.zone()).toInstant();
    List<Interval> intervals = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ts_start, ts_end, energy FROM interval_energy"
                    + " WHERE channel_id = ? AND ts_end > ? AND ts_start < ? ORDER BY ts_end")) {
      ps.setLong(1, d.channelId());
      ps.setObject(2, utc(lower));
      ps.setObject(3, utc(upper));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          intervals.add(
              new Interval(
                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                  rs.getDouble(3) * factor,
                  Interval.How.DIFFERENCE));
        }
      }
    } catch (SQLException ex) {
      throw StoreException.of("reading the meter of " + d.resource().id(), ex);
    }
    return DailyTotals.of(intervals, d.zone(), from, to);
  }

  /** A product's days (counters, replaced by entered quantities) and its unit (UNECE code). */
  public record Production(String product, String unit, List<DailyTotals.Day> days) {}

  public Production production(
      Scope scope, String enterprise, String product, LocalDate from, LocalDate to) {
    try (Connection c = dataSource.getConnection()) {
      long e = Enterprises.id(c, scope, enterprise);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT p.product_id, l.code, s.site_id, s.time_zone, p.unit FROM product p"
                  + " JOIN production_line l USING (line_id) JOIN site s ON s.site_id = l.site_id"
                  + " WHERE p.enterprise_id = ? AND p.code = ?")) {
        ps.setLong(1, e);
        ps.setString(2, product);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw DomainException.invalid("product", "no product '" + product + "'");
          }
          ProductSource source =
              new ProductSource(
                  product,
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getLong(3),
                  ZoneId.of(rs.getString(4)));
          String unit = rs.getString(5);
          return new Production(
              product, unit, PgEnpiData.production(c, e, source, from, to).days());
        }
      }
    } catch (SQLException ex) {
      throw StoreException.of("reading production of " + product, ex);
    }
  }

  /** One audited revision of an entry (docs/resources.md "Audited revisions"). */
  public record EntryRevision(
      String type,
      LocalDate day,
      String ref,
      double oldQuantity,
      String oldUnit,
      java.math.BigDecimal oldAmount,
      String oldCurrency,
      double newQuantity,
      String newUnit,
      java.math.BigDecimal newAmount,
      String newCurrency,
      String reason,
      String usedBy,
      String revisedBy,
      String revisedAt) {
    public JsonObject json() {
      JsonObject j =
          new JsonObject()
              .put("type", type)
              .put("day", day.toString())
              .put("ref", ref)
              .put("old_quantity", oldQuantity)
              .put("old_unit", oldUnit)
              .put("new_quantity", newQuantity)
              .put("new_unit", newUnit);
      if (oldAmount != null || newAmount != null) {
        j.put("old_amount", oldAmount == null ? null : oldAmount.doubleValue())
            .put("old_currency", oldCurrency)
            .put("new_amount", newAmount == null ? null : newAmount.doubleValue())
            .put("new_currency", newCurrency);
      }
      return j.put("reason", reason)
          .put("used_by", usedBy)
          .put("revised_by", revisedBy)
          .put("revised_at", revisedAt);
    }
  }

  /**
   * The revisions of resource {@code resourceId}'s entries that its stored baseline {@code version}
   * uses (a day of its period, or a stock count of the day before) made after the baseline was
   * approved, oldest first: while there is one the baseline is "to be re-verified". Empty for a
   * version never approved.
   */
  public List<EntryRevision> revisionsSinceApproval(Declared d, int version) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT r.type, r.day, r.ref, r.old_quantity, r.old_unit, r.old_amount,"
                    + " r.old_currency, r.new_quantity, r.new_unit, r.new_amount, r.new_currency,"
                    + " r.reason, r.used_by, r.revised_by, r.revised_at"
                    + " FROM resource_entry_revision r JOIN resource_baseline b"
                    + " ON b.resource_id = r.resource_id AND b.version = ?"
                    + " WHERE r.resource_id = ? AND b.approved_at IS NOT NULL"
                    + " AND r.revised_at > b.approved_at"
                    + " AND (r.day BETWEEN b.period_from AND b.period_to"
                    + " OR (r.type = 'stock_count' AND r.day = b.period_from - 1))"
                    + " ORDER BY r.revision_id")) {
      ps.setInt(1, version);
      ps.setLong(2, d.id());
      List<EntryRevision> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new EntryRevision(
                  rs.getString(1),
                  rs.getObject(2, LocalDate.class),
                  rs.getString(3),
                  rs.getDouble(4),
                  rs.getString(5),
                  rs.getBigDecimal(6),
                  rs.getString(7),
                  rs.getDouble(8),
                  rs.getString(9),
                  rs.getBigDecimal(10),
                  rs.getString(11),
                  rs.getString(12),
                  rs.getString(13),
                  rs.getString(14),
                  rs.getObject(15, OffsetDateTime.class).toInstant().toString()));
        }
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.of("reading the revisions of " + d.resource().id(), ex);
    }
  }

  // ---- inside a transaction ----

  /**
   * The rows that change a stored entry (quantity, unit, amount or currency) used by an approved
   * resource baseline of its resource (its day in the baseline's period, or a stock count of the
   * day before, which opens the first period): without a reason the whole request is refused (400
   * naming {@code reason}, saying what uses the entry); with one, each is recorded in {@code
   * resource_entry_revision} and audited as {@code resource.entry.revise} (old, new, who, why, what
   * used it), in the caller's transaction.
   */
  private static void revise(
      Connection c,
      long e,
      String enterprise,
      List<EntryFile.Row> rows,
      Who who,
      String reason,
      Instant at)
      throws SQLException {
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    try (PreparedStatement old =
            c.prepareStatement(
                "SELECT x.resource_id, x.quantity, x.unit, x.amount, x.currency"
                    + " FROM resource_entry x JOIN resource r ON r.resource_id = x.resource_id"
                    + " WHERE r.enterprise_id = ? AND r.code = ? AND x.type = ? AND x.day = ?"
                    + " AND x.ref = ?");
        PreparedStatement used =
            c.prepareStatement(
                "SELECT 'resource baseline ' || ? || '/' || b.version || ' ' || b.period_from"
                    + " || '..' || b.period_to FROM resource_baseline b"
                    + " WHERE b.resource_id = ? AND b.status = 'approved'"
                    + " AND (?::date BETWEEN b.period_from AND b.period_to"
                    + " OR (? = 'stock_count' AND ?::date = b.period_from - 1))"
                    + " ORDER BY b.version");
        PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO resource_entry_revision (enterprise_id, resource_id, type, day, ref,"
                    + " old_quantity, old_unit, old_amount, old_currency, new_quantity, new_unit,"
                    + " new_amount, new_currency, reason, used_by, revised_by, revised_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (EntryFile.Row r : rows) {
        old.setLong(1, e);
        old.setString(2, r.resource());
        old.setString(3, r.type());
        old.setObject(4, r.day());
        old.setString(5, r.ref());
        long resourceId;
        double oldQuantity;
        String oldUnit;
        java.math.BigDecimal oldAmount;
        String oldCurrency;
        try (ResultSet rs = old.executeQuery()) {
          if (!rs.next()) {
            continue; // a new entry is no correction
          }
          resourceId = rs.getLong(1);
          oldQuantity = rs.getDouble(2);
          oldUnit = rs.getString(3);
          oldAmount = rs.getBigDecimal(4);
          oldCurrency = rs.getString(5);
        }
        boolean sameAmount =
            oldAmount == null
                ? r.amount() == null
                : r.amount() != null && oldAmount.compareTo(r.amount()) == 0;
        if (oldQuantity == r.quantity()
            && oldUnit.equals(r.unit())
            && sameAmount
            && java.util.Objects.equals(oldCurrency, r.currency())) {
          continue; // the same value again is no revision
        }
        used.setString(1, r.resource());
        used.setLong(2, resourceId);
        used.setObject(3, r.day());
        used.setString(4, r.type());
        used.setObject(5, r.day());
        List<String> users = new ArrayList<>();
        try (ResultSet rs = used.executeQuery()) {
          while (rs.next()) {
            users.add(rs.getString(1));
          }
        }
        if (users.isEmpty()) {
          continue; // nothing approved uses it: today's behaviour
        }
        String usedBy = String.join("; ", users);
        String what =
            "the "
                + r.type()
                + " of "
                + r.resource()
                + " on "
                + r.day()
                + (r.ref().isEmpty() ? "" : " (" + r.ref() + ")");
        if (why == null) {
          throw DomainException.invalid(
              "reason",
              what
                  + " is used by "
                  + usedBy
                  + ": a correction is an audited revision; give its reason");
        }
        if (why.length() > 2000) {
          throw DomainException.invalid("reason", "at most 2000 characters");
        }
        ins.setLong(1, e);
        ins.setLong(2, resourceId);
        ins.setString(3, r.type());
        ins.setObject(4, r.day());
        ins.setString(5, r.ref());
        ins.setDouble(6, oldQuantity);
        ins.setString(7, oldUnit);
        ins.setBigDecimal(8, oldAmount);
        ins.setString(9, oldCurrency);
        ins.setDouble(10, r.quantity());
        ins.setString(11, r.unit());
        ins.setBigDecimal(12, r.amount());
        ins.setString(13, r.currency());
        ins.setString(14, why);
        ins.setString(15, usedBy);
        ins.setString(16, who.subject());
        ins.setObject(17, utc(at));
        ins.executeUpdate();
        JsonObject before = new JsonObject().put("quantity", oldQuantity).put("unit", oldUnit);
        if (oldAmount != null) {
          before.put("amount", oldAmount.toPlainString()).put("currency", oldCurrency);
        }
        JsonObject after = rowJson(r).put("reason", why);
        PgAuditLog.change(
            c,
            who,
            at,
            "resource.entry.revise",
            enterprise,
            enterprise
                + "/resource/"
                + r.resource()
                + "/entries/"
                + r.type()
                + "/"
                + r.day()
                + (r.ref().isEmpty() ? "" : "/" + r.ref()),
            why + " (used by " + usedBy + "; to be re-verified)",
            before,
            after);
      }
    }
  }

  private static int upsert(
      Connection c,
      long e,
      String enterprise,
      List<EntryFile.Row> rows,
      String source,
      String uploadId,
      Who who,
      Instant at)
      throws SQLException {
    Map<String, Long> ids = new LinkedHashMap<>();
    for (Declared d : select(c, e, null)) {
      ids.put(d.resource().id(), d.id());
    }
    JsonArray before = new JsonArray();
    JsonArray after = new JsonArray();
    int stored = 0;
    try (PreparedStatement old =
            c.prepareStatement(
                "SELECT quantity, unit, revision, amount, currency FROM resource_entry"
                    + " WHERE resource_id = ? AND type = ? AND day = ? AND ref = ?");
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO resource_entry (enterprise_id, resource_id, type, day, ref, quantity,"
                    + " unit, source, upload_id, updated_by, updated_at, amount, currency)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (resource_id, type, day, ref) DO UPDATE SET"
                    + " quantity = excluded.quantity, unit = excluded.unit,"
                    + " amount = excluded.amount, currency = excluded.currency,"
                    + " source = excluded.source, upload_id = excluded.upload_id,"
                    + " updated_by = excluded.updated_by, updated_at = excluded.updated_at,"
                    + " revision = resource_entry.revision + 1"
                    + " WHERE (resource_entry.quantity, resource_entry.unit,"
                    + " resource_entry.amount, resource_entry.currency)"
                    + " IS DISTINCT FROM (excluded.quantity, excluded.unit, excluded.amount,"
                    + " excluded.currency)")) {
      for (EntryFile.Row r : rows) {
        Long id = ids.get(r.resource());
        if (id == null) {
          throw DomainException.invalid("resource", "no resource '" + r.resource() + "'");
        }
        old.setLong(1, id);
        old.setString(2, r.type());
        old.setObject(3, r.day());
        old.setString(4, r.ref());
        try (ResultSet rs = old.executeQuery()) {
          if (rs.next()) {
            before.add(
                rowJson(r)
                    .put("quantity", rs.getDouble(1))
                    .put("unit", rs.getString(2))
                    .put("revision", rs.getInt(3))
                    .put(
                        "amount",
                        rs.getBigDecimal(4) == null ? null : rs.getBigDecimal(4).toPlainString())
                    .put("currency", rs.getString(5)));
            if (rs.getBigDecimal(4) == null) {
              before.getJsonObject(before.size() - 1).remove("amount");
              before.getJsonObject(before.size() - 1).remove("currency");
            }
          }
        }
        ps.setLong(1, e);
        ps.setLong(2, id);
        ps.setString(3, r.type());
        ps.setObject(4, r.day());
        ps.setString(5, r.ref());
        ps.setDouble(6, r.quantity());
        ps.setString(7, r.unit());
        ps.setString(8, source);
        ps.setString(9, uploadId);
        ps.setString(10, who.subject());
        ps.setObject(11, utc(at));
        ps.setBigDecimal(12, r.amount());
        ps.setString(13, r.currency());
        int n = ps.executeUpdate();
        stored += n;
        if (n > 0) {
          after.add(rowJson(r));
        }
      }
    }
    PgAuditLog.change(
        c,
        who,
        at,
        "resource.entries",
        enterprise,
        uploadId == null ? "resource/entries" : "resource/uploads/" + uploadId,
        stored + " of " + rows.size() + " entries stored or revised (" + source + ")",
        new JsonObject().put("entries", before),
        new JsonObject().put("entries", after));
    return stored;
  }

  private static JsonObject rowJson(EntryFile.Row r) {
    JsonObject j =
        new JsonObject()
            .put("resource", r.resource())
            .put("type", r.type())
            .put("day", r.day().toString())
            .put("ref", r.ref())
            .put("quantity", r.quantity())
            .put("unit", r.unit());
    if (r.amount() != null) {
      j.put("amount", r.amount().toPlainString()).put("currency", r.currency());
    }
    return j;
  }

  private static long siteId(Connection c, long e, String site) throws SQLException {
    if (site == null || site.isBlank()) {
      throw DomainException.invalid("site", "required: the site that tracks the resource");
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?")) {
      ps.setLong(1, e);
      ps.setString(2, site);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw DomainException.invalid("site", "no site '" + site + "'");
        }
        return rs.getLong(1);
      }
    }
  }

  private static long checkMeter(Connection c, long e, long site, Spec spec, Resource resource)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.meter_id, m.site_id, ch.kind, ch.unit FROM meter m"
                + " LEFT JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name = ?"
                + " WHERE m.enterprise_id = ? AND m.code = ?")) {
      ps.setString(1, spec.channel());
      ps.setLong(2, e);
      ps.setString(3, spec.meter());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw DomainException.invalid("meter", "no meter '" + spec.meter() + "'");
        }
        if (rs.getLong(2) != site) {
          throw DomainException.invalid(
              "meter", "meter " + spec.meter() + " is not on site " + spec.site());
        }
        String kind = rs.getString(3);
        if (kind == null) {
          throw DomainException.invalid(
              "channel", "meter " + spec.meter() + " has no channel '" + spec.channel() + "'");
        }
        if (!kind.equals("counter")) {
          throw DomainException.invalid(
              "channel",
              "channel "
                  + spec.channel()
                  + " is a "
                  + kind
                  + ": a resource is read from a counter");
        }
        String unit = rs.getString(4);
        String tableUnit =
            EnergyUnits.tableUnit(unit)
                .orElseThrow(
                    () ->
                        DomainException.invalid(
                            "channel",
                            "channel "
                                + spec.channel()
                                + " counts in "
                                + unit
                                + ", not a unit of"
                                + " the conversion table"));
        try {
          Units.convert(1, tableUnit, resource.unit());
        } catch (AnalyticsException ex) {
          throw DomainException.invalid(
              "unit",
              "channel "
                  + spec.channel()
                  + " counts in "
                  + tableUnit
                  + ", which does not convert to "
                  + resource.unit());
        }
        return rs.getLong(1);
      }
    }
  }

  private static java.util.Optional<Declared> declared(Connection c, long e, String code)
      throws SQLException {
    List<Declared> l = select(c, e, code);
    return l.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(l.get(0));
  }

  private static List<Declared> select(Connection c, long e, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.resource_id, r.code, r.name, r.kind, r.unit, r.carrier, s.code,"
                + " s.time_zone, m.code, r.channel, ch.channel_id, ch.unit"
                + " FROM resource r JOIN site s ON s.site_id = r.site_id"
                + " LEFT JOIN meter m ON m.meter_id = r.meter_id"
                + " LEFT JOIN channel ch ON ch.meter_id = r.meter_id AND ch.name = r.channel"
                + " WHERE r.enterprise_id = ? AND (? OR r.code = ?) ORDER BY r.code")) {
      ps.setLong(1, e);
      ps.setBoolean(2, code == null);
      ps.setString(3, code == null ? "" : code);
      List<Declared> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Long channelId = rs.getObject(11) == null ? null : rs.getLong(11);
          out.add(
              new Declared(
                  rs.getLong(1),
                  e,
                  new Resource(
                      rs.getString(2),
                      rs.getString(3),
                      ResourceKind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                      rs.getString(5),
                      rs.getString(6)),
                  rs.getString(7),
                  ZoneId.of(rs.getString(8)),
                  rs.getString(9),
                  rs.getString(10),
                  channelId,
                  rs.getString(12)));
        }
      }
      return out;
    }
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
