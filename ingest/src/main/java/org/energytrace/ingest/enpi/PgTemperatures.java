package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.MeterCodes;
import org.energytrace.ingest.store.SiteZones;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/**
 * A site's outdoor temperature (migration V63): where its daily mean comes from — a gauge channel
 * of one of its meters in °C (or K), or daily means uploaded as CSV — and the daily means
 * themselves. A channel's daily mean is the mean of the good and uncertain readings of the site's
 * local day, summed in time order (the same double every time). Changes are audited in the same
 * transaction. Blocking: call from worker threads.
 */
public final class PgTemperatures {
  private final DataSource dataSource;

  public PgTemperatures(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A site's declared temperature source. */
  public record Source(
      long siteId,
      String site,
      ZoneId zone,
      String source,
      Long meterId,
      String meter,
      String channel) {
    public Map<String, Object> json() {
      return json(site, source, meter, channel);
    }

    /** The JSON of a declared source, as the API answers it and the audit log records it. */
    static Map<String, Object> json(String site, String source, String meter, String channel) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("site", site);
      m.put("source", source);
      m.put("meter", meter);
      m.put("channel", channel);
      m.put("unit", "°C");
      return m;
    }
  }

  // ---- writes ----

  /** Declares (or replaces) the site's temperature source: a meter's channel, or uploads. */
  public Map<String, Object> putSource(
      Scope scope,
      String enterprise,
      String site,
      String source,
      String meter,
      String channel,
      Who who,
      Instant at) {
    if (!"channel".equals(source) && !"upload".equals(source)) {
      throw DomainException.invalid(
          "source", "channel (a temperature channel of a meter) or upload (daily means as CSV)");
    }
    boolean byChannel = source.equals("channel");
    if (byChannel && (meter == null || meter.isBlank())) {
      throw DomainException.invalid("meter", "required: the meter whose channel measures it");
    }
    if (byChannel && (channel == null || channel.isBlank())) {
      throw DomainException.invalid("channel", "required: the meter's temperature channel");
    }
    return Transactions.run(
        dataSource,
        "declaring the temperature source of " + site,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long siteId = siteId(c, e, enterprise, site);
          Long meterId = null;
          if (byChannel) {
            MeterCodes.Meter found =
                MeterCodes.find(c, e, meter)
                    .orElseThrow(
                        () ->
                            DomainException.conflict(
                                "meter", "no meter '" + meter + "' in " + enterprise));
            meterId = found.meterId();
            if (found.siteId() != siteId) {
              throw DomainException.conflict("meter", "meter " + meter + " is not at site " + site);
            }
            // a channel not seen yet is accepted; its unit is checked when it is read
            Optional<String[]> unitKind =
                Sql.first(
                    c,
                    "SELECT unit, kind FROM channel WHERE meter_id = ? AND name = ?",
                    Sql.args(meterId, channel),
                    rs -> new String[] {rs.getString(1), rs.getString(2)});
            if (unitKind.isPresent()
                && (!isTemperature(unitKind.get()[0]) || !"gauge".equals(unitKind.get()[1]))) {
              throw DomainException.conflict(
                  "channel",
                  "channel "
                      + channel
                      + " of meter "
                      + meter
                      + " is a "
                      + unitKind.get()[1]
                      + " in "
                      + unitKind.get()[0]
                      + ", not a temperature gauge (CEL or KEL)");
            }
          }
          JsonObject before = sourceJson(c, siteId).orElse(null);
          Sql.update(
              c,
              "INSERT INTO site_temperature_source (site_id, enterprise_id, source, meter_id,"
                  + " channel, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (site_id) DO UPDATE SET source = excluded.source,"
                  + " meter_id = excluded.meter_id, channel = excluded.channel,"
                  + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
              siteId,
              e,
              source,
              Sql.int8(meterId),
              Sql.text(byChannel ? channel : null),
              Sql.text(who.subject()),
              Timestamp.from(at));
          JsonObject after = sourceJson(c, siteId).orElseThrow();
          PgAuditLog.change(
              c,
              who,
              at,
              "temperature_source.put",
              enterprise,
              "site/" + site,
              null,
              before,
              after);
          return after.getMap();
        });
  }

  /**
   * Stores uploaded daily means (a day uploaded again is replaced), audited with the file's hash.
   */
  public Map<String, Object> upload(
      Scope scope,
      String enterprise,
      String site,
      List<TemperatureFile.Day> days,
      String fileSha256,
      Who who,
      Instant at) {
    return Transactions.run(
        dataSource,
        "storing the temperatures of " + site,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long siteId = siteId(c, e, enterprise, site);
          int replaced =
              Sql.one(
                  c,
                  "SELECT count(*) FROM site_temperature_day WHERE site_id = ? AND day = ANY (?)",
                  Sql.args(
                      siteId,
                      c.createArrayOf(
                          "date", days.stream().map(d -> Date.valueOf(d.day())).toArray())),
                  rs -> rs.getInt(1));
          Sql.batch(
              c,
              "INSERT INTO site_temperature_day (site_id, enterprise_id, day, mean_c,"
                  + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (site_id, day) DO UPDATE SET mean_c = excluded.mean_c,"
                  + " uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
              days,
              (ps, d) ->
                  Sql.bind(
                      ps,
                      1,
                      siteId,
                      e,
                      d.day(),
                      d.meanC(),
                      Sql.text(who.subject()),
                      Timestamp.from(at)));
          LocalDate first =
              days.stream().map(TemperatureFile.Day::day).min(LocalDate::compareTo).get();
          LocalDate last =
              days.stream().map(TemperatureFile.Day::day).max(LocalDate::compareTo).get();
          JsonObject after =
              new JsonObject()
                  .put("site", site)
                  .put("days", days.size())
                  .put("replaced", replaced)
                  .put("first", first.toString())
                  .put("last", last.toString())
                  .put("file_sha256", fileSha256);
          PgAuditLog.change(
              c,
              who,
              at,
              "temperature.upload",
              enterprise,
              "site/" + site,
              days.size() + " daily mean temperatures " + first + ".." + last,
              null,
              after);
          return after.getMap();
        });
  }

  // ---- reads ----

  /** The site's source and its daily means over [from, to]. */
  public Map<String, Object> list(
      Scope scope, String enterprise, String site, LocalDate from, LocalDate to) {
    Source s =
        Sql.with(
            dataSource,
            "reading the temperature source of " + site,
            c -> {
              long e = Enterprises.id(c, scope, enterprise);
              return source(c, siteId(c, e, enterprise, site)).orElse(null);
            });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site", site);
    m.put("source", s == null ? null : s.json());
    List<Object> out = new ArrayList<>();
    if (s != null) {
      daily(s, from, to)
          .forEach(
              (day, t) -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("day", day.toString());
                d.put("mean", t);
                out.add(d);
              });
    }
    m.put("days", out);
    return m;
  }

  /**
   * The one site of an EnPI's meters and products that declared a temperature source.
   *
   * @throws DomainException 409 naming {@code weather} when none or several did
   */
  public Source forEnpi(long enpiId, String enpi) {
    return Sql.with(
        dataSource,
        "finding the temperature source of EnPI " + enpi,
        c -> {
          List<Long> sites =
              Sql.list(
                  c,
                  "SELECT DISTINCT site_id FROM ("
                      + " SELECT m.site_id FROM enpi_meter em JOIN meter m USING (meter_id)"
                      + " WHERE em.enpi_id = ?"
                      + " UNION SELECT l.site_id FROM enpi_product ep JOIN product p USING (product_id)"
                      + " JOIN production_line l USING (line_id) WHERE ep.enpi_id = ?) s"
                      + " ORDER BY site_id",
                  Sql.args(enpiId, enpiId),
                  rs -> rs.getLong(1));
          List<Source> found = new ArrayList<>();
          for (long site : sites) {
            source(c, site).ifPresent(found::add);
          }
          if (found.size() != 1) {
            throw DomainException.conflict(
                "weather",
                found.isEmpty()
                    ? "no site of EnPI "
                        + enpi
                        + " declares a temperature source: PUT .../sites/{site}/temperature-source"
                    : "several sites of EnPI "
                        + enpi
                        + " declare a temperature source ("
                        + found.stream().map(Source::site).toList()
                        + "): the weather variable needs one");
          }
          return found.get(0);
        });
  }

  /** Daily means (°C) of the source over [from, to]; a day without a value is absent. */
  public Map<LocalDate, Double> daily(Source s, LocalDate from, LocalDate to) {
    Map<LocalDate, Double> out = new TreeMap<>();
    if (s.source().equals("upload")) {
      Sql.list(
              dataSource,
              "reading the temperatures of " + s.site(),
              "SELECT day, mean_c FROM site_temperature_day WHERE site_id = ?"
                  + " AND day BETWEEN ? AND ? ORDER BY day",
              Sql.args(s.siteId(), from, to),
              rs -> Map.entry(rs.getObject(1, LocalDate.class), rs.getDouble(2)))
          .forEach(d -> out.put(d.getKey(), d.getValue()));
      return out;
    }
    // each reading in °C on its local day, in time order
    List<Map.Entry<LocalDate, Double>> readings =
        Sql.list(
            dataSource,
            "reading the temperatures of " + s.site(),
            "SELECT r.ts, r.value, ch.unit FROM channel ch JOIN reading r USING (channel_id)"
                + " WHERE ch.meter_id = ? AND ch.name = ? AND r.quality < 2"
                + " AND r.ts >= ? AND r.ts < ? ORDER BY r.ts",
            Sql.args(
                s.meterId().longValue(),
                s.channel(),
                Timestamp.from(from.atStartOfDay(s.zone()).toInstant()),
                Timestamp.from(to.plusDays(1).atStartOfDay(s.zone()).toInstant())),
            rs -> {
              String unit = rs.getString(3);
              if (!isTemperature(unit)) {
                throw DomainException.conflict(
                    "weather",
                    "the temperature channel "
                        + s.meter()
                        + "/"
                        + s.channel()
                        + " measures "
                        + unit);
              }
              return Map.entry(
                  rs.getTimestamp(1).toInstant().atZone(s.zone()).toLocalDate(),
                  rs.getDouble(2) - (unit.equals("KEL") ? 273.15 : 0));
            });
    Map<LocalDate, double[]> sums = new TreeMap<>();
    for (Map.Entry<LocalDate, Double> r : readings) {
      double[] acc = sums.computeIfAbsent(r.getKey(), d -> new double[2]);
      acc[0] += r.getValue();
      acc[1]++;
    }
    sums.forEach((day, acc) -> out.put(day, acc[0] / acc[1]));
    return out;
  }

  // ---- helpers ----

  static boolean isTemperature(String unit) {
    return "CEL".equals(unit) || "KEL".equals(unit);
  }

  /**
   * The site's declared source: its code (1), time zone (2), source (3), meter id (4) and code (5)
   * and channel (6).
   */
  private static final String SOURCE =
      "SELECT s.code, s.time_zone, t.source, t.meter_id, m.code, t.channel"
          + " FROM site_temperature_source t JOIN site s USING (site_id)"
          + " LEFT JOIN meter m ON m.meter_id = t.meter_id WHERE t.site_id = ?";

  private static Optional<Source> source(Connection c, long siteId) throws SQLException {
    return Sql.first(
        c,
        SOURCE,
        Sql.args(siteId),
        rs -> {
          // wasNull speaks of the column read last: ask it right after the meter id
          long meter = rs.getLong(4);
          Long meterId = rs.wasNull() ? null : meter;
          return new Source(
              siteId,
              rs.getString(1),
              SiteZones.of(rs.getString(2)),
              rs.getString(3),
              meterId,
              rs.getString(5),
              rs.getString(6));
        });
  }

  /** The declared source as the audit log records it (a site without a time zone too). */
  private static Optional<JsonObject> sourceJson(Connection c, long siteId) throws SQLException {
    return Sql.first(
        c,
        SOURCE,
        Sql.args(siteId),
        rs ->
            new JsonObject(
                Source.json(rs.getString(1), rs.getString(3), rs.getString(5), rs.getString(6))));
  }

  private static long siteId(Connection c, long e, String enterprise, String site)
      throws SQLException {
    return EnpiModels.siteId(c, e, site)
        .orElseThrow(() -> new NotFoundException("no site " + enterprise + "/" + site));
  }
}
