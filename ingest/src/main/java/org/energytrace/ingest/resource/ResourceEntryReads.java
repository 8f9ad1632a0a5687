package org.energytrace.ingest.resource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.units.Units;
import org.energytrace.ingest.counters.Interval;
import org.energytrace.ingest.enpi.DailyTotals;
import org.energytrace.ingest.enpi.EnergyUnits;
import org.energytrace.ingest.enpi.PgEnpiData;
import org.energytrace.ingest.enpi.PgEnpiStore.ProductSource;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.resource.PgResources.Declared;
import org.energytrace.ingest.resource.PgResources.Entry;
import org.energytrace.ingest.resource.PgResources.EntryRevision;
import org.energytrace.ingest.resource.PgResources.Production;
import org.energytrace.ingest.store.IntervalEnergy;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * Reading a resource's figures behind {@link PgResources}: its entries, the metered days of a
 * meter-backed resource, the production beside them, and the revisions of entries since a
 * baseline's approval. Blocking: call from worker threads.
 */
final class ResourceEntryReads {
  private final DataSource dataSource;

  ResourceEntryReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The entries of a resource with a day in [from, to]. */
  /** The day of {@code d}'s last stock count before {@code day}, if it has one. */
  Optional<LocalDate> lastCountBefore(Declared d, LocalDate day) {
    return Sql.first(
        dataSource,
        "reading the last stock count of " + d.resource().id(),
        "SELECT day FROM resource_entry WHERE resource_id = ? AND type = 'stock_count'"
            + " AND day < ? ORDER BY day DESC LIMIT 1",
        Sql.args(d.id(), day),
        rs -> rs.getObject(1, LocalDate.class));
  }

  List<Entry> entries(Declared d, LocalDate from, LocalDate to) {
    return Sql.list(
        dataSource,
        "reading entries of " + d.resource().id(),
        "SELECT type, day, ref, quantity, unit, source, revision, amount, currency"
            + " FROM resource_entry"
            + " WHERE resource_id = ? AND day BETWEEN ? AND ? ORDER BY day, type, ref",
        Sql.args(d.id(), from, to),
        rs ->
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

  /**
   * A metered resource's local days of [from, to]: the channel's interval quantities cut into days
   * of the site ({@link DailyTotals}), converted from the channel's unit to the resource's.
   */
  List<DailyTotals.Day> metered(Declared d, LocalDate from, LocalDate to) {
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
    List<Interval> intervals =
        Sql.with(
            dataSource,
            "reading the meter of " + d.resource().id(),
            c -> IntervalEnergy.overlapping(c, d.channelId(), lower, upper, factor));
    return DailyTotals.of(intervals, d.zone(), from, to);
  }

  Production production(
      Scope scope, String enterprise, String product, LocalDate from, LocalDate to) {
    return Sql.with(
        dataSource,
        "reading production of " + product,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          Product p =
              Sql.first(
                      c,
                      "SELECT p.product_id, l.code, s.site_id, s.time_zone, p.unit FROM product p"
                          + " JOIN production_line l USING (line_id) JOIN site s ON s.site_id ="
                          + " l.site_id WHERE p.enterprise_id = ? AND p.code = ?",
                      Sql.args(e, Sql.text(product)),
                      rs ->
                          new Product(
                              new ProductSource(
                                  product,
                                  rs.getLong(1),
                                  rs.getString(2),
                                  rs.getLong(3),
                                  ZoneId.of(rs.getString(4))),
                              rs.getString(5)))
                  .orElseThrow(
                      () -> DomainException.invalid("product", "no product '" + product + "'"));
          return new Production(
              product, p.unit(), PgEnpiData.production(c, e, p.source(), from, to).days());
        });
  }

  /** A product as its production is read: where its quantities come from, and its unit. */
  private record Product(ProductSource source, String unit) {}

  /**
   * The revisions of resource {@code resourceId}'s entries that its stored baseline {@code version}
   * uses (a day of its period, or a stock count of the day before) made after the baseline was
   * approved, oldest first: while there is one the baseline is "to be re-verified". Empty for a
   * version never approved.
   */
  List<EntryRevision> revisionsSinceApproval(Declared d, int version) {
    return Sql.list(
        dataSource,
        "reading the revisions of " + d.resource().id(),
        "SELECT r.type, r.day, r.ref, r.old_quantity, r.old_unit, r.old_amount,"
            + " r.old_currency, r.new_quantity, r.new_unit, r.new_amount, r.new_currency,"
            + " r.reason, r.used_by, r.revised_by, r.revised_at"
            + " FROM resource_entry_revision r JOIN resource_baseline b"
            + " ON b.resource_id = r.resource_id AND b.version = ?"
            + " WHERE r.resource_id = ? AND b.approved_at IS NOT NULL"
            + " AND r.revised_at > b.approved_at"
            + " AND (r.day BETWEEN b.period_from AND b.period_to"
            + " OR (r.type = 'stock_count' AND r.day = b.period_from - 1))"
            + " ORDER BY r.revision_id",
        Sql.args(version, d.id()),
        rs ->
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
