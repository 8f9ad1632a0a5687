package org.energytrace.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.energytrace.ingest.audit.AuditEntry.Outcome;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  static AuditEntry entry(String actor, String detail) {
    return new AuditEntry(
        Instant.EPOCH,
        actor,
        "anonymous",
        "login.failure",
        Outcome.FAILURE,
        null,
        null,
        "127.0.0.1",
        detail,
        null,
        null);
  }

  @Test
  void writesControlCharactersOfAChosenNameAsEscapesSoTheEntryCanBeStored() {
    AuditEntry e = entry("admin\u0000\r\nlogin.success admin", null);

    assertThat(e.actor()).isEqualTo("admin\\u0000\\u000d\\u000alogin.success admin");
    assertThat(e.actor()).doesNotContain("\u0000", "\r", "\n");
  }

  @Test
  void keepsOrdinaryAndVietnameseTextAsItIs() {
    assertThat(entry("nguyễn.văn.an", "Đăng nhập thất bại").actor()).isEqualTo("nguyễn.văn.an");
    assertThat(entry("a", "Đăng nhập thất bại").detail()).isEqualTo("Đăng nhập thất bại");
  }

  @Test
  void cutsAnOverlongNameSoAFloodOfBytesCannotBloatTheLog() {
    AuditEntry e = entry("x".repeat(100_000), null);

    assertThat(e.actor()).hasSize(AuditEntry.MAX_TEXT).endsWith("…");
  }
}
