package org.energytrace.analytics.integrity;

import java.util.Objects;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/**
 * One audit-log entry with its chain hashes: {@code entry} is the entry's RFC 8785 canonical JSON
 * (who, when, what, before/after — the ingest side's fields), {@code hash} = SHA-256(prevHash ‖
 * entry).
 */
public record AuditEntry(long seq, String prevHash, String entry, String hash) {

  public AuditEntry {
    Objects.requireNonNull(entry, "entry");
    if (!Sha256.isHex(prevHash) || !Sha256.isHex(hash)) {
      throw new AnalyticsException(
          Code.INVALID_INPUT, "audit entry " + seq + ": hashes are 64 lowercase hex digits");
    }
  }
}
