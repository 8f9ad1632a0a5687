package org.energytrace.ingest.verification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.analytics.savings.NonRoutineAdjustment;
import org.energytrace.ingest.enpi.PeriodRecords;
import org.energytrace.ingest.enpi.PeriodRecords.LateReading;
import org.energytrace.ingest.jdbc.Sql;

/**
 * The adjustments and sign-offs as the savings read them ({@link PeriodRecords}). The caller has
 * already resolved the EnPI within its scope.
 */
public final class PgPeriodRecords implements PeriodRecords {
  /** How an adjustment's number is written where analytics names it ({@code nra-12}). */
  public static final String ID_PREFIX = "nra-";

  private final DataSource dataSource;

  public PgPeriodRecords(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<Revision> revisions(
      long enpiId, int enpiVersion, LocalDate from, LocalDate to, Instant after) {
    return Sql.list(
        dataSource,
        "reading production revisions",
        "SELECT p.code, r.day, r.old_quantity, r.new_quantity, r.reason, r.revised_by,"
            + " r.revised_at FROM production_revision r JOIN product p USING (product_id)"
            + " JOIN enpi n ON n.enterprise_id = r.enterprise_id"
            + " JOIN enpi_version v ON v.enpi_id = n.enpi_id AND v.version = ?"
            + " WHERE n.enpi_id = ? AND r.day BETWEEN ? AND ? AND r.revised_at > ?"
            + " AND (v.definition -> 'products') @> jsonb_build_array(p.code)"
            + " ORDER BY r.revision_id",
        Sql.args(enpiVersion, enpiId, from, to, after),
        rs ->
            new Revision(
                rs.getString(1),
                rs.getObject(2, LocalDate.class),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant()));
  }

  /**
   * {@code rows} ({@code d}: seal_link or seal_pending, with series and day) of the series of an
   * EnPI version's meters' energy channels, products and the gateways' counts of its products on
   * days of a period, but for the product days an audited production revision since then covers.
   * The other arguments are SQL expressions ({@code ?} or columns of an outer query): the EnPI's
   * id, its version, the period's first and last day, the instant since when.
   */
  static String sealedRows(
      String columns,
      String rows,
      String enpiId,
      String enpiVersion,
      String from,
      String to,
      String since) {
    return "SELECT DISTINCT coalesce(m.code || '/' || ch.name, p.code, x.count_line || '/'"
        + " || x.count_product), x.kind, d.day, "
        + columns
        + " FROM "
        + rows
        + " d JOIN seal_series x ON x.series = d.series"
        + " JOIN enpi n ON n.enterprise_id = x.enterprise_id AND n.enpi_id = "
        + enpiId
        + " JOIN enpi_version v ON v.enpi_id = n.enpi_id AND v.version = "
        + enpiVersion
        + " LEFT JOIN channel ch ON ch.channel_id = x.channel_id"
        + " LEFT JOIN meter m ON m.meter_id = ch.meter_id"
        + " LEFT JOIN product p ON p.product_id = x.product_id"
        + " WHERE d.day BETWEEN "
        + from
        + " AND "
        + to
        + " AND ((x.kind = 'reading' AND ch.name = m.energy_channel AND EXISTS (SELECT 1"
        + " FROM jsonb_array_elements(v.definition -> 'meters') t WHERE t ->> 'meter' = m.code))"
        + " OR (x.kind = 'quantity' AND (v.definition -> 'products') @> jsonb_build_array(p.code)"
        + " AND NOT EXISTS (SELECT 1 FROM production_revision r WHERE r.product_id = x.product_id"
        + " AND r.day = d.day AND r.revised_at > "
        + since
        + "))"
        + " OR (x.kind = 'count'"
        + " AND (v.definition -> 'products') @> jsonb_build_array(x.count_product)))";
  }

  /** The revision links appended since, and what waits for the next seal. */
  static String lateData(String enpiId, String enpiVersion, String from, String to, String since) {
    return sealedRows("d.revision, d.sealed_at", "seal_link", enpiId, enpiVersion, from, to, since)
        + " AND d.revision > 0 AND d.sealed_at > "
        + since
        + " UNION ALL "
        + sealedRows(
            "NULL::integer, NULL::timestamptz",
            "seal_pending",
            enpiId,
            enpiVersion,
            from,
            to,
            since);
  }

  /**
   * The counter events of EnPI {@code enpiId}'s version {@code enpiVersion} meters (their energy
   * channel) recorded or deleted after {@code since}, dated on or before the local day {@code to}
   * (V96): as {@link #lateData(String, String, String, String, String)}, SQL expressions for the
   * savings' list and the sign-offs' {@code EXISTS}. Columns: meter, channel, event time, change,
   * changed at, the event's kind.
   */
  static String counterEventChanges(String enpiId, String enpiVersion, String to, String since) {
    return "SELECT m.code, ch.name, ce.event_ts, ce.change, ce.changed_at, ce.kind"
        + " FROM counter_event_change ce JOIN channel ch ON ch.channel_id = ce.channel_id"
        + " JOIN meter m ON m.meter_id = ch.meter_id AND ch.name = m.energy_channel"
        + " JOIN site st ON st.site_id = m.site_id"
        + " JOIN enpi n ON n.enterprise_id = m.enterprise_id AND n.enpi_id = "
        + enpiId
        + " JOIN enpi_version v ON v.enpi_id = n.enpi_id AND v.version = "
        + enpiVersion
        + " WHERE ce.changed_at > "
        + since
        + " AND (ce.event_ts AT TIME ZONE coalesce(st.time_zone, 'Asia/Ho_Chi_Minh'))::date"
        + " <= "
        + to
        + " AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.definition -> 'meters') t"
        + " WHERE t ->> 'meter' = m.code)";
  }

  /**
   * The approved non-routine adjustments of EnPI {@code enpiId} overlapping [{@code from}, {@code
   * to}] decided after {@code since} (SQL expressions, as {@link #counterEventChanges}). Columns:
   * id, first day, last day, the approving auditor's account, decided at.
   */
  static String adjustmentsApproved(String enpiId, String from, String to, String since) {
    return "SELECT a.adjustment_id, a.period_from, a.period_to, a.decided_by_account, a.decided_at"
        + " FROM nonroutine_adjustment a WHERE a.enpi_id = "
        + enpiId
        + " AND a.status = 'approved' AND a.period_from <= "
        + to
        + " AND a.period_to >= "
        + from
        + " AND a.decided_at > "
        + since;
  }

  @Override
  public List<AdjustmentApproved> adjustmentsApproved(
      long enpiId, LocalDate from, LocalDate to, Instant after) {
    return Sql.list(
        dataSource,
        "reading adjustments approved since",
        adjustmentsApproved("?", "?", "?", "?") + " ORDER BY a.decided_at, a.adjustment_id",
        Sql.args(enpiId, to, from, after),
        rs ->
            new AdjustmentApproved(
                ID_PREFIX + rs.getLong(1),
                rs.getObject(2, LocalDate.class),
                rs.getObject(3, LocalDate.class),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant()));
  }

  @Override
  public List<CounterEventChange> counterEvents(
      long enpiId, int enpiVersion, LocalDate to, Instant after) {
    return Sql.list(
        dataSource,
        "reading counter events changed since",
        counterEventChanges("?", "?", "?", "?") + " ORDER BY ce.changed_at, m.code",
        Sql.args(enpiId, enpiVersion, after, to),
        rs ->
            new CounterEventChange(
                rs.getString(1),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getString(6),
                rs.getObject(5, OffsetDateTime.class).toInstant()));
  }

  @Override
  public List<LateData> lateData(
      long enpiId, int enpiVersion, LocalDate from, LocalDate to, Instant after) {
    // the revision links appended since, and what waits for the next seal (always after: the
    // dossier an approval or a sign-off rests on seals every ready day first)
    return Sql.with(
        dataSource,
        "reading late data of sealed days",
        c -> {
          List<LateData> out = new ArrayList<>();
          for (LateData d :
              Sql.list(
                  c,
                  lateData("?", "?", "?", "?", "?") + " ORDER BY 5 NULLS LAST, 3, 1",
                  Sql.args(
                      enpiId,
                      enpiVersion,
                      from,
                      to,
                      after,
                      after,
                      enpiId,
                      enpiVersion,
                      from,
                      to,
                      after),
                  rs -> {
                    int revision = rs.getInt(4);
                    boolean pending = rs.wasNull();
                    OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                    return new LateData(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        pending ? null : revision,
                        at == null ? null : at.toInstant(),
                        List.of());
                  })) {
            out.add(
                d.kind().equals("reading")
                    ? new LateData(
                        d.series(),
                        d.kind(),
                        d.day(),
                        d.revision(),
                        d.sealedAt(),
                        lateReadings(c, enpiId, d.series(), d.day(), after))
                    : d);
          }
          return out;
        });
  }

  /**
   * The readings of the EnPI's enterprise's series {@code meter/channel} on the site-local {@code
   * day} received after {@code after}, oldest first.
   */
  private static List<LateReading> lateReadings(
      Connection c, long enpiId, String series, LocalDate day, Instant after) throws SQLException {
    return Sql.list(
        c,
        "SELECT r.ts, r.value, r.received_at FROM reading r"
            + " JOIN channel ch ON ch.channel_id = r.channel_id"
            + " JOIN meter m ON m.meter_id = ch.meter_id"
            + " JOIN site st ON st.site_id = m.site_id"
            + " JOIN enpi n ON n.enterprise_id = m.enterprise_id"
            + " WHERE n.enpi_id = ? AND m.code || '/' || ch.name = ?"
            + " AND r.ts >= (?::date::timestamp AT TIME ZONE st.time_zone)"
            + " AND r.ts < ((?::date + 1)::timestamp AT TIME ZONE st.time_zone)"
            + " AND r.received_at > ? ORDER BY r.ts LIMIT "
            + PeriodRecords.READINGS_LISTED,
        Sql.args(enpiId, series, day, day, after),
        rs -> new LateReading(Sql.instant(rs, 1), rs.getDouble(2), Sql.instant(rs, 3)));
  }

  /** The stored number of an adjustment {@link #adjustments} read ({@code nra-12} is 12). */
  public static long adjustmentId(NonRoutineAdjustment a) {
    return Long.parseLong(a.id().substring(ID_PREFIX.length()));
  }

  @Override
  public List<NonRoutineAdjustment> adjustments(long enpiId, LocalDate from, LocalDate to) {
    return Sql.list(
        dataSource,
        "read adjustments",
        "SELECT adjustment_id, period_from, period_to, method, value, std_error,"
            + " justification, attachment_sha256, status, decided_by_account, variable"
            + " FROM nonroutine_adjustment WHERE enpi_id = ? AND period_from <= ?"
            + " AND period_to >= ? ORDER BY adjustment_id",
        Sql.args(enpiId, to, from),
        rs -> {
          Adjustment.Method method =
              Adjustment.Method.valueOf(rs.getString(4).toUpperCase(Locale.ROOT));
          boolean refitted = method == Adjustment.Method.REFITTED_TERM;
          return new NonRoutineAdjustment(
              ID_PREFIX + rs.getLong(1),
              rs.getObject(2, LocalDate.class),
              rs.getObject(3, LocalDate.class),
              method.analytics(),
              refitted ? Double.NaN : rs.getDouble(5),
              // a re-fitted model term reads its reporting column; its coefficient is fitted
              refitted ? rs.getString(11) : null,
              refitted ? NonRoutineAdjustment.CoefficientSource.REFITTED : null,
              rs.getDouble(6),
              rs.getString(7),
              rs.getString(8) == null ? null : "sha256:" + rs.getString(8),
              NonRoutineAdjustment.Status.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)),
              rs.getString(10));
        });
  }

  @Override
  public Optional<SignOff> signOff(long enpiId, int version, LocalDate from, LocalDate to) {
    return one(
        " AND period_from <= ? AND period_to >= ?"
            + " AND superseded_by IS NULL ORDER BY signed_at DESC, signoff_id DESC"
            + " LIMIT 1",
        enpiId,
        version,
        from,
        to);
  }

  @Override
  public Optional<SignOff> latestVerified(long enpiId, int version) {
    return one(
        " AND superseded_by IS NULL"
            + " AND opinion IN ('verified', 'verified_with_reservations')"
            + " ORDER BY period_to DESC, signed_at DESC, signoff_id DESC LIMIT 1",
        enpiId,
        version);
  }

  /**
   * The first sign-off against version {@code version} of the EnPI's baselines that {@code
   * conditions} (their parameters bound to {@code more}) and their order select.
   */
  private Optional<SignOff> one(String conditions, long enpiId, int version, Object... more) {
    return Sql.first(
        dataSource,
        "read sign-off",
        "SELECT signoff_id, opinion, signed_at, signed_by_account, period_from,"
            + " period_to, dossier_sha256, "
            + DOSSIER_AT
            + " FROM period_signoff s WHERE enpi_id = ?"
            + " AND baseline_version = ?"
            + conditions,
        ps -> Sql.bind(ps, Sql.bind(ps, 1, enpiId, version), more),
        rs ->
            new SignOff(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDate.class),
                rs.getString(7),
                rs.getObject(8, OffsetDateTime.class).toInstant()));
  }

  /**
   * When the dossier a sign-off ({@code s}) names was made: what changed after it is what the
   * auditor did not see, even when it came before the sign-off (a review takes time, and the
   * sealing job seals late rows meanwhile); the sign-off's own time when no issue is on record.
   */
  public static final String DOSSIER_AT =
      "coalesce((SELECT min(di.issued_at) FROM dossier_issued di WHERE di.enpi_id = s.enpi_id"
          + " AND di.baseline_version = s.baseline_version AND di.period_from = s.period_from"
          + " AND di.period_to = s.period_to AND di.sha256 = s.dossier_sha256), s.signed_at)";
}
