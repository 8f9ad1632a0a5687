package org.energytrace.ingest.integrity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.energytrace.analytics.dossier.DossierContents;
import org.energytrace.analytics.integrity.DayDigest;
import org.energytrace.analytics.integrity.QuantityRow;
import org.energytrace.analytics.integrity.ReadingRow;
import org.energytrace.analytics.integrity.Seal;
import org.energytrace.analytics.integrity.SealChain;
import org.energytrace.analytics.integrity.Sha256;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.jdbc.HeldTransaction;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.store.SealMarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day seals in PostgreSQL (docs/verification.md §3): finds the series (every channel with
 * readings, every product with production quantities), seals each local day once it ended more than
 * the grace period ago, appends revision links for rows the application stored later for a sealed
 * day ({@code seal_pending}, written by {@link SealMarks}), and checks stored rows against the
 * seals. Links are only ever appended. Blocking: call from worker threads.
 */
public final class PgSeals {
  private static final Logger LOG = LoggerFactory.getLogger(PgSeals.class);

  /** Days sealed per transaction: bounds how long a first seal of a long history holds the lock. */
  private static final int DAYS_PER_TRANSACTION = 31;

  private final DataSource dataSource;
  private final Duration grace;
  private final Clock clock;

  /**
   * @param grace {@code integrity.seal_grace}: a day is sealed once it ended this long ago
   *     (gateways replay buffered data for hours or days)
   */
  public PgSeals(DataSource dataSource, Duration grace, Clock clock) {
    this.dataSource = dataSource;
    this.grace = grace;
    this.clock = clock;
  }

  /** What one sealing pass did. */
  public record SealRun(int links, int revisions, int refusedRevisions) {}

  /** The last local day of {@code zone} that ended at least the grace period before {@code now}. */
  public LocalDate readyDay(ZoneId zone, Instant now) {
    return now.minus(grace).atZone(zone).toLocalDate().minusDays(1);
  }

  /** One pass: new series, every ready day of every series, then revisions for late data. */
  public SealRun sealReady() {
    Instant now = clock.instant();
    return Sql.with(
        dataSource,
        "sealing days",
        c -> {
          PgSealSeries.discover(c);
          int links = 0;
          for (Series s : PgSealSeries.all(c, null)) {
            LocalDate ready = readyDay(s.zone(), now);
            while (s.sealedThrough().isBefore(ready)) {
              LocalDate to = s.sealedThrough().plusDays(DAYS_PER_TRANSACTION);
              links += sealDays(c, s.id(), to.isAfter(ready) ? ready : to, now);
              s = PgSealSeries.one(c, s.id());
            }
          }
          int[] revised = revisePending(c, now);
          return new SealRun(links, revised[0], revised[1]);
        });
  }

  /** Appends the revision links late data asks for ({@code seal_pending}). */
  public SealRun revisePending() {
    return Sql.with(
        dataSource,
        "sealing late data",
        c -> {
          int[] revised = revisePending(c, clock.instant());
          return new SealRun(0, revised[0], revised[1]);
        });
  }

