package org.energytrace.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The production-like stack in docker-compose.yml: which services, pinned images, no open MQTT. */
class DockerComposeTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
  private static String text;
  private static JsonNode compose;

  @BeforeAll
  static void load() throws IOException {
    text = Files.readString(COMPOSE);
    compose = new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  private static JsonNode services() {
    return compose.path("services");
  }

  private static String config(String name) {
    return compose.path("configs").path(name).path("content").asText();
  }

  @Nested
  class Services {
    @Test
    void containsTheWholePipelineFromSimulatedPlantToDatabase() {
      List<String> names = new ArrayList<>();
      services().fieldNames().forEachRemaining(names::add);
      assertThat(names).contains("timescaledb", "mosquitto", "ingest", "gateway", "simulator");
    }

    @Test
    void pinsEveryImageToAnExplicitVersion() {
      services()
          .fields()
          .forEachRemaining(
              e -> {
                String image = e.getValue().path("image").asText("");
                assertThat(image).as("service %s must name an image", e.getKey()).isNotEmpty();
                String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
                assertThat(tag)
                    .as("image of service %s is pinned to a version", e.getKey())
                    .matches(".*[0-9].*")
                    .isNotEqualToIgnoringCase("latest");
              });
    }

    @Test
    void usesTheTimescaleDbImageForTheDatabase() {
      assertThat(services().path("timescaledb").path("image").asText())
          .startsWith("timescale/timescaledb:");
    }

    @Test
    void hasHealthChecksOnDatabaseBrokerAndIngest() {
      for (String s : List.of("timescaledb", "mosquitto", "ingest")) {
        assertThat(services().path(s).path("healthcheck").path("test").isMissingNode())
            .as("health check of %s", s)
            .isFalse();
      }
    }

    @Test
    void keepsDatabaseAndBrokerDataOnNamedVolumes() {
      assertThat(services().path("timescaledb").path("volumes").toString())
          .contains("db-data:/var/lib/postgresql/data");
      assertThat(services().path("mosquitto").path("volumes").toString())
          .contains("mqtt-data:/mosquitto/data");
      assertThat(compose.path("volumes").has("db-data")).isTrue();
      assertThat(compose.path("volumes").has("mqtt-data")).isTrue();
    }

    @Test
    void takesEverySecretFromTheEnvironmentNeverFromTheFile() {
      services()
          .fields()
          .forEachRemaining(
              svc ->
                  svc.getValue()
                      .path("environment")
                      .fields()
                      .forEachRemaining(
                          env -> {
                            if (env.getKey().contains("PASSWORD")) {
                              assertThat(env.getValue().asText())
                                  .as("%s.%s", svc.getKey(), env.getKey())
                                  .matches("\\$\\{[A-Z_]+:\\?.+}");
                            }
                          }));
    }
  }

  @Nested
  class Broker {
    @Test
    void allowsNoAnonymousClients() {
      String conf = config("mosquitto_conf");
      assertThat(conf).containsPattern("(?m)^\\s*allow_anonymous\\s+false\\s*$");
      assertThat(conf).containsPattern("(?m)^\\s*password_file\\s+\\S+");
      assertThat(conf).containsPattern("(?m)^\\s*acl_file\\s+\\S+");
      // no other service or listener may open the broker again
      assertThat(text).doesNotContainPattern("allow_anonymous\\s+true");
    }

    @Test
    void keepsQueuedQos1MessagesForAwaySubscribers() {
      // Mosquitto's default max_queued_messages (1000) silently drops QoS 1 messages
      // (operations-notes.md); a no-loss stack must lift it and persist the queue.
      String conf = config("mosquitto_conf");
      assertThat(conf).containsPattern("(?m)^\\s*persistence\\s+true");
      assertThat(conf).containsPattern("(?m)^\\s*max_queued_messages\\s+0\\s*$");
    }

    @Test
    void letsEachGatewayPublishOnlyUnderItsOwnTopicSubtree() {
      Map<String, List<String>> rules = aclRules(config("mosquitto_acl"));
      List<String> gateways = rules.keySet().stream().filter(u -> u.startsWith("gw-")).toList();
      assertThat(gateways).as("at least one gateway user").isNotEmpty();
      for (String gw : gateways) {
        assertThat(rules.get(gw))
            .as("ACL of %s", gw)
            .isNotEmpty()
            .allSatisfy(
                rule ->
                    assertThat(rule)
                        .matches(
                            "write et/v1/[a-z0-9_-]+/[a-z0-9_-]+/" + Pattern.quote(gw) + "/#"));
      }
      assertThat(rules.get("ingest")).allSatisfy(rule -> assertThat(rule).startsWith("read "));
    }

    private Map<String, List<String>> aclRules(String acl) {
      Map<String, List<String>> rules = new java.util.LinkedHashMap<>();
      String user = null;
      Matcher m = Pattern.compile("(?m)^\\s*(user|topic)\\s+(.+?)\\s*$").matcher(acl);
      while (m.find()) {
        if (m.group(1).equals("user")) {
          user = m.group(2);
          rules.put(user, new ArrayList<>());
        } else {
          assertThat(user).as("topic rule outside a user block: %s", m.group(2)).isNotNull();
          rules.get(user).add(m.group(2));
        }
      }
      return rules;
    }
  }
}
