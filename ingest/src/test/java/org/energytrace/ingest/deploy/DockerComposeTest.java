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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.auth.GatewayCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The production-like stack in docker-compose.yml: which services, pinned images, no open MQTT, and
 * Mosquitto's password and ACL files generated from the gateway registry by the mqtt-auth job. No
 * Docker engine exists where these tests run, so they read the file; {@code MqttAuthRegisterIT}
 * runs the job's command against PostgreSQL and a real Mosquitto.
 */
class DockerComposeTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
  private static String text;
  private static JsonNode compose;

  @BeforeAll
  static void load() throws IOException {
    text = Files.readString(COMPOSE);
    compose = new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  private static final Path GATEWAY_DEMO_RESOURCES =
      Path.of("..", "gateway", "src", "main", "resources", "demo");

  private static JsonNode services() {
    return compose.path("services");
  }

  /** A service that must exist: the test fails naming it when it does not. */
  private static JsonNode service(String name) {
    assertThat(services().has(name)).as("service %s in docker-compose.yml", name).isTrue();
    return services().path(name);
  }

  private static String env(String service, String variable) {
    JsonNode value = service(service).path("environment").path(variable);
    assertThat(value.isMissingNode())
        .as("environment variable %s of service %s", variable, service)
        .isFalse();
    return value.asText();
  }

  /** The whole shell command a service runs: entrypoint and command joined. */
  private static String script(String service) {
    List<String> parts = new ArrayList<>();
    for (String key : List.of("entrypoint", "command")) {
      JsonNode node = service(service).path(key);
      if (node.isArray()) {
        node.forEach(n -> parts.add(n.asText()));
      } else if (!node.isMissingNode()) {
        parts.add(node.asText());
      }
    }
    return String.join(" ", parts);
  }

  /** Services running a gateway: the gateway image with {@code run}. */
  private static List<String> gatewayServices() {
    List<String> out = new ArrayList<>();
    services()
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode command = e.getValue().path("command");
              if (e.getValue().path("image").asText().startsWith("energytrace/gateway:")
                  && command.isArray()
                  && command.path(0).asText().equals("run")) {
                out.add(e.getKey());
              }
            });
    return out;
  }

  /** The gateway configuration a gateway service runs, read from where its image copies it. */
  private static JsonNode gatewayConfig(String service) throws IOException {
    Matcher m = Pattern.compile("--config (/app/demo/\\S+)").matcher(script(service));
    assertThat(m.find()).as("--config /app/demo/... of service %s", service).isTrue();
    // gateway/Dockerfile: COPY gateway/src/main/resources/demo /app/demo
    Path file = GATEWAY_DEMO_RESOURCES.resolve(m.group(1).substring("/app/demo/".length()));
    assertThat(file).as("configuration of service %s", service).isRegularFile();
    // ${ENV:NAME:default} as the gateway resolves it inside that container: the service's
    // environment when compose sets NAME, else the default
    Matcher placeholder =
        Pattern.compile("\\$\\{ENV:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}")
            .matcher(Files.readString(file));
    StringBuilder resolved = new StringBuilder();
    while (placeholder.find()) {
      JsonNode set = service(service).path("environment").path(placeholder.group(1));
      String value =
          set.isMissingNode()
              ? (placeholder.group(2) == null ? "" : placeholder.group(2))
              : set.asText();
      placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(resolved);
    return new ObjectMapper(new YAMLFactory()).readTree(resolved.toString()).path("gateway");
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
      assertThat(names)
          .contains("timescaledb", "mqtt-auth", "mosquitto", "ingest", "gateway", "simulator");
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
      assertThat(service("timescaledb").path("image").asText())
          .startsWith("timescale/timescaledb:");
    }

    @Test
    void hasHealthChecksOnDatabaseBrokerAndIngest() {
      for (String s : List.of("timescaledb", "mosquitto", "ingest")) {
        assertThat(service(s).path("healthcheck").path("test").isMissingNode())
            .as("health check of %s", s)
            .isFalse();
      }
    }

    @Test
    void keepsDatabaseAndBrokerDataOnNamedVolumes() {
      assertThat(service("timescaledb").path("volumes").toString())
          .contains("db-data:/var/lib/postgresql/data");
      assertThat(service("mosquitto").path("volumes").toString())
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

    @Test
    void givesIngestTheAdministratorPasswordProductionModeRequires() {
      // `serve` in production mode refuses to start without security.admin_password
      // (SecurityConfig.productionRefusals); compose must refuse earlier, naming the variable
      assertThat(env("ingest", "ET_ADMIN_PASSWORD"))
          .isEqualTo("${ET_ADMIN_PASSWORD:?set ET_ADMIN_PASSWORD}");
      assertThat(env("ingest", "ET_AUTO_REGISTER")).isEqualTo("true");
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
    void pinsTheClientIdOfEveryListenerToTheAccount() {
      // issue 11: a gateway account connected with ingest's client id and took over its session;
      // use_username_as_clientid is a listener option (mosquitto.conf(5), LISTENERS): it must
      // follow each listener line, and it does not work from an included file
      List<String> lines =
          config("mosquitto_conf")
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
      List<Integer> listeners = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("listener ")) {
          listeners.add(i);
        }
      }
      assertThat(listeners).isNotEmpty();
      for (int i = 0; i < listeners.size(); i++) {
        int end = i + 1 < listeners.size() ? listeners.get(i + 1) : lines.size();
        assertThat(lines.subList(listeners.get(i), end))
            .as("options of %s", lines.get(listeners.get(i)))
            .contains("use_username_as_clientid true");
      }
      assertThat(lines)
          .noneMatch(l -> l.startsWith("include_dir") || l.startsWith("clientid_prefixes"));
    }

    @Test
    void refusesPayloadsLargerThanIngestAccepts() {
      // otherwise a larger message passes the broker, exceeds ingest's MQTT maximum packet size
      // and is dropped for ingest without a trace (docs/ingest.md)
      int ingestLimit =
          new org.energytrace.ingest.config.ConfigLoader(name -> null)
              .loadResource("ingest-default.yaml")
              .ingest()
              .maxPayloadBytes();
      assertThat(config("mosquitto_conf"))
          .containsPattern("(?m)^\\s*message_size_limit\\s+" + ingestLimit + "\\s*$");
    }

    @Test
    void keepsQueuedQos1MessagesForAwaySubscribers() {
      // Mosquitto's default max_queued_messages (1000) silently drops QoS 1 messages
      // (Mosquitto's default max_queued_messages 1000 drops QoS 1 messages silently); a no-loss
      // stack must lift it and persist the queue.
      String conf = config("mosquitto_conf");
      assertThat(conf).containsPattern("(?m)^\\s*persistence\\s+true");
      assertThat(conf).containsPattern("(?m)^\\s*max_queued_messages\\s+0\\s*$");
    }

    @Test
    void readsThePasswordAndAclFilesTheMqttAuthJobGeneratedIntoTheAuthVolume() {
      String conf = config("mosquitto_conf");
      assertThat(conf).containsPattern("(?m)^\\s*password_file\\s+/mosquitto/auth/passwd\\s*$");
      assertThat(conf).containsPattern("(?m)^\\s*acl_file\\s+/mosquitto/auth/acl\\s*$");
      assertThat(service("mosquitto").path("volumes").toString())
          .contains("mqtt-auth:/mosquitto/auth:ro");
      // the broker starts only once the job has written both files
      assertThat(
              service("mosquitto").path("depends_on").path("mqtt-auth").path("condition").asText())
          .isEqualTo("service_completed_successfully");
    }

    @Test
    void hasNoHandWrittenAclOrPasswordEntries() {
      // the registry is the only source: a static ACL would drift from it
      List<String> configs = new ArrayList<>();
      compose.path("configs").fieldNames().forEachRemaining(configs::add);
      assertThat(configs).containsExactly("mosquitto_conf");
      assertThat(text)
          .doesNotContainPattern("(?m)^\\s*topic\\s+(read|write|readwrite)\\s")
          .doesNotContainPattern("(?m)^\\s*user\\s+\\S+\\s*$")
          .doesNotContain("mosquitto_passwd");
    }
  }

  @Nested
  class MqttAuthJob {
    @Test
    void runsMqttAuthFromTheIngestImageOnceTheDatabaseIsHealthy() {
      JsonNode job = service("mqtt-auth");
      String script = script("mqtt-auth");

      assertThat(job.path("image").asText()).isEqualTo(service("ingest").path("image").asText());
      assertThat(job.path("depends_on").path("timescaledb").path("condition").asText())
          .isEqualTo("service_healthy");
      assertThat(script)
          .startsWith("sh -c set -e;")
          .contains(
              "java -jar /app/energytrace-ingest.jar mqtt-auth --config /app/ingest.yaml"
                  + " --out /mosquitto/auth ");
      // registering with a password from the environment: never printed, never --issue-missing
      assertThat(script).doesNotContain("--issue-missing");
      assertThat(job.path("volumes").toString()).contains("\"mqtt-auth:/mosquitto/auth\"");
    }

    @Test
    void handsTheGeneratedFilesToMosquittosUser() {
      // mqtt-auth writes them owner-only (rw-------); the image's user cannot write the volume,
      // so the job runs as root and gives the files to mosquitto (uid 1883 in its image)
      assertThat(service("mqtt-auth").path("user").asText()).isEqualTo("root");
      assertThat(script("mqtt-auth"))
          .containsPattern(
              "chown 1883:1883 (/mosquitto/auth/passwd /mosquitto/auth/acl"
                  + "|/mosquitto/auth/acl /mosquitto/auth/passwd)");
    }

    @Test
    void registersEveryGatewayServiceWithTheAccountItSignsInWith() throws IOException {
      List<String> gateways = gatewayServices();
      assertThat(gateways).as("gateway services").isNotEmpty();
      String script = script("mqtt-auth");
      for (String gw : gateways) {
        JsonNode g = gatewayConfig(gw);
        String path =
            g.path("enterprise").asText()
                + "/"
                + g.path("site").asText()
                + "/"
                + g.path("id").asText();
        Matcher m =
            Pattern.compile("--register " + Pattern.quote(path) + "=([A-Z_][A-Z0-9_]*)")
                .matcher(script);
        assertThat(m.find()).as("mqtt-auth --register %s=VAR for service %s", path, gw).isTrue();

        assertThat(env(gw, "ET_MQTT_USERNAME"))
            .as("username of service %s", gw)
            .isEqualTo(
                GatewayCredentials.username(g.path("enterprise").asText(), g.path("id").asText()));
        assertThat(env("mqtt-auth", m.group(1)))
            .as("the password mqtt-auth sets is the one service %s signs in with", gw)
            .isEqualTo(env(gw, "ET_MQTT_PASSWORD"));
      }
    }

    @Test
    void writesTheIngestAccountWithTheCredentialsIngestSignsInWith() {
      for (String variable :
          List.of(
              "ET_DB_URL",
              "ET_DB_USER",
              "ET_DB_PASSWORD",
              "ET_MQTT_USERNAME",
              "ET_MQTT_PASSWORD")) {
        assertThat(env("mqtt-auth", variable)).as(variable).isEqualTo(env("ingest", variable));
      }
      // the broker's health check signs in as no account: with client ids pinned to usernames it
      // would take over that account's session (ingest's) at every check
      assertThat(service("mosquitto").path("healthcheck").path("test").toString())
          .doesNotContain(" -u ")
          .doesNotContain(" -P ")
          .contains("test $$? -eq 5");
    }
  }
}
