package org.energytrace.ingest.resource;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.resource.Resource;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.analytics.units.Units;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.enpi.EnergyUnits;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.upload.Parsed;
import org.energytrace.ingest.upload.Problem;

/**
 * The resources of an enterprise's sites and the entries of the unmetered ones (issue 17), in
 * PostgreSQL: declaring a resource, storing entries (from the API or a committed upload, a second
 * commit of the same upload storing nothing), reading a metered resource's daily quantity from its
 * counter channel's interval quantities, and a product's daily production. Every change writes its
 * audit entry (before and after) in the same transaction. Blocking: call from worker threads.
 */
public final class PgResources {
  private final DataSource dataSource;
  private final ResourceEntryReads reads;

  public PgResources(DataSource dataSource) {
    this.dataSource = dataSource;
    this.reads = new ResourceEntryReads(dataSource);
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
      BigDecimal amount,
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
    return Transactions.run(
        dataSource,
        "declaring resource " + code,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long site = siteId(c, e, spec.site());
          Long meterId = null;
          if (spec.meter() != null) {
            meterId = checkMeter(c, e, site, spec, resource);
          }
          JsonObject before = declared(c, e, code).map(Declared::json).orElse(null);
          Sql.update(
              c,
              "INSERT INTO resource (enterprise_id, site_id, code, name, kind, unit, carrier,"
                  + " meter_id, channel, updated_by, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (enterprise_id, code) DO UPDATE SET site_id = excluded.site_id,"
                  + " name = excluded.name, kind = excluded.kind, unit = excluded.unit,"
                  + " carrier = excluded.carrier, meter_id = excluded.meter_id,"
                  + " channel = excluded.channel, updated_by = excluded.updated_by,"
                  + " updated_at = excluded.updated_at",
              e,
              site,
              Sql.text(code),
              Sql.text(resource.name()),
              resource.kind().name().toLowerCase(Locale.ROOT),
              Sql.text(resource.unit()),
              Sql.text(resource.carrier()),
              meterId,
              Sql.text(spec.channel()),
              Sql.text(who.subject()),
              at);
          Declared d = declared(c, e, code).orElseThrow();
          PgAuditLog.change(
              c, who, at, "resource.put", enterprise, "resource/" + code, null, before, d.json());
          return d;
        });
  }

  public List<Declared> list(Scope scope, String enterprise) {
    return Sql.with(
        dataSource,
        "listing resources of " + enterprise,
        c -> select(c, Enterprises.id(c, scope, enterprise), null));
  }

  public Declared get(Scope scope, String enterprise, String code) {
    return Sql.with(
        dataSource,
        "reading resource " + code,
        c ->
            declared(c, Enterprises.id(c, scope, enterprise), code)
                .orElseThrow(
                    () -> new NotFoundException("no resource " + code + " of " + enterprise)));
  }

  /**
   * The resources as the entry parser needs them at {@code now}: code → unit and meter, and the
   * latest day begun at the enterprise's sites.
   */
  public EntryFile.Declared known(Scope scope, String enterprise, Instant now) {
    return Sql.with(
        dataSource,
        "listing resources of " + enterprise,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          Map<String, EntryFile.Known> out = new LinkedHashMap<>();
          for (Declared d : select(c, e, null)) {
            out.put(d.resource().id(), new EntryFile.Known(d.resource().unit(), d.meter()));
          }
          return new EntryFile.Declared(out, SiteZones.latestDay(c, e, now));
        });
  }

  /**
   * Stores entries from the API in one transaction (all or nothing), audited. A changed entry used
   * by an approved resource baseline is an audited revision (docs/resources.md): refused (400
   * naming {@code reason}) without a reason, else recorded with the old and new value, who and why.
   */
  public PgResourceEntries.Stored putEntries(
      Scope scope,
      String enterprise,
      List<EntryFile.Row> rows,
      Who who,
      String reason,
      Instant at) {
    return Transactions.run(
        dataSource,
        "storing entries of " + enterprise,
        c ->
            PgResourceEntries.store(
                c,
                Enterprises.id(c, scope, enterprise),
                enterprise,
                rows,
                "api",
                null,
                who,
                reason,
                at));
  }

  /**
   * Deletes an entry entered by mistake, in its own transaction, audited (docs/resources.md): 404
   * when there is none, 409 when an approved resource baseline uses it ({@link
   * PgResourceEntries#delete}).
   */
  public JsonObject deleteEntry(
      Scope scope,
      String enterprise,
      String resource,
      String type,
      LocalDate day,
      String ref,
      Who who,
      Instant at) {
    return Transactions.run(
        dataSource,
        "deleting an entry of " + enterprise,
        c ->
            PgResourceEntries.delete(
                c,
                Enterprises.id(c, scope, enterprise),
                enterprise,
                resource,
                type,
                day,
                ref,
                who,
                at));
  }

  /** What a commit did. */
  /** The stock counts of {@code rows} the commit would refuse: a day counted under another ref. */
  public List<Problem> countClashes(Scope scope, String enterprise, List<EntryFile.Row> rows) {
    return OneCountADay.problems(dataSource, scope, enterprise, rows);
  }

  public record Committed(
      String uploadId, int rows, boolean alreadyCommitted, List<JsonObject> replaced) {}

  /**
   * Stores a checked upload once; a second commit of the same rows changes nothing. Changed entries
   * used by an approved resource baseline are revisions, as for {@link #putEntries(Scope, String,
   * List, Who, String, Instant)} ({@code reason} null: none given).
   */
  public Committed commit(
      Scope scope,
      String enterprise,
      Parsed<EntryFile.Row> parsed,
      Who who,
      String reason,
      Instant at) {
    if (!parsed.valid()) {
      throw DomainException.invalid("file", "the file has errors; preview it first");
    }
    return Transactions.run(
        dataSource,
        "committing upload " + parsed.uploadId(),
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          if (Sql.update(
                  c,
                  "INSERT INTO resource_upload (enterprise_id, upload_id, file_name, rows,"
                      + " committed_by, committed_at) VALUES (?, ?, ?, ?::jsonb, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  e,
                  Sql.text(parsed.uploadId()),
                  Sql.text(parsed.fileName()),
                  PgResourceEntries.rowsJson(parsed.rows()).encode(),
                  Sql.text(who.subject()),
                  at)
              == 0) {
            // the same file again: its entries changed or deleted since are stored again (it
            // answered "nothing changed" and kept them), the others are left as they are
            List<EntryFile.Row> changed = EntriesAgain.changed(c, e, parsed.rows());
            if (changed.isEmpty()) {
              c.rollback();
              return new Committed(parsed.uploadId(), 0, true, List.of());
            }
            PgResourceEntries.Stored n =
                PgResourceEntries.store(
                    c, e, enterprise, changed, "upload", parsed.uploadId(), who, reason, at);
            return new Committed(parsed.uploadId(), n.stored(), true, n.replaced());
          }
          PgResourceEntries.Stored n =
              PgResourceEntries.store(
                  c, e, enterprise, parsed.rows(), "upload", parsed.uploadId(), who, reason, at);
          return new Committed(parsed.uploadId(), n.stored(), false, n.replaced());
        });
  }

  /** The entries of a resource with a day in [from, to]. */
  /** The day of {@code d}'s last stock count before {@code day}, if it has one. */
  public Optional<LocalDate> lastCountBefore(Declared d, LocalDate day) {
    return reads.lastCountBefore(d, day);
  }

  public List<Entry> entries(Declared d, LocalDate from, LocalDate to) {
    return reads.entries(d, from, to);
  }

  /**
   * A metered resource's local days of [from, to]: the channel's interval quantities cut into days
   * of the site ({@link DailyTotals}), converted from the channel's unit to the resource's.
   */
  public List<DailyTotals.Day> metered(Declared d, LocalDate from, LocalDate to) {
    return reads.metered(d, from, to);
  }

  /** A product's days (counters, replaced by entered quantities) and its unit (UNECE code). */
  public record Production(String product, String unit, List<DailyTotals.Day> days) {}

  public Production production(
      Scope scope, String enterprise, String product, LocalDate from, LocalDate to) {
    return reads.production(scope, enterprise, product, from, to);
  }

  /** One audited revision of an entry (docs/resources.md "Audited revisions"). */
  public record EntryRevision(
      String type,
      LocalDate day,
      String ref,
      double oldQuantity,
      String oldUnit,
      BigDecimal oldAmount,
      String oldCurrency,
      double newQuantity,
      String newUnit,
      BigDecimal newAmount,
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
    return reads.revisionsSinceApproval(d, version);
  }

  // ---- inside a transaction ----

  private static long siteId(Connection c, long e, String site) throws SQLException {
    if (site == null || site.isBlank()) {
      throw DomainException.invalid("site", "required: the site that tracks the resource");
    }
    return Sql.first(
            c,
            "SELECT site_id FROM site WHERE enterprise_id = ? AND code = ?",
            Sql.args(e, site),
            rs -> rs.getLong(1))
        .orElseThrow(() -> DomainException.invalid("site", "no site '" + site + "'"));
  }

  private static long checkMeter(Connection c, long e, long site, Spec spec, Resource resource)
      throws SQLException {
    Meter m =
        Sql.first(
                c,
                "SELECT m.meter_id, m.site_id, ch.kind, ch.unit FROM meter m"
                    + " LEFT JOIN channel ch ON ch.meter_id = m.meter_id AND ch.name = ?"
                    + " WHERE m.enterprise_id = ? AND m.code = ?",
                Sql.args(Sql.text(spec.channel()), e, Sql.text(spec.meter())),
                rs -> new Meter(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
            .orElseThrow(() -> DomainException.invalid("meter", "no meter '" + spec.meter() + "'"));
    if (m.siteId() != site) {
      throw DomainException.invalid(
          "meter", "meter " + spec.meter() + " is not on site " + spec.site());
    }
    String kind = m.kind();
    if (kind == null) {
      throw DomainException.invalid(
          "channel", "meter " + spec.meter() + " has no channel '" + spec.channel() + "'");
    }
    if (!kind.equals("counter")) {
      throw DomainException.invalid(
          "channel",
          "channel " + spec.channel() + " is a " + kind + ": a resource is read from a counter");
    }
    String unit = m.unit();
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
    return m.id();
  }

  private static Optional<Declared> declared(Connection c, long e, String code)
      throws SQLException {
    List<Declared> l = select(c, e, code);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** A meter as a metered resource names it, with the named channel's kind and unit. */
  private record Meter(long id, long siteId, String kind, String unit) {}

  static List<Declared> select(Connection c, long e, String code) throws SQLException {
    return Sql.list(
        c,
        "SELECT r.resource_id, r.code, r.name, r.kind, r.unit, r.carrier, s.code,"
            + " s.time_zone, m.code, r.channel, ch.channel_id, ch.unit"
            + " FROM resource r JOIN site s ON s.site_id = r.site_id"
            + " LEFT JOIN meter m ON m.meter_id = r.meter_id"
            + " LEFT JOIN channel ch ON ch.meter_id = r.meter_id AND ch.name = r.channel"
            + " WHERE r.enterprise_id = ? AND (? OR r.code = ?) ORDER BY r.code",
        Sql.args(e, code == null, code == null ? "" : code),
        rs ->
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
                rs.getObject(11) == null ? null : rs.getLong(11),
                rs.getString(12)));
  }
}
