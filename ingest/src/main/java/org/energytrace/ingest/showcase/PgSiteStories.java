package org.energytrace.ingest.showcase;

import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.jdbc.Sql;
import org.energytrace.ingest.showcase.SiteStory.Measure;
import org.energytrace.ingest.showcase.SiteStory.Text;
import org.energytrace.ingest.store.Transactions;
import org.energytrace.ingest.tenant.Enterprises;
import org.energytrace.ingest.tenant.Scope;

/** The showcase stories of sites (V51): names, sector and measures. */
public final class PgSiteStories {
  private final DataSource dataSource;

  public PgSiteStories(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Replaces the story of {@code enterprise/site}: the enterprise's names and sector, the site's
   * names and its measures, in one transaction.
   *
   * @throws NotFoundException when the enterprise is out of scope or the site does not exist
   */
  public void put(Scope scope, String enterprise, String site, SiteStory story) {
    Transactions.run(
        dataSource,
        "writing the showcase story of " + site,
        c -> {
          long e = Enterprises.id(c, scope, enterprise);
          long s =
              Sql.first(
                      c,
                      "UPDATE site SET name_vi = ?, name_en = ? WHERE enterprise_id = ? AND code = ?"
                          + " RETURNING site_id",
                      Sql.args(
                          Sql.text(story.siteName().vi()),
                          Sql.text(story.siteName().en()),
                          e,
                          Sql.text(site)),
                      rs -> rs.getLong(1))
                  .orElseThrow(() -> new NotFoundException("no site " + enterprise + "/" + site));
          Sql.update(
              c,
              "UPDATE enterprise SET name_vi = ?, name_en = ?, sector_vi = ?, sector_en = ?"
                  + " WHERE enterprise_id = ?",
              Sql.text(story.enterpriseName().vi()),
              Sql.text(story.enterpriseName().en()),
              Sql.text(story.sector().vi()),
              Sql.text(story.sector().en()),
              e);
          Sql.update(c, "DELETE FROM site_measure WHERE site_id = ?", s);
          int[] position = {0};
          Sql.batch(
              c,
              "INSERT INTO site_measure (enterprise_id, site_id, position, title_vi, title_en,"
                  + " description_vi, description_en, implemented_on, investment, currency)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              story.measures(),
              (ps, m) ->
                  Sql.bind(
                      ps,
                      1,
                      e,
                      s,
                      position[0]++,
                      Sql.text(m.title().vi()),
                      Sql.text(m.title().en()),
                      Sql.text(m.description().vi()),
                      Sql.text(m.description().en()),
                      m.date(),
                      Sql.typed(m.investment(), Types.DECIMAL),
                      Sql.text(m.currency())));
          return null;
        });
  }

  /**
   * The story of a site within {@code scope} (the showcase reads it with a scope of exactly that
   * site); empty when the scope does not reach the site.
   */
  public Optional<SiteStory> get(Scope scope, String enterprise, String site) {
    String sql =
        "SELECT e.name_vi, e.name_en, e.sector_vi, e.sector_en, s.name_vi, s.name_en, s.site_id"
            + " FROM site s JOIN enterprise e ON e.enterprise_id = s.enterprise_id"
            + " WHERE e.code = ? AND s.code = ? AND "
            + Scope.SQL_SITE.formatted("e.code", "s.code");
    return Sql.with(
        dataSource,
        "reading the showcase story of " + site,
        c -> {
          Optional<Head> head =
              Sql.first(
                  c,
                  sql,
                  ps -> scope.bind(c, ps, Sql.bind(ps, 1, Sql.text(enterprise), Sql.text(site))),
                  rs ->
                      new Head(
                          new Text(rs.getString(1), rs.getString(2)),
                          new Text(rs.getString(3), rs.getString(4)),
                          new Text(rs.getString(5), rs.getString(6)),
                          rs.getLong(7)));
          if (head.isEmpty()) {
            return Optional.empty();
          }
          List<Measure> measures =
              Sql.list(
                  c,
                  "SELECT title_vi, title_en, description_vi, description_en, implemented_on,"
                      + " investment, currency FROM site_measure WHERE site_id = ?"
                      + " ORDER BY position",
                  Sql.args(head.get().siteId()),
                  rs ->
                      new Measure(
                          new Text(rs.getString(1), rs.getString(2)),
                          new Text(rs.getString(3), rs.getString(4)),
                          rs.getObject(5, LocalDate.class),
                          rs.getBigDecimal(6),
                          rs.getString(7)));
          Head h = head.get();
          return Optional.of(new SiteStory(h.enterpriseName(), h.siteName(), h.sector(), measures));
        });
  }

  /** The enterprise's and site's texts of a story and the site's id. */
  private record Head(Text enterpriseName, Text sector, Text siteName, long siteId) {}
}
