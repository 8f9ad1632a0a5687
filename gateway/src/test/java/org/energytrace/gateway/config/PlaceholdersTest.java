package org.energytrace.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  private static Placeholders with(Map<String, String> env) {
    return new Placeholders(env::get);
  }

  @Test
  void replacesASetVariableAndKeepsTheTextAroundIt() {
    Placeholders.Resolved r =
        with(Map.of("ET_SIM_HOST", "sim", "ET_OPCUA_PORT", "14840"))
            .resolve(
                "opc.tcp://${ENV:ET_SIM_HOST:localhost}:${ENV:ET_OPCUA_PORT:4840}/energytrace");

    assertThat(r.text()).isEqualTo("opc.tcp://sim:14840/energytrace");
    assertThat(r.isComplete()).isTrue();
  }

  @Test
  void usesTheDefaultOnlyWhenTheVariableIsUnsetAndAnEmptyValueCountsAsSet() {
    Placeholders env = with(Map.of("ET_MQTT_USERNAME", ""));

    assertThat(env.resolve("${ENV:ET_MQTT_URL:tcp://localhost:1883}").text())
        .isEqualTo("tcp://localhost:1883");
    assertThat(env.resolve("${ENV:ET_MQTT_USERNAME:gateway}").text()).isEmpty();
    assertThat(env.resolve("${ENV:ET_MQTT_PASSWORD:}").text()).isEmpty();
  }

  @Test
  void namesEveryRequiredVariableThatIsUnset() {
    Placeholders.Resolved r = with(Map.of()).resolve("${ENV:ET_USER}:${ENV:ET_SECRET}@${ENV:H:h}");

    assertThat(r.missing()).containsExactly("ET_USER", "ET_SECRET");
    assertThat(r.text()).isEqualTo(":@h");
    assertThat(Placeholders.missingMessage("ET_SECRET"))
        .isEqualTo("environment variable ET_SECRET is not set and has no default");
  }

  @Test
  void leavesTextWithoutPlaceholdersAndValuesWithDollarSignsAlone() {
    // a resolved value is never resolved again, and replacement text is taken literally
    Placeholders env = with(Map.of("ET_PASSWORD", "a$1b\\c${ENV:X}"));

    assertThat(env.resolve("plain $text {x}").text()).isEqualTo("plain $text {x}");
    assertThat(env.resolve("${ENV:ET_PASSWORD}").text()).isEqualTo("a$1b\\c${ENV:X}");
    assertThat(Placeholders.contains("${ENV:lower_case_ok}")).isTrue();
    assertThat(Placeholders.contains("${env:X}")).isFalse();
  }
}
