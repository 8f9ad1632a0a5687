package org.energytrace.ingest.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.energytrace.ingest.config.DbConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The connection pool and the schema migrations. All methods block: call them on workers. */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens the pool; fails at once when PostgreSQL is unreachable.
   *
   * @throws StoreException naming the URL
   */
  public static Database open(DbConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.url());
    hc.setUsername(config.user());
    if (!config.password().isEmpty()) {
      hc.setPassword(config.password());
    }
    hc.setMaximumPoolSize(config.poolSize());
    hc.setPoolName("ingest-db");
    hc.setConnectionTimeout(5_000);
    try {
      return new Database(new HikariDataSource(hc));
    } catch (RuntimeException e) {
      throw new StoreException(
          "PostgreSQL is not reachable at " + config.url() + ": " + rootMessage(e), null, true, e);
    }
  }

  /** Pool gauges: connections active, idle and threads waiting for one. */
  public void instrument(org.energytrace.ingest.metrics.IngestMetrics metrics) {
    // HikariCP's own meters (hikaricp_connections_*, acquire and usage timers)
    dataSource.setMetricRegistry(metrics.registry());
    metrics.gauge(
        "ingest.db.pool.active",
        "database connections in use",
        () -> dataSource.getHikariPoolMXBean().getActiveConnections());
    metrics.gauge(
        "ingest.db.pool.idle",
        "database connections idle",
        () -> dataSource.getHikariPoolMXBean().getIdleConnections());
    metrics.gauge(
        "ingest.db.pool.pending",
        "threads waiting for a database connection",
        () -> dataSource.getHikariPoolMXBean().getThreadsAwaitingConnection());
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Applies the Flyway migrations under {@code classpath:db/migration}. */
  public MigrateResult migrate() {
    return migrate(dataSource);
  }

  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // version ranges are per area (V5-V19 storage, V20-V29 accounts, V30-V39 domain) and
        // land in any order: a database at V20 must still take V5
        .outOfOrder(true)
        .load()
        .migrate();
  }

  /** Whether a connection can be taken from the pool and is valid within two seconds. */
  public boolean ping() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Creates the database named in {@code config.url()} if it does not exist, by connecting to the
   * {@code postgres} database of the same server.
   *
   * @return true when the database was created
   */
  public static boolean createDatabaseIfMissing(DbConfig config) {
    String url = config.url();
    URI uri = URI.create(url.substring("jdbc:".length()));
    String name = uri.getPath().replaceFirst("^/", "");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("unsupported database name '" + name + "' in " + url);
    }
    String adminUrl =
        "jdbc:postgresql://"
            + uri.getRawAuthority()
            + "/postgres"
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    Properties props = new Properties();
    props.setProperty("user", config.user());
    if (!config.password().isEmpty()) {
      props.setProperty("password", config.password());
    }
    try (Connection c = DriverManager.getConnection(adminUrl, props);
        var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (var rs = exists.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
      try (var create = c.createStatement()) {
        create.execute("CREATE DATABASE \"" + name + "\"");
      }
      return true;
    } catch (SQLException e) {
      throw StoreException.of("creating database " + name + " on " + adminUrl, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
