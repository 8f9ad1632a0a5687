package org.energytrace.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

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
            "security.admin_password: is required in production mode (from the environment, e.g."
                + " ET_ADMIN_PASSWORD)");
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

  @Test
  void readsTheSecuritySectionWithItsDefaults() {
    SecurityConfig s = load(Map.of("ET_TRUST_FORWARDED_PROTO", "true")).security();

    assertThat(s.mode()).isEqualTo("production");
    assertThat(s.adminUsername()).isEqualTo("admin");
    assertThat(s.cookieSecure()).isEqualTo("auto");
    assertThat(s.trustForwardedProto()).isTrue();
    assertThat(s.loginMaxFailuresPerAccount()).isEqualTo(5);
    assertThat(s.toString()).doesNotContain("ET_ADMIN_PASSWORD");
  }
}
