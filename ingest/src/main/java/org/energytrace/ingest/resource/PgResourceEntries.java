package org.energytrace.ingest.resource;

import static org.energytrace.ingest.resource.PgResources.select;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.PgResources.Declared;

/**
 * Storing a resource's entries in the transaction of {@link PgResources#putEntries} or {@link
 * PgResources#commit} (from the API or a committed upload, all or nothing, audited): a change to an
 * entry an approved resource baseline uses is an audited revision with its reason.
 */
final class PgResourceEntries {
  private PgResourceEntries() {}

  /** The JSON of the rows of an upload, as {@code resource_upload.rows} keeps them. */
  static JsonArray rowsJson(List<EntryFile.Row> rows) {
    JsonArray json = new JsonArray();
    rows.forEach(r -> json.add(rowJson(r)));
    return json;
  }

  // ---- inside a transaction ----

  /**
   * What uses an entry: the approved resource baselines of its resource whose period holds its day,
   * or whose first period a stock count of the day before opens.
   */
  private static final String USED_BY =
      "SELECT 'resource baseline ' || ? || '/' || b.version || ' ' || b.period_from"
          + " || '..' || b.period_to FROM resource_baseline b"
          + " WHERE b.resource_id = ? AND b.status = 'approved'"
          + " AND (?::date BETWEEN b.period_from AND b.period_to"
          + " OR (? = 'stock_count' AND ?::date = b.period_from - 1))"
          + " ORDER BY b.version";

  /** {@link #USED_BY} for one entry ("resource baseline coal/2 2026-01-05..2026-02-01"). */
  private static List<String> usedBy(
      PreparedStatement used, String resource, long resourceId, String type, LocalDate day)
      throws SQLException {
    Sql.bind(used, 1, Sql.text(resource), resourceId, day, Sql.text(type), day);
    List<String> users = new ArrayList<>();
    try (ResultSet rs = used.executeQuery()) {
      while (rs.next()) {
        users.add(rs.getString(1));
      }
    }
    return users;
  }

  /**
   * Deletes the entry {@code type} of {@code resource} on {@code day} under {@code ref} in the
   * caller's transaction, audited as {@code resource.entry.delete} with its figures; returns it as
   * the entries list shows it. An entry an approved resource baseline uses is not deleted (409
   * naming the baseline): it is corrected, with a reason, as an audited revision. None such: 404.
   */
  static JsonObject delete(
      Connection c,
      long e,
      String enterprise,
      String resource,
      String type,
      LocalDate day,
      String ref,
      Who who,
      Instant at)
      throws SQLException {
    String what =
        "the "
            + type
            + " of "
            + resource
            + " on "
            + day
            + (ref.isEmpty() ? " without a ref" : " with ref '" + ref + "'");
    Optional<Entered> found =
        Sql.first(
            c,
            "SELECT x.resource_id, x.quantity, x.unit, x.amount, x.currency"
                + " FROM resource_entry x JOIN resource r ON r.resource_id = x.resource_id"
                + " WHERE r.enterprise_id = ? AND r.code = ? AND x.type = ? AND x.day = ?"
                + " AND x.ref = ? FOR UPDATE OF x",
            Sql.args(e, Sql.text(resource), Sql.text(type), day, Sql.text(ref)),
            rs ->
                new Entered(
                    rs.getLong(1),
                    new EntryFile.Row(
                        0,
                        resource,
                        type,
                        day,
                        rs.getDouble(2),
                        rs.getString(3),
                        ref,
                        rs.getBigDecimal(4),
                        rs.getString(5))));
    if (found.isEmpty()) {
      List<Declared> declared = select(c, e, resource);
      if (declared.isEmpty()) {
        throw new NotFoundException("no resource " + resource);
      }
      if (declared.get(0).metered()) {
        throw new NotFoundException(
            "no entry: resource "
                + resource
                + " is metered, its quantities come from the meter and none is entered");
      }
      // what the day holds, so that the caller sees the ref it meant (a delivery is kept by it)
      List<String> stored =
          Sql.list(
              c,
              "SELECT x.type || CASE WHEN x.ref = '' THEN '' ELSE ' ' || x.ref END"
                  + " FROM resource_entry x WHERE x.resource_id = ? AND x.day = ?"
                  + " ORDER BY x.type, x.ref",
              Sql.args(declared.get(0).id(), day),
              rs -> rs.getString(1));
      throw new NotFoundException(
          "no entry: "
              + what
              + " is not stored"
              + (stored.isEmpty() ? "" : "; stored that day: " + String.join(", ", stored)));
    }
    long resourceId = found.get().resourceId();
    try (PreparedStatement used = c.prepareStatement(USED_BY)) {
      List<String> users = usedBy(used, resource, resourceId, type, day);
      if (!users.isEmpty()) {
        throw DomainException.conflict(
            "day",
            what
                + " is used by "
                + String.join("; ", users)
                + ": an entry an approved baseline used is not deleted; enter the corrected"
                + " figure with its reason (an audited revision)");
      }
    }
    Sql.update(
        c,
        "DELETE FROM resource_entry WHERE resource_id = ? AND type = ? AND day = ? AND ref = ?",
        resourceId,
        Sql.text(type),
        day,
        Sql.text(ref));
    EntryFile.Row row = found.get().row();
    PgAuditLog.change(
        c,
        who,
        at,
        "resource.entry.delete",
        enterprise,
        target(enterprise, row),
        "deleted " + what,
        rowJson(row),
        null);
    // answered as listResourceEntries lists it: the amount a number (the audit keeps its digits)
    JsonObject deleted = rowJson(row);
    if (row.amount() != null) {
      deleted.put("amount", row.amount().doubleValue());
    }
    return deleted;
  }

