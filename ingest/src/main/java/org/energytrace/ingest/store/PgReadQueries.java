package org.energytrace.ingest.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.model.ProductionCount;
import org.energytrace.ingest.model.Quality;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.validate.Units;

/**
 * Read-side queries for the HTTP API. Each takes the {@link Scope} of the request's principal and
 * returns only rows in it. Blocking: call from worker threads only.
 */
public final class PgReadQueries {
  private final DataSource dataSource;
  private final PgSeriesQueries series;

  public PgReadQueries(DataSource dataSource) {
    this.dataSource = dataSource;
    this.series = new PgSeriesQueries(dataSource);
  }

  public record ChannelView(
      String name,
      String unit,
      String kind,
      Instant latestTs,
      Double latestValue,
      Quality quality) {}

  public record MeterView(
      String enterprise, String site, String meter, List<ChannelView> channels) {}

  /**
   * A stored reading.
   *
   * @param unit the channel's canonical unit, which {@code value} is in
   * @param publishedUnit the unit the gateway published it in
   * @param publishedValue the value as published ({@code value} divided by the unit's factor)
   */
  public record ReadingView(
      String channel,
      String unit,
      Instant ts,
      double value,
      Quality quality,
      String publishedUnit,
      double publishedValue) {}

  public record QuarantineView(
      long id,
      String enterprise,
      String topic,
      String reason,
      Instant receivedAt,
      String status,
      int attempts,
      int payloadBytes,
      String payloadText,
      String payloadBase64,
      int occurrences,
      Instant lastReceivedAt,
      long payloadLength,
      String payloadSha256,
      boolean payloadTruncated) {}

  /** Every meter in scope with its channels and each channel's latest reading. */
  public List<MeterView> meters(Scope scope) {
    String sql =
        "SELECT e.code, s.code, m.code, c.name, c.unit, c.kind, r.ts, r.value, r.quality"
            + " FROM channel c JOIN meter m ON m.meter_id = c.meter_id"
            + " JOIN site s ON s.site_id = m.site_id"
            + " JOIN enterprise e ON e.enterprise_id = m.enterprise_id"
            + " LEFT JOIN LATERAL (SELECT ts, value, quality FROM reading"
            + "   WHERE reading.channel_id = c.channel_id ORDER BY ts DESC LIMIT 1) r ON true"
            + " WHERE "
            + Scope.SQL_SITE.formatted("e.code", "s.code")
            + " ORDER BY e.code, s.code, m.code, c.name";
    List<MeterChannel> rows =
        Sql.list(
            dataSource,
            "listing meters",
            sql,
            ps -> scope.bind(ps.getConnection(), ps, 1),
            rs -> {
              OffsetDateTime ts = rs.getObject(7, OffsetDateTime.class);
              return new MeterChannel(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  new ChannelView(
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      ts == null ? null : ts.toInstant(),
                      ts == null ? null : rs.getDouble(8),
                      ts == null ? null : Quality.fromCode(rs.getInt(9))));
            });
    Map<String, MeterView> meters = new LinkedHashMap<>();
    for (MeterChannel row : rows) {
      meters
          .computeIfAbsent(
              row.enterprise() + "/" + row.meter(),
              k -> new MeterView(row.enterprise(), row.site(), row.meter(), new ArrayList<>()))
          .channels()
          .add(row.channel());
    }
    return List.copyOf(meters.values());
  }

  /** A row of {@link #meters}: one channel and the meter it belongs to. */
  private record MeterChannel(String enterprise, String site, String meter, ChannelView channel) {}

