package org.energytrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.energytrace.ingest.config.ConfigLoader;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.fixtures.TestDatabase;
import org.energytrace.ingest.store.Database;
import org.junit.jupiter.api.Test;

/**
 * The demo's MQTT client id belongs to one database: a broker session kept for another demo
 * database (another run, another version) is never handed this one's, while a restart against the
 * same database resumes its own session; so does the gateway child's data folder (its buffer).
 * Against the real local PostgreSQL.
 */
class DemoClientIdIT {

  static MqttConfig demoMqtt(Map<String, String> env) {
    return new ConfigLoader(env::get).loadResource("ingest-demo.yaml").mqtt();
  }

  @Test
  void eachDatabaseHasItsOwnSessionAndARestartKeepsIt() {
    MqttConfig mqtt = demoMqtt(Map.of());
    assertThat(mqtt.clientId()).isEqualTo(DemoDatabase.DEFAULT_CLIENT_ID);
    try (TestDatabase a = TestDatabase.create();
        TestDatabase b = TestDatabase.create();
        Database da = Database.open(a.config());
        Database db = Database.open(b.config())) {
      String idA = DemoDatabase.of(da).clientId(mqtt);
      String idB = DemoDatabase.of(db).clientId(mqtt);
      assertThat(idA).matches("energytrace-ingest-demo-[0-9a-f]{8}");
      assertThat(idB).matches("energytrace-ingest-demo-[0-9a-f]{8}").isNotEqualTo(idA);
      assertThat(DemoDatabase.of(da).clientId(mqtt)).as("the same database again").isEqualTo(idA);
    }
  }

  @Test
  void eachDatabaseHasItsOwnGatewayDataFolder() {
    // an auditor's two demos of two databases, started from one folder, shared ./data/gateway:
    // the second stopped with "buffer … is in use by another gateway process"
    try (TestDatabase a = TestDatabase.create();
        TestDatabase b = TestDatabase.create();
        Database da = Database.open(a.config());
        Database db = Database.open(b.config())) {
      String dirA = DemoDatabase.of(da).gatewayDataDir();
      assertThat(dirA)
          .startsWith("./data/gateway-")
          .isNotEqualTo(DemoDatabase.of(db).gatewayDataDir());
      assertThat(DemoDatabase.of(da).gatewayDataDir())
          .as("the same database again")
          .isEqualTo(dirA);
    }
    assertThat(DemoDatabase.gatewayDataDir("et_chk-audit"))
        .isEqualTo("./data/gateway-et_chk-audit");
    assertThat(DemoDatabase.gatewayDataDir("my db/../x")).isEqualTo("./data/gateway-my_db____x");
  }

  @Test
  void aClientIdTheOperatorSetIsKept() {
    MqttConfig mqtt = demoMqtt(Map.of("ET_MQTT_CLIENT_ID", "my-demo-ingest"));
    try (TestDatabase a = TestDatabase.create();
        Database da = Database.open(a.config())) {
      assertThat(DemoDatabase.of(da).clientId(mqtt)).isEqualTo("my-demo-ingest");
    }
  }
}