  /** Seals the days after the series' last sealed one through {@code to}, in one transaction. */
  private int sealDays(Connection c, String id, LocalDate to, Instant now) throws SQLException {
    return locked(
        c,
        id,
        s -> {
          LocalDate from = s.sealedThrough().plusDays(1);
          if (from.isAfter(to)) {
            c.rollback();
            return 0;
          }
          Map<LocalDate, SealRows.Day> days = SealRows.days(c, s, from, to);
          String prev = s.lastSeal();
          List<Seal> links = new ArrayList<>();
          for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            SealRows.Day day = days.getOrDefault(d, SealRows.Day.EMPTY);
            String seal = SealChain.seal(prev, s.id(), d, 0, day.digest());
            links.add(new Seal(s.id(), d, 0, prev, day.digest(), seal, day.rows(), ""));
            prev = seal;
          }
          insert(c, links, now);
          Sql.update(
              c,
              "UPDATE seal_series SET sealed_through = ?, last_seal = ? WHERE series = ?",
              to,
              Sql.text(prev),
              Sql.text(s.id()));
          return links.size();
        });
  }

  /**
   * @return {revision links appended, revisions refused}
   */
  private int[] revisePending(Connection c, Instant now) throws SQLException {
    List<String[]> pending =
        Sql.list(
            c,
            "SELECT DISTINCT series, day FROM seal_pending ORDER BY series, day",
            Sql.NONE,
            rs -> new String[] {rs.getString(1), rs.getString(2)});
    int revised = 0;
    int refused = 0;
    for (String[] p : pending) {
      int r = revise(c, p[0], LocalDate.parse(p[1]), now);
      if (r > 0) {
        revised++;
      } else if (r < 0) {
        refused++;
      }
    }
    return new int[] {revised, refused};
  }

  /**
   * A revision link for a sealed day that late rows changed: 1 appended, 0 nothing to do (the rows
   * give the sealed digest), -1 refused — the day's other rows no longer give the sealed digest
   * (changed behind the application): sealing them again would hide that, so the day stays as
   * sealed and the check names it.
   */
  private int revise(Connection c, String id, LocalDate day, Instant now) throws SQLException {
    return locked(
        c,
        id,
        s -> {
          Set<Long> late =
              new HashSet<>(
                  Sql.list(
                      c,
                      "SELECT ts FROM seal_pending WHERE series = ? AND day = ? AND ts > '-infinity'",
                      Sql.args(Sql.text(id), day),
                      rs -> SealRows.micros(rs.getObject(1, OffsetDateTime.class).toInstant())));
          List<Seal> chain = PgSealSeries.chain(c, id);
          Seal effective = SealChain.effective(chain).get(day);
          int result = 0;
          if (effective != null) {
            SealRows.Day now0 = SealRows.days(c, s, day, day).getOrDefault(day, SealRows.Day.EMPTY);
            String earlier =
                s.readings() || s.counts() ? digestWithout(c, s, day, late) : effective.digest();
            if (!earlier.equals(effective.digest())) {
              LOG.warn(
                  "{} ({}) {}: not sealed again — the rows stored before the late data no longer give"
                      + " the sealed digest",
                  s.id(),
                  s.label(),
                  day);
              result = -1;
            } else if (!now0.digest().equals(effective.digest())) {
              List<Seal> basis = new ArrayList<>();
              for (Seal l : chain) {
                if (l.day().equals(day)) {
                  basis.add(l);
                }
              }
              basis.add(chain.get(chain.size() - 1));
              Seal link = SealChain.append(basis, id, day, now0.digest(), now0.rows(), "late data");
              insert(c, List.of(link), now);
              Sql.update(
                  c,
                  "UPDATE seal_series SET last_seal = ? WHERE series = ?",
                  Sql.text(link.seal()),
                  Sql.text(id));
              result = 1;
            }
          }
          Sql.update(c, "DELETE FROM seal_pending WHERE series = ? AND day = ?", Sql.text(id), day);
          return result;
        });
  }

  /** Work on a series, its row locked. */
  @FunctionalInterface
  private interface SeriesWork {
    int run(Series s) throws SQLException;
  }

  /**
   * Runs {@code work} on series {@code id} in a transaction of its own on {@code c}, the seals'
   * lock ({@link #lockExclusive}) and the series' row taken first: committed when the work returns
   * (nothing left to commit when it rolled back itself), rolled back when it throws; {@code c} is
   * in autocommit again after.
   */
  private static int locked(Connection c, String id, SeriesWork work) throws SQLException {
    return HeldTransaction.run(
        c,
        () -> {
          lockExclusive(c);
          return work.run(PgSealSeries.lock(c, id));
        });
  }

  private String digestWithout(Connection c, Series s, LocalDate day, Set<Long> late)
      throws SQLException {
    List<ReadingRow> rows = new ArrayList<>();
    for (ReadingRow r : SealRows.timedRows(c, s, day, day)) {
      if (!late.contains(r.tsEpochMicros())) {
        rows.add(r);
      }
    }
    return rows.isEmpty() ? Sha256.EMPTY : DayDigest.readings(rows);
  }

  private static void lockExclusive(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + SealMarks.LOCK + ")");
    }
  }

  private static void insert(Connection c, List<Seal> links, Instant now) throws SQLException {
    OffsetDateTime at = Sql.utc(now);
    Sql.batch(
        c,
        "INSERT INTO seal_link (series, day, revision, prev_seal, digest, seal, rows, reason,"
            + " sealed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        links,
        (ps, l) ->
            Sql.bind(
                ps,
                1,
                Sql.text(l.series()),
                l.day(),
                l.revision(),
                Sql.text(l.prevSeal()),
                Sql.text(l.digest()),
                Sql.text(l.seal()),
                l.rows(),
                Sql.text(l.reason()),
                at));
  }

  // ---- a dossier's excerpt ----

  /**
   * The rows and seal links of an EnPI's series (the channels of its meters, its products, the
   * gateways' counts of its products) over the local days {@code from..to}, for a dossier
   * (docs/verification.md §5): the links of each series in chain order from the first link of a day
   * in the period to the last one (the first link's prev_seal anchors the excerpt).
   */
  public record Excerpt(
      ZoneId zone,
      List<DossierContents.Series<ReadingRow>> readings,
      List<DossierContents.Series<QuantityRow>> production,
      List<Seal> seals) {}

  /**
   * First seals what is ready (as the sealing job would).
   *
   * @throws DomainException 409 naming {@code from} or {@code to} when a day of the period is not
   *     sealed for one of the series (before its first row, or within the grace period)
   */
  public Excerpt excerpt(long enpiId, int enpiVersion, LocalDate from, LocalDate to) {
    // the seals made current: every ready day sealed, late data revised
    sealReady();
    // integrity.seal_grace as a reader says it ("6 h"), not the setting's name
    String sealedAfter =
        grace.isZero()
            ? "a day is sealed once it ends"
            : "a day is sealed "
                + (grace.toMinutes() % 60 == 0
                    ? grace.toHours() + " h"
                    : grace.toMinutes() + " min")
                + " after it ends";
    return Sql.with(
        dataSource,
        "reading the seals of a dossier",
        c -> {
          List<Series> all = PgSealSeries.ofEnpi(c, enpiId, enpiVersion);
          ZoneId zone = all.isEmpty() ? ZoneId.of("Asia/Ho_Chi_Minh") : all.get(0).zone();
          List<DossierContents.Series<ReadingRow>> readings = new ArrayList<>();
          List<DossierContents.Series<QuantityRow>> production = new ArrayList<>();
          List<Seal> links = new ArrayList<>();
          for (Series s : all) {
            if (!s.zone().equals(zone)) {
              throw DomainException.conflict(
                  "enpi",
                  "the EnPI's series are sealed in two time zones ("
                      + zone
                      + ", "
                      + s.zone()
                      + "): a dossier has one");
            }
            if (s.sealedFrom().isAfter(to)) {
              // its first row came after the period: it has no rows in it, nothing to seal or show
              continue;
            }
            if (s.sealedThrough().isBefore(to)) {
              throw notSealed(s, "to", "through", s.sealedThrough(), sealedAfter, "<=");
            }
            if (s.sealedFrom().isAfter(from)) {
              throw notSealed(s, "from", "from", s.sealedFrom(), "its first row", ">=");
            }
            List<Seal> chain = PgSealSeries.chain(c, s.id());
            int first = -1;
            int last = -1;
            for (int i = 0; i < chain.size(); i++) {
              LocalDate d = chain.get(i).day();
              if (!d.isBefore(from) && !d.isAfter(to)) {
                first = first < 0 ? i : first;
                last = i;
              }
            }
            if (first >= 0) {
              links.addAll(chain.subList(first, last + 1));
            }
            if (s.readings() || s.counts()) {
              // a count series is hashed as time-stamped rows (SealRows.timedRows): readings.csv
              readings.add(
                  new DossierContents.Series<>(s.id(), SealRows.timedRows(c, s, from, to)));
            } else {
              production.add(
                  new DossierContents.Series<>(s.id(), SealRows.quantityRows(c, s, from, to)));
            }
          }
          return new Excerpt(zone, readings, production, links);
        });
  }

  /**
   * 409 naming {@code field}: series {@code s} is sealed only {@code bound} (from, through) {@code
   * day}, for the reason {@code why}; the period's {@code field} is to be {@code op} that day.
   */
  private static DomainException notSealed(
      Series s, String field, String bound, LocalDate day, String why, String op) {
    return DomainException.conflict(
        field,
        s.label()
            + " is sealed "
            + bound
            + " "
            + day
            + " ("
            + why
            + "): choose "
            + field
            + " "
            + op
            + " "
            + day);
  }
}
