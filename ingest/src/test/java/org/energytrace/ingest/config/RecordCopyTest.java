package org.energytrace.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code withX} methods of the configuration records (through {@link RecordCopy}): each
 * replaces its own components, keeps every other one and runs the record's checks again.
 */
class RecordCopyTest {
  static final IngestConfig BASE =
      IngestConfig.defaults("jdbc:postgresql://127.0.0.1/x", "u", "tcp://127.0.0.1:1883", "c");

  @Test
  void ingestConfigReplacesOneSection() {
    HttpConfig http = new HttpConfig("0.0.0.0", 8080);
    IngestConfig c = BASE.withHttp(http);
    assertThat(c.http()).isSameAs(http);
    assertThat(c).usingRecursiveComparison().ignoringFields("http").isEqualTo(BASE);
    assertThat(BASE.withMail(MailConfig.off()).mail()).isEqualTo(MailConfig.off());
    assertThat(BASE.withIntegrity(IntegrityConfig.defaults()).integrity())
        .isEqualTo(IntegrityConfig.defaults());
    assertThat(
            BASE.withSecurity(SecurityConfig.defaults().withAdminPassword("p"))
                .security()
                .adminPassword())
        .isEqualTo("p");
  }

  @Test
  void mqttConfigReplacesItsComponentsAndChecksAgain() {
    MqttConfig m = BASE.mqtt();
    MqttConfig t =
        m.withUrl("ssl://h:8883")
            .withClientId("other")
            .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(20))
            .withQueue(7, 4096);
    assertThat(t.url()).isEqualTo("ssl://h:8883");
    assertThat(t.clientId()).isEqualTo("other");
    assertThat(t.keepAlive()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.reconnectDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(t.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(t.queueCapacity()).isEqualTo(7);
    assertThat(t.queueMaxBytes()).isEqualTo(4096);
    assertThat(t.topics()).isEqualTo(m.topics());
    assertThat(t.sessionExpiry()).isEqualTo(m.sessionExpiry());
    assertThatThrownBy(() -> m.withUrl("http://h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must start with tcp:// or ssl://: http://h");
  }

  @Test
  void securityAndPipelineConfigReplaceTheirComponents() {
    SecurityConfig s =
        SecurityConfig.defaults()
            .withLoginLimits(1, 2, Duration.ofMinutes(3))
            .withLiveLimits(4, 5, Duration.ofSeconds(6))
            .withRefusalAuditWindow(Duration.ofMinutes(7))
            .withShowcaseFrameAncestors(List.of("https://portal.example.org"))
            .withCookies("always", true)
            .withAdminPassword(null);
    assertThat(s.loginMaxFailuresPerAccount()).isEqualTo(1);
    assertThat(s.loginMaxFailuresPerIp()).isEqualTo(2);
    assertThat(s.loginFailureWindow()).isEqualTo(Duration.ofMinutes(3));
    assertThat(s.liveMaxStreamsPerPrincipal()).isEqualTo(4);
    assertThat(s.liveMaxStreamsPerIp()).isEqualTo(5);
    assertThat(s.liveReauthorizeEvery()).isEqualTo(Duration.ofSeconds(6));
    assertThat(s.refusalAuditWindow()).isEqualTo(Duration.ofMinutes(7));
    assertThat(s.showcaseFrameAncestors()).containsExactly("https://portal.example.org");
    assertThat(s.cookieSecure()).isEqualTo("always");
    assertThat(s.trustForwardedProto()).isTrue();
    assertThat(s.adminPassword()).isEmpty();
    assertThat(s.mode()).isEqualTo("production");
    assertThatThrownBy(() -> s.withCookies("sometimes", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cookie_secure must be auto, always or never");

    PipelineConfig p =
        BASE.ingest().withBatchMaxBytes(5000).withStallTimeout(Duration.ofSeconds(9));
    assertThat(p.batchMaxBytes()).isEqualTo(5000);
    assertThat(p.stallTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(p.inFlight()).isEqualTo(BASE.ingest().inFlight());
  }
}
