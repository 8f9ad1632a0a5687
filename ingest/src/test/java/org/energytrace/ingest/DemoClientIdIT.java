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
 * same database resumes its own session. Against the real local PostgreSQL.
 */
class DemoClientIdIT {

  static MqttConfig demoMqtt(Map<String, String> env) {
    return new ConfigLoader(env::get).loadResource("ingest-demo.yaml").mqtt();
  }

  @Test
  void eachDatabaseHasItsOwnSessionAndARestartKeepsIt() {
    MqttConfig mqtt = demoMqtt(Map.of());
    assertThat(mqtt.clientId()).isEqualTo(DemoCommand.DEFAULT_CLIENT_ID);
    try (TestDatabase a = TestDatabase.create();
        TestDatabase b = TestDatabase.create();
        Database da = Database.open(a.config());
        Database db = Database.open(b.config())) {
      String idA = DemoCommand.clientIdFor(da, mqtt);
      String idB = DemoCommand.clientIdFor(db, mqtt);
      assertThat(idA).matches("energytrace-ingest-demo-[0-9a-f]{8}");
      assertThat(idB).matches("energytrace-ingest-demo-[0-9a-f]{8}").isNotEqualTo(idA);
      assertThat(DemoCommand.clientIdFor(da, mqtt)).as("the same database again").isEqualTo(idA);
    }
  }

  @Test
  void aClientIdTheOperatorSetIsKept() {
    MqttConfig mqtt = demoMqtt(Map.of("ET_MQTT_CLIENT_ID", "my-demo-ingest"));
    try (TestDatabase a = TestDatabase.create();
        Database da = Database.open(a.config())) {
      assertThat(DemoCommand.clientIdFor(da, mqtt)).isEqualTo("my-demo-ingest");
    }
  }
}