  /** A stored entry and its resource's id. */
  private record Entered(long resourceId, EntryFile.Row row) {}

  /** An entry's audit target: {@code {e}/resource/{r}/entries/{type}/{day}[/{ref}]}. */
  private static String target(String enterprise, EntryFile.Row r) {
    return enterprise
        + "/resource/"
        + r.resource()
        + "/entries/"
        + r.type()
        + "/"
        + r.day()
        + (r.ref().isEmpty() ? "" : "/" + r.ref());
  }

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
        PreparedStatement used = c.prepareStatement(USED_BY);
        PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO resource_entry_revision (enterprise_id, resource_id, type, day, ref,"
                    + " old_quantity, old_unit, old_amount, old_currency, new_quantity, new_unit,"
                    + " new_amount, new_currency, reason, used_by, revised_by, revised_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (EntryFile.Row r : rows) {
        Sql.bind(old, 1, e, Sql.text(r.resource()), Sql.text(r.type()), r.day(), Sql.text(r.ref()));
        long resourceId;
        double oldQuantity;
        String oldUnit;
        BigDecimal oldAmount;
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
            && Objects.equals(oldCurrency, r.currency())) {
          continue; // the same value again is no revision
        }
        List<String> users = usedBy(used, r.resource(), resourceId, r.type(), r.day());
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
        Sql.bind(
            ins,
            bindKey(ins, e, resourceId, r),
            oldQuantity,
            Sql.text(oldUnit),
            amount(oldAmount),
            Sql.text(oldCurrency),
            r.quantity(),
            Sql.text(r.unit()),
            amount(r.amount()),
            Sql.text(r.currency()),
            Sql.text(why),
            Sql.text(usedBy),
            Sql.text(who.subject()),
            at);
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
            target(enterprise, r),
            why + " (used by " + usedBy + "; to be re-verified)",
            before,
            after);
      }
    }
  }

  /**
   * What a store did: how many rows were stored or revised, and each entry whose earlier value was
   * replaced ({@code type, day, ref, quantity, unit} with {@code old_quantity, old_unit}): a second
   * figure for the same day replaced the first with nothing said.
   */
  record Stored(int stored, List<JsonObject> replaced) {}

  /**
   * Stores {@code rows} in the caller's transaction: first their revisions ({@link #revise}), then
   * the rows themselves, audited; returns how many were stored or revised.
   *
   * @param uploadId the committed upload's id; null for entries from the API
   */
  static Stored store(
      Connection c,
      long e,
      String enterprise,
      List<EntryFile.Row> rows,
      String source,
      String uploadId,
      Who who,
      String reason,
      Instant at)
      throws SQLException {
    revise(c, e, enterprise, rows, who, reason, at);
    Map<String, Long> ids = new LinkedHashMap<>();
    for (Declared d : select(c, e, null)) {
      ids.put(d.resource().id(), d.id());
    }
    OneCountADay.refuse(c, ids, rows);
    JsonArray before = new JsonArray();
    JsonArray after = new JsonArray();
    int stored = 0;
    List<JsonObject> replaced = new ArrayList<>();
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
        Sql.bind(old, 1, id, Sql.text(r.type()), r.day(), Sql.text(r.ref()));
        JsonObject was = null;
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
            was = before.getJsonObject(before.size() - 1);
            if (rs.getBigDecimal(4) == null) {
              was.remove("amount");
              was.remove("currency");
            }
          }
        }
        Sql.bind(
            ps,
            bindKey(ps, e, id, r),
            r.quantity(),
            Sql.text(r.unit()),
            Sql.text(source),
            Sql.text(uploadId),
            Sql.text(who.subject()),
            at,
            amount(r.amount()),
            Sql.text(r.currency()));
        int n = ps.executeUpdate();
        stored += n;
        if (n > 0) {
          after.add(rowJson(r));
          if (was != null) {
            replaced.add(
                new JsonObject()
                    .put("resource", r.resource())
                    .put("type", r.type())
                    .put("day", r.day().toString())
                    .put("ref", r.ref())
                    .put("old_quantity", was.getDouble("quantity"))
                    .put("old_unit", was.getString("unit"))
                    .put("quantity", r.quantity())
                    .put("unit", r.unit()));
          }
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
    return new Stored(stored, replaced);
  }

  /**
   * Binds an entry's key (enterprise, resource, type, day, ref) to parameters 1 to 5; returns the
   * next free index.
   */
  private static int bindKey(PreparedStatement ps, long e, long resourceId, EntryFile.Row r)
      throws SQLException {
    return Sql.bind(ps, 1, e, resourceId, Sql.text(r.type()), r.day(), Sql.text(r.ref()));
  }

  /** An amount that may be null, bound as {@code setBigDecimal} binds it. */
  private static Sql.Typed amount(BigDecimal amount) {
    return Sql.typed(amount, Types.DECIMAL);
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
}
