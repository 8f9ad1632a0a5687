package org.energytrace.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.energytrace.ingest.auth.GatewayCredentials;
import org.energytrace.ingest.config.DbConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;

/**
 * What belongs to one demo database: its MQTT client id and its gateway child's data folder, both
 * from the database's identity, read once ({@code ingest demo} read it twice).
 *
 * @param name the database's name
 * @param oid its object id, new when the database is dropped and created again
 */
record DemoDatabase(String name, long oid) {
  /** The client id of {@code ingest-demo.yaml} when {@code ET_MQTT_CLIENT_ID} is not set. */
  static final String DEFAULT_CLIENT_ID = "energytrace-ingest-demo";

  /** The identity of the database {@code db} is connected to. */
  static DemoDatabase of(Database db) {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT datname, oid FROM pg_database WHERE datname = current_database()")) {
      rs.next();
      return new DemoDatabase(rs.getString(1), rs.getLong(2));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's identity: " + e.getMessage(), e);
    }
  }

  /**
   * Registers the demo gateway as an operator would, once (auto-registration adds meters and
   * channels only; a later run keeps what was changed through the API).
   */
  static void registerGateway(Database db) {
    if (new GatewayCredentials(db.dataSource())
        .registeredSite(IngestMain.DEMO_ENTERPRISE, IngestMain.DEMO_GATEWAY)
        .isEmpty()) {
      new PgRegistry(db.dataSource(), () -> {})
          .putGateway(
              new PgRegistry.GatewaySpec(
                  IngestMain.DEMO_ENTERPRISE,
                  IngestMain.DEMO_GATEWAY,
                  IngestMain.DEMO_SITE,
                  List.of(),
                  true));
    }
  }

  /**
   * The demo's MQTT client id: the configured one when it was set, else {@link #DEFAULT_CLIENT_ID}
   * with 8 hex digits of the database's name and object id, so that a broker session, and what the
   * broker queued in it, belongs to one demo database.
   */
  String clientId(MqttConfig mqtt) {
    if (!mqtt.clientId().equals(DEFAULT_CLIENT_ID)) {
      return mqtt.clientId();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((name + ":" + oid).getBytes(StandardCharsets.UTF_8));
      return DEFAULT_CLIENT_ID + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The gateway child's data folder (its buffer, message numbers, certificates) when {@code
   * ET_DATA_DIR} is not set: {@code ./data/gateway-<database>}, the database's name in letters,
   * digits, {@code -} and {@code _}.
   */
  String gatewayDataDir() {
    return gatewayDataDir(name);
  }

  /** The key of the advisory lock a running demo holds on its database ("ET_DEMO"). */
  static final long LOCK_KEY = 0x45545f44454d4fL;

  /**
   * Takes the demo's session lock on the database of {@code db}: the connection returned holds it
   * until it is closed or the process ends; empty when another demo holds it. A second demo on a
   * running demo's database reset every password the first had printed and ran a second simulator
   * over the same meters.
   */
  static Optional<Connection> lock(DbConfig db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.user());
    props.setProperty("password", db.password());
    Connection c = DriverManager.getConnection(db.url(), props);
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
      rs.next();
      if (rs.getBoolean(1)) {
        return Optional.of(c);
      }
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    c.close();
    return Optional.empty();
  }

  static String gatewayDataDir(String database) {
    return "./data/gateway-" + database.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
