package org.energytrace.ingest.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.energytrace.ingest.config.DbConfig;
import org.energytrace.ingest.errors.StoreException;
import org.energytrace.ingest.jdbc.Sql;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool and the schema migrations. All methods block: call them on workers. */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
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
    // PostgreSQL's JIT compiled the overview's query for 6 s on a hypertable (its cost estimate
    // over every chunk is high, the query itself took 90 ms): ingest's queries are short and many
    // (docs/benchmarks/queries.md)
    hc.setConnectionInitSql("SET jit = off");
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

  /**
   * Applies the Flyway migrations under {@code classpath:db/migration}, records the database's
   * {@link Edition} in {@code storage_feature} and logs what provides each storage feature.
   */
  public MigrateResult migrate() {
    return migrate(dataSource);
  }

  /** The schema version after {@code result}: the one it reached, else the one it found. */
  public static String schemaVersion(MigrateResult result) {
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : result.initialSchemaVersion;
  }

  public static MigrateResult migrate(DataSource dataSource) {
    alignRewrittenMigrations(dataSource);
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            // version ranges are per area (V5-V19 and V40-V49 storage, V20-V29 accounts, V30-V39
            // domain, V50 storage, V51 showcase, V60-V69 verification) and land in any order: a
            // database at V20 must still take V5
            .outOfOrder(true)
            .load();
    MigrateResult result = migrateRetryingDeadlocks(flyway);
    Sql.with(
        dataSource,
        "recording the database edition",
        c -> {
          Edition.detect(c).record(c);
          for (String line : storageFeatures(c)) {
            LOG.info("storage: {}", line);
          }
          return null;
        });
    return result;
  }

  /**
   * What provides each storage feature, as recorded in {@code storage_feature}: one line per
   * feature, {@code "rollups: timescaledb (continuous aggregates …)"}.
   */
  public List<String> storageFeatures() {
    return Sql.with(dataSource, "reading storage_feature", Database::storageFeatures);
  }

  private static List<String> storageFeatures(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT feature, provider, detail FROM storage_feature"
            + " ORDER BY feature = 'edition' DESC, feature",
        Sql.NONE,
        rs -> rs.getString(1) + ": " + rs.getString(2) + " (" + rs.getString(3) + ")");
  }

  static final int DEADLOCK_ATTEMPTS = 5;

  /**
   * {@code flyway.migrate()}, again after a deadlock (up to {@link #DEADLOCK_ATTEMPTS} times): a
   * migration that removes TimescaleDB jobs or their policies (V40, V41) can deadlock with a job
   * the scheduler runs at that moment (the job holds its lock and waits for a table the migration
   * has written); PostgreSQL aborts one of the two. The migration's transaction was rolled back and
   * the job goes on at once, so trying again is safe.
   */
  public static MigrateResult migrateRetryingDeadlocks(Flyway flyway) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway.migrate();
      } catch (RuntimeException e) {
        if (attempt >= DEADLOCK_ATTEMPTS || !deadlock(e)) {
          throw e;
        }
        LOG.warn(
            "a migration deadlocked with a TimescaleDB job (attempt {}); migrating again", attempt);
      }
    }
  }

  private static boolean deadlock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Flyway's recorded checksum of the first V2 (decided by pg_available_extensions alone). */
  static final int FIRST_V2_CHECKSUM = 2012234842;

  static final String V2 = "db/migration/V2__timescaledb_when_available.sql";

  /**
   * V2 was rewritten (issue 12) to decide by whether TimescaleDB's library is loaded. Wherever the
   * first V2 succeeded the new one does the same (same extension, same hypertable), so a database
   * that recorded the first one's checksum gets the new one's recorded instead of failing Flyway's
   * validation — only that exact old checksum, nothing else (the same as a {@code flyway repair}
   * limited to V2).
   */
  static void alignRewrittenMigrations(DataSource dataSource) {
    Sql.with(
        dataSource,
        "aligning the checksum of the rewritten V2",
        c -> {
          if (!Sql.one(
              c,
              "SELECT to_regclass('flyway_schema_history') IS NOT NULL",
              Sql.NONE,
              rs -> rs.getBoolean(1))) {
            return null;
          }
          if (Sql.update(
                  c,
                  "UPDATE flyway_schema_history SET checksum = ?"
                      + " WHERE version = '2' AND checksum = ? AND success",
                  flywayChecksum(V2),
                  FIRST_V2_CHECKSUM)
              > 0) {
            LOG.info("flyway_schema_history: V2 was rewritten; recorded its new checksum");
          }
          return null;
        });
  }

  /**
   * The checksum Flyway records for an SQL migration: CRC-32 over its lines in UTF-8, without line
   * ends or a byte-order mark.
   */
  static int flywayChecksum(String resource) {
    CRC32 crc = new CRC32();
    try (var in = Database.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        crc.update(
            (line.startsWith("\uFEFF") ? line.substring(1) : line)
                .getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
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
    try (Connection c = DriverManager.getConnection(adminUrl, props)) {
      if (Sql.first(c, "SELECT 1 FROM pg_database WHERE datname = ?", Sql.args(name), rs -> true)
          .isPresent()) {
        return false;
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
