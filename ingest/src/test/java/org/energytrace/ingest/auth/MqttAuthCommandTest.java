package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mqtt-auth --register ENTERPRISE/SITE/GATEWAY=VAR}: every argument and password is checked
 * before the registry is touched. The configuration names a database nobody listens on, so exit
 * code 2 with the message (not 1, "mqtt-auth failed") shows the database was never opened.
 */
class MqttAuthCommandTest {
  @TempDir Path dir;
  Path config;

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("ingest.yaml");
    Files.writeString(
        config,
        """
        db:
          url: jdbc:postgresql://127.0.0.1:1/nobody-listens
          user: nobody
        mqtt:
          url: tcp://127.0.0.1:1883
          client_id: command-test
          username: ingest
          password: ${ENV:ET_MQTT_PASSWORD}
        """);
  }

  record Run(int code, String out, String err) {}

  Run run(Map<String, String> env, String... registrations) {
    List<String> args =
        new ArrayList<>(List.of("--config", config.toString(), "--out", dir.toString()));
    for (String r : registrations) {
      args.add("--register");
      args.add(r);
    }
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new MqttAuthCommand(env::get)).execute(args.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(
        code,
        outBuffer.toString(StandardCharsets.UTF_8),
        errBuffer.toString(StandardCharsets.UTF_8));
  }

  @Nested
  class RefusesBeforeTouchingTheRegistry {
    @Test
    void anUnsetPasswordVariableNamingIt() {
      Run r =
          run(
              Map.of("ET_MQTT_PASSWORD", "ingest-password-1"),
              "demo-brewery/plant-1/gw-demo-01=ET_MQTT_GATEWAY_PASSWORD");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains(
              "--register demo-brewery/plant-1/gw-demo-01: environment variable"
                  + " ET_MQTT_GATEWAY_PASSWORD is not set or empty")
          .doesNotContain("mqtt-auth failed");
    }

    @Test
    void anEmptyPasswordVariableNamingIt() {
      Run r =
          run(
              Map.of("ET_MQTT_PASSWORD", "ingest-password-1", "ET_MQTT_GATEWAY_PASSWORD", ""),
              "demo-brewery/plant-1/gw-demo-01=ET_MQTT_GATEWAY_PASSWORD");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("ET_MQTT_GATEWAY_PASSWORD is not set or empty");
    }

    @Test
    void aPasswordShorterThanTwelveCharactersNamingTheVariableButNotThePassword() {
      Run r =
          run(
              Map.of(
                  "ET_MQTT_PASSWORD", "ingest-password-1", "ET_MQTT_GATEWAY_PASSWORD", "short-pw"),
              "demo-brewery/plant-1/gw-demo-01=ET_MQTT_GATEWAY_PASSWORD");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains(
              "environment variable ET_MQTT_GATEWAY_PASSWORD holds a password of 8 characters;"
                  + " at least 12 are required")
          .doesNotContain("short-pw");
    }

    @Test
    void everyBadRegistrationAtOnce() {
      Run r =
          run(
              Map.of("ET_MQTT_PASSWORD", "ingest-password-1", "PW", "long-enough-password"),
              "demo-brewery/gw-demo-01=PW",
              "Demo/plant-1/gw-demo-01=PW",
              "demo-brewery/plant-1/gw-demo-01");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().lines())
          .hasSize(3)
          .anySatisfy(l -> assertThat(l).startsWith("--register demo-brewery/gw-demo-01=PW: "))
          .anySatisfy(l -> assertThat(l).contains("enterprise 'Demo' does not match"))
          .anySatisfy(
              l -> assertThat(l).contains("expected ENTERPRISE/SITE/GATEWAY=VAR, VAR naming"));
    }

    @Test
    void theSameGatewayNamedTwice() {
      Run r =
          run(
              Map.of("ET_MQTT_PASSWORD", "ingest-password-1", "PW", "long-enough-password"),
              "demo-brewery/plant-1/gw-demo-01=PW",
              "demo-brewery/plant-2/gw-demo-01=PW");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("--register demo-brewery/plant-2/gw-demo-01=PW: the gateway is named more");
    }
  }

  @Test
  void namesTheAccountAfterEnterpriseAndGatewayAsTheGeneratedFilesDo() {
    GatewayRegistration r = GatewayRegistration.parse("demo-brewery/plant-1/gw-demo-01=PW");

    assertThat(r.username()).isEqualTo("demo-brewery.gw-demo-01");
    assertThat(r.spec().site()).isEqualTo("plant-1");
    assertThat(r.spec().extraSites()).isEmpty();
    assertThatThrownBy(() -> GatewayRegistration.parse("a/b/c=1VAR"))
        .hasMessageContaining("expected ENTERPRISE/SITE/GATEWAY=VAR");
  }

  @Test
  void recognisesTheHashOfTheSamePasswordOnly() {
    String hash = MosquittoPasswd.hash("the-gateway-password");

    assertThat(GatewayCredentials.matches("the-gateway-password", hash)).isTrue();
    assertThat(GatewayCredentials.matches("another-password", hash)).isFalse();
    assertThat(GatewayCredentials.matches("the-gateway-password", "not-a-hash")).isFalse();
  }
}
