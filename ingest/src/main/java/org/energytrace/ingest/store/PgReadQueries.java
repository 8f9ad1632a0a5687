package org.energytrace.ingest.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.energytrace.ingest.auth.Scope;
import org.energytrace.ingest.validate.Quality;

/**
 * Read-side queries for the HTTP API. Each takes the {@link Scope} of the request's principal and
 * returns only rows in it. Blocking: call from worker threads only.
 */
public final class PgReadQueries {
  private final DataSource dataSource;

  public PgReadQueries(DataSource dataSource) {
    this.dataSource = dataSource;
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

  public record ReadingView(
      String channel, String unit, Instant ts, double value, Quality quality) {}

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
      String payloadBase64) {}

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
    Map<String, MeterView> meters = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      scope.bind(c, ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(1) + "/" + rs.getString(3);
          MeterView m =
              meters.computeIfAbsent(
                  key, k -> new MeterView(get(rs, 1), get(rs, 2), get(rs, 3), new ArrayList<>()));
          OffsetDateTime ts = rs.getObject(7, OffsetDateTime.class);
          m.channels()
              .add(
                  new ChannelView(
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      ts == null ? null : ts.toInstant(),
                      ts == null ? null : rs.getDouble(8),
                      ts == null ? null : Quality.fromCode(rs.getInt(9))));
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("listing meters", e);
    }
    return List.copyOf(meters.values());
  }

  private static String get(ResultSet rs, int i) {
    try {
      return rs.getString(i);
    } catch (SQLException e) {
      throw StoreException.of("reading a row", e);
    }
  }

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
    try (Connection c = dataSource.getConnection()) {
      long meterId;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT m.meter_id FROM meter m JOIN enterprise e"
                  + " ON e.enterprise_id = m.enterprise_id JOIN site s ON s.site_id = m.site_id"
                  + " WHERE e.code = ? AND m.code = ? AND "
                  + Scope.SQL_SITE.formatted("e.code", "s.code"))) {
        ps.setString(1, enterprise);
        ps.setString(2, meter);
        scope.bind(c, ps, 3);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException(
                "meter '" + meter + "' of enterprise '" + enterprise + "' not found");
          }
          meterId = rs.getLong(1);
        }
      }
      if (channel != null) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM channel WHERE meter_id = ? AND name = ?")) {
          ps.setLong(1, meterId);
          ps.setString(2, channel);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new NotFoundException(
                  "channel '" + channel + "' of meter '" + meter + "' not found");
            }
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT c.name, c.unit, r.ts, r.value, r.quality FROM reading r"
                  + " JOIN channel c ON c.channel_id = r.channel_id"
                  + " WHERE c.meter_id = ? AND (?::text IS NULL OR c.name = ?)"
                  + " AND r.ts >= ? AND r.ts < ? ORDER BY r.ts, c.name LIMIT ?")) {
        ps.setLong(1, meterId);
        ps.setString(2, channel);
        ps.setString(3, channel);
        ps.setObject(4, OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
        ps.setObject(5, OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
        ps.setInt(6, limit);
        List<ReadingView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new ReadingView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getDouble(4),
                    Quality.fromCode(rs.getInt(5))));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw StoreException.of("reading readings", e);
    }
  }

  /** The most recent quarantined messages, newest first, optionally by status and enterprise. */
  public List<QuarantineView> quarantine(Scope scope, String status, String enterprise, int limit) {
    String sql =
        "SELECT q.quarantine_id, e.code, q.topic, q.reason, q.received_at, q.status, q.payload,"
            + " q.attempts"
            + " FROM quarantine q LEFT JOIN enterprise e ON e.enterprise_id = q.enterprise_id"
            + " WHERE (?::text IS NULL OR q.status = ?) AND (?::text IS NULL OR e.code = ?)"
            + " AND "
            + Scope.SQL_ENTERPRISE.formatted("e.code")
            + " ORDER BY q.received_at DESC, q.quarantine_id DESC LIMIT ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, status);
      ps.setString(2, status);
      ps.setString(3, enterprise);
      ps.setString(4, enterprise);
      ps.setInt(scope.bind(c, ps, 5), limit);
      List<QuarantineView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] payload = rs.getBytes(7);
          String text = utf8(payload);
          out.add(
              new QuarantineView(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant(),
                  rs.getString(6),
                  rs.getInt(8),
                  payload.length,
                  text,
                  text == null ? Base64.getEncoder().encodeToString(payload) : null));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("listing quarantine", e);
    }
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
