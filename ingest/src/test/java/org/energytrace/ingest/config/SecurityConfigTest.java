package org.energytrace.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production mode refuses to start with default secrets or an empty admin password (issue 7). */
class SecurityConfigTest {
  static IngestConfig load(Map<String, String> env) {
    return new ConfigLoader(env::get).loadResource("ingest-default.yaml");
  }

  @Test
  void refusesProductionWithAnEmptyAdministratorPassword() {
    assertThat(SecurityConfig.productionRefusals(load(Map.of())))
        .containsExactly(
            "security.admin_password: is required in production mode: set the environment"
                + " variable the file reads it from (the shipped ingest-default.yaml has"
                + " admin_password: ${ENV:ET_ADMIN_PASSWORD:}, so set ET_ADMIN_PASSWORD), or write"
                + " such a line under security if the file has none");
  }

  @Test
  void refusesProductionWithAShortOrWellKnownPasswordAndDefaultDatabaseSecrets() {
    // OWASP ASVS 4.0 V2.1.1 (at least 12 characters), V2.1.7 (known passwords)
    assertThat(
            SecurityConfig.productionRefusals(
                load(Map.of("ET_ADMIN_PASSWORD", "changeme", "ET_DB_PASSWORD", "postgres"))))
        .containsExactly(
            "security.admin_password: must be at least 12 characters and not a well-known default"
                + " in production mode",
            "db.password: is a well-known default secret; refused in production mode");
  }

  @Test
  void startsInProductionWithAStrongPasswordAndInDemoModeWithout() {
    assertThat(
            SecurityConfig.productionRefusals(
                load(Map.of("ET_ADMIN_PASSWORD", "a long and unusual passphrase"))))
        .isEmpty();
    assertThat(
            SecurityConfig.productionRefusals(
                new ConfigLoader(Map.<String, String>of()::get).loadResource("ingest-demo.yaml")))
        .isEmpty();
  }

  /** The default file with other Argon2 memory and passes. */
  static String withHashingText(String memory, String iterations) throws Exception {
    try (var in = SecurityConfigTest.class.getResourceAsStream("/ingest-default.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceFirst("password_memory_kib: 19456", "password_memory_kib: " + memory)
          .replaceFirst("password_iterations: 2", "password_iterations: " + iterations);
    }
  }

  static IngestConfig withHashing(String memory, String iterations) throws Exception {
    return new ConfigLoader(Map.of("ET_ADMIN_PASSWORD", "a long and unusual passphrase")::get)
        .parse("ingest.yaml", withHashingText(memory, iterations));
  }

  @Test
  void refusesProductionWithPasswordHashingBelowOwaspsMinimum() throws Exception {
    assertThat(SecurityConfig.productionRefusals(withHashing("19456", "1")))
        .containsExactly(
            "security.password_memory_kib: 19456 KiB × 1 passes is below OWASP's minimum for"
                + " Argon2id (19456 KiB × 2, or 47104 × 1, 12288 × 3, 9216 × 4, 7168 × 5); refused"
                + " in production mode");
    assertThat(SecurityConfig.productionRefusals(withHashing("4096", "20"))).hasSize(1);
    // OWASP's equal choices pass
    assertThat(SecurityConfig.productionRefusals(withHashing("47104", "1"))).isEmpty();
    assertThat(SecurityConfig.productionRefusals(withHashing("7168", "5"))).isEmpty();
  }

  @Test
  void refusesPasswordHashingParametersOutsideTheirRangeByName() throws Exception {
    List<String> lines = withHashingText("19456", "0").lines().toList();
    int line =
        lines.indexOf(
                "  password_iterations: 0                  #   a stored hash with other"
                    + " parameters is redone at its next sign-in")
            + 1;

    assertThat(line).isPositive();
    assertThatThrownBy(() -> withHashing("19456", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "ingest.yaml:"
                + line
                + ": security.password_iterations: must be between 1 and 64, got 0");
  }

  @Test
  void readsTheSecuritySectionWithItsDefaults() {
    SecurityConfig s = load(Map.of("ET_TRUST_FORWARDED_PROTO", "true")).security();

    assertThat(s.mode()).isEqualTo("production");
    assertThat(s.adminUsername()).isEqualTo("admin");
    assertThat(s.cookieSecure()).isEqualTo("auto");
    assertThat(s.trustForwardedProto()).isTrue();
    assertThat(s.loginMaxFailuresPerAccount()).isEqualTo(5);
    assertThat(List.of(s.passwordMemoryKib(), s.passwordIterations(), s.passwordParallelism()))
        .containsExactly(19456, 2, 1);
    assertThat(s.toString()).doesNotContain("ET_ADMIN_PASSWORD");
  }
}
