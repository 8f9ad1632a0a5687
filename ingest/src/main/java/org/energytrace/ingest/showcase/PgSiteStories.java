package org.energytrace.ingest.showcase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.showcase.SiteStory.Measure;
import org.energytrace.ingest.showcase.SiteStory.Text;
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long e = Enterprises.id(c, scope, enterprise);
        long s;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE site SET name_vi = ?, name_en = ? WHERE enterprise_id = ? AND code = ?"
                    + " RETURNING site_id")) {
          ps.setString(1, story.siteName().vi());
          ps.setString(2, story.siteName().en());
          ps.setLong(3, e);
          ps.setString(4, site);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new NotFoundException("no site " + enterprise + "/" + site);
            }
            s = rs.getLong(1);
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE enterprise SET name_vi = ?, name_en = ?, sector_vi = ?, sector_en = ?"
                    + " WHERE enterprise_id = ?")) {
          ps.setString(1, story.enterpriseName().vi());
          ps.setString(2, story.enterpriseName().en());
          ps.setString(3, story.sector().vi());
          ps.setString(4, story.sector().en());
          ps.setLong(5, e);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM site_measure WHERE site_id = ?")) {
          ps.setLong(1, s);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO site_measure (enterprise_id, site_id, position, title_vi, title_en,"
                    + " description_vi, description_en, implemented_on, investment, currency)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          int position = 0;
          for (Measure m : story.measures()) {
            ps.setLong(1, e);
            ps.setLong(2, s);
            ps.setInt(3, position++);
            ps.setString(4, m.title().vi());
            ps.setString(5, m.title().en());
            ps.setString(6, m.description().vi());
            ps.setString(7, m.description().en());
            ps.setObject(8, m.date());
            ps.setBigDecimal(9, m.investment());
            ps.setString(10, m.currency());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw StoreException.of("writing the showcase story of " + site, ex);
    }
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, enterprise);
      ps.setString(2, site);
      scope.bind(c, ps, 3);
      Text enterpriseName;
      Text sector;
      Text siteName;
      long siteId;
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        enterpriseName = new Text(rs.getString(1), rs.getString(2));
        sector = new Text(rs.getString(3), rs.getString(4));
        siteName = new Text(rs.getString(5), rs.getString(6));
        siteId = rs.getLong(7);
      }
      List<Measure> measures = new ArrayList<>();
      try (PreparedStatement m =
          c.prepareStatement(
              "SELECT title_vi, title_en, description_vi, description_en, implemented_on,"
                  + " investment, currency FROM site_measure WHERE site_id = ?"
                  + " ORDER BY position")) {
        m.setLong(1, siteId);
        try (ResultSet rs = m.executeQuery()) {
          while (rs.next()) {
            measures.add(
                new Measure(
                    new Text(rs.getString(1), rs.getString(2)),
                    new Text(rs.getString(3), rs.getString(4)),
                    rs.getObject(5, LocalDate.class),
                    rs.getBigDecimal(6),
                    rs.getString(7)));
          }
        }
      }
      return Optional.of(new SiteStory(enterpriseName, siteName, sector, measures));
    } catch (SQLException ex) {
      throw StoreException.of("reading the showcase story of " + site, ex);
    }
  }
}