  /**
   * Readings of one meter (optionally one channel) with {@code from <= ts < to}, oldest first.
   *
   * @throws NotFoundException when the meter (or channel) is unknown
   */
  public List<ReadingView> readings(
      Scope scope,
      String enterprise,
      String meter,
      String channel,
      Instant from,
      Instant to,
      int limit) {
    return Sql.with(
        dataSource,
        "reading readings",
        c -> {
          long meterId = ScopedChannel.meterId(c, scope, enterprise, meter);
          if (channel != null
              && Sql.first(
                      c,
                      "SELECT 1 FROM channel WHERE meter_id = ? AND name = ?",
                      Sql.args(meterId, channel),
                      rs -> Boolean.TRUE)
                  .isEmpty()) {
            throw new NotFoundException(
                "channel '" + channel + "' of meter '" + meter + "' not found");
          }
          return Sql.list(
              c,
              "SELECT c.name, c.unit, r.ts, r.value, r.quality,"
                  + " coalesce(r.original_unit, c.original_unit) FROM reading r"
                  + " JOIN channel c ON c.channel_id = r.channel_id"
                  + " WHERE c.meter_id = ? AND (?::text IS NULL OR c.name = ?)"
                  + " AND r.ts >= ? AND r.ts < ? ORDER BY r.ts, c.name LIMIT ?",
              Sql.args(meterId, Sql.text(channel), Sql.text(channel), from, to, limit),
              rs -> {
                String published = rs.getString(6);
                double value = rs.getDouble(4);
                double factor = Units.isKnown(published) ? Units.canonical(published).factor() : 1;
                return new ReadingView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    value,
                    Quality.fromCode(rs.getInt(5)),
                    published,
                    value / factor);
              });
        });
  }

  // ---- channels: counter events ----

  /** A recorded meter replacement or CT-ratio change. */
  public record CounterEventView(
      long id,
      Instant ts,
      String kind,
      double closingValue,
      double openingValue,
      double multiplier,
      String note,
      String unit) {}

  /** A production count as stored, with its site. */
  public record ProductionView(String site, ProductionCount count) {}

  /** A channel's series at a resolution ({@link PgSeriesQueries#series}). */
  public PgSeriesQueries series() {
    return series;
  }

  /**
   * Recorded counter events of a channel (replacements, CT-ratio changes), oldest first.
   *
   * @throws NotFoundException when the meter or channel is unknown or out of scope
   */
  public List<CounterEventView> counterEvents(
      Scope scope, String enterprise, String meter, String channel, int limit) {
    return Sql.with(
        dataSource,
        "reading counter events",
        c -> {
          ScopedChannel ch = ScopedChannel.find(c, scope, enterprise, meter, channel);
          return Sql.list(
              c,
              "SELECT event_id, ts, kind, closing_value, opening_value, multiplier, note"
                  + " FROM counter_event WHERE channel_id = ? ORDER BY ts LIMIT ?",
              Sql.args(ch.channelId(), limit),
              rs -> counterEvent(rs.getLong(1), rs, 2, ch.unit()));
        });
  }

  /**
   * A counter event from the six columns ts, kind, closing_value, opening_value, multiplier, note
   * from column {@code first} on.
   */
  static CounterEventView counterEvent(long id, ResultSet rs, int first, String unit)
      throws SQLException {
    return new CounterEventView(
        id,
        rs.getObject(first, OffsetDateTime.class).toInstant(),
        rs.getString(first + 1),
        rs.getDouble(first + 2),
        rs.getDouble(first + 3),
        rs.getDouble(first + 4),
        rs.getString(first + 5),
        unit);
  }

  /**
   * Production counts of an enterprise with {@code from <= ts < to}, optionally of one site, line
   * or product, oldest first; only sites in scope.
   *
   * @throws NotFoundException when the enterprise (or the named site) is unknown or out of scope
   */
  public List<ProductionView> production(
      Scope scope,
      String enterprise,
      String site,
      String line,
      String product,
      Instant from,
      Instant to,
      int limit) {
    return Sql.with(
        dataSource,
        "reading production counts",
        c -> {
          if (Sql.first(
                  c,
                  "SELECT 1 FROM site s JOIN enterprise e ON e.enterprise_id = s.enterprise_id"
                      + " WHERE e.code = ? AND (?::text IS NULL OR s.code = ?) AND "
                      + Scope.SQL_SITE.formatted("e.code", "s.code")
                      + " LIMIT 1",
                  ps ->
                      scope.bind(
                          c, ps, Sql.bind(ps, 1, enterprise, Sql.text(site), Sql.text(site))),
                  rs -> Boolean.TRUE)
              .isEmpty()) {
            throw new NotFoundException(
                (site == null ? "enterprise '" + enterprise : "site '" + site)
                    + "' not found"
                    + (site == null ? "" : " in enterprise '" + enterprise + "'"));
          }
          return Sql.list(
              c,
              "SELECT s.code, p.line, p.product, p.ts, p.period_start, p.quantity, p.unit,"
                  + " p.cumulative, p.quality FROM production_count p"
                  + " JOIN enterprise e ON e.enterprise_id = p.enterprise_id"
                  + " JOIN site s ON s.site_id = p.site_id"
                  + " WHERE e.code = ? AND (?::text IS NULL OR s.code = ?)"
                  + " AND (?::text IS NULL OR p.line = ?) AND (?::text IS NULL OR p.product = ?)"
                  + " AND p.ts >= ? AND p.ts < ? AND "
                  + Scope.SQL_SITE.formatted("e.code", "s.code")
                  + " ORDER BY p.ts, s.code, p.line, p.product LIMIT ?",
              ps -> {
                int next =
                    Sql.bind(
                        ps,
                        1,
                        enterprise,
                        Sql.text(site),
                        Sql.text(site),
                        Sql.text(line),
                        Sql.text(line),
                        Sql.text(product),
                        Sql.text(product),
                        from,
                        to);
                ps.setInt(scope.bind(c, ps, next), limit);
              },
              rs -> {
                OffsetDateTime periodStart = rs.getObject(5, OffsetDateTime.class);
                return new ProductionView(
                    rs.getString(1),
                    new ProductionCount(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        periodStart == null ? null : periodStart.toInstant(),
                        rs.getDouble(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        Quality.fromCode(rs.getInt(9))));
              });
        });
  }

  /**
   * The enterprise {@code e} of a quarantined message {@code q}: the one resolved when it was
   * quarantined, or — when its enterprise was not registered yet, e.g. the first message of a
   * gateway refused while another batch was registering it — the enterprise its topic names ({@code
   * et/v1/{enterprise}/…}; the broker lets a gateway publish only under its own).
   */
  public static final String QUARANTINE_ENTERPRISE =
      "(e.enterprise_id = q.enterprise_id OR (q.enterprise_id IS NULL"
          + " AND q.topic LIKE 'et/v1/%' AND e.code = split_part(q.topic, '/', 3)))";

  /** Messages still in quarantine that a caller may read: how many, and the newest arrival. */
  public record QuarantineSummary(long inQuarantine, Instant newestReceivedAt) {}

  /** The messages still in quarantine in {@code scope}, optionally of one enterprise. */
  public QuarantineSummary quarantineSummary(Scope scope, String enterprise) {
    String sql =
        "SELECT count(*), max(q.received_at) FROM quarantine q LEFT JOIN enterprise e ON "
            + QUARANTINE_ENTERPRISE
            + " WHERE q.status = 'new' AND (?::text IS NULL OR e.code = ?) AND "
            + Scope.SQL_ENTERPRISE.formatted("e.code");
    return Sql.one(
        dataSource,
        "summarizing quarantine",
        sql,
        ps ->
            scope.bind(
                ps.getConnection(),
                ps,
                Sql.bind(ps, 1, Sql.text(enterprise), Sql.text(enterprise))),
        rs -> new QuarantineSummary(rs.getLong(1), Sql.instant(rs, 2)));
  }

  /** The most recent quarantined messages, newest first, optionally by status and enterprise. */
  public List<QuarantineView> quarantine(Scope scope, String status, String enterprise, int limit) {
    return quarantine(scope, status, enterprise, null, limit);
  }

  /**
   * The most recently quarantined messages, newest first, optionally only those with a status, of
   * an enterprise, or whose reason contains a text (letter case ignored).
   */
  public List<QuarantineView> quarantine(
      Scope scope, String status, String enterprise, String reasonContains, int limit) {
    String sql =
        "SELECT q.quarantine_id, e.code, q.topic, q.reason, q.received_at, q.status, q.payload,"
            + " q.attempts, q.occurrences, coalesce(q.last_received_at, q.received_at),"
            + " coalesce(q.payload_length, octet_length(q.payload)),"
            + " encode(coalesce(q.payload_sha256, sha256(q.payload)), 'hex'), q.payload_truncated"
            + " FROM quarantine q LEFT JOIN enterprise e ON "
            + QUARANTINE_ENTERPRISE
            + " WHERE (?::text IS NULL OR q.status = ?) AND (?::text IS NULL OR e.code = ?)"
            + " AND (?::text IS NULL OR strpos(lower(q.reason), lower(?)) > 0)"
            + " AND "
            + Scope.SQL_ENTERPRISE.formatted("e.code")
            + " ORDER BY q.received_at DESC, q.quarantine_id DESC LIMIT ?";
    return Sql.list(
        dataSource,
        "listing quarantine",
        sql,
        ps -> {
          int next =
              Sql.bind(
                  ps,
                  1,
                  Sql.text(status),
                  Sql.text(status),
                  Sql.text(enterprise),
                  Sql.text(enterprise),
                  Sql.text(reasonContains),
                  Sql.text(reasonContains));
          ps.setInt(scope.bind(ps.getConnection(), ps, next), limit);
        },
        rs -> {
          byte[] payload = rs.getBytes(7);
          String text = utf8(payload);
          return new QuarantineView(
              rs.getLong(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getObject(5, OffsetDateTime.class).toInstant(),
              rs.getString(6),
              rs.getInt(8),
              payload.length,
              text,
              text == null ? Base64.getEncoder().encodeToString(payload) : null,
              rs.getInt(9),
              rs.getObject(10, OffsetDateTime.class).toInstant(),
              rs.getLong(11),
              rs.getString(12),
              rs.getBoolean(13));
        });
  }

  /** The payload as text when it is valid UTF-8 (and not huge), otherwise null. */
  private static String utf8(byte[] bytes) {
    if (bytes.length > 64 * 1024) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
