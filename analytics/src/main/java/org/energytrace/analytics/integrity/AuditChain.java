package org.energytrace.analytics.integrity;

import java.util.List;
import java.util.Optional;
import org.energytrace.analytics.json.Json;

/**
 * The append-only audit log as a hash chain:
 *
 * <pre>h_n = SHA-256( UTF-8( h_{n−1} ‖ JCS(entry_n) ) )</pre>
 *
 * with h as 64 lowercase hex digits, {@link #GENESIS} (64 zeros) before the first entry, and JCS
 * the RFC 8785 canonical JSON of the entry ({@link Json#canonical}): key order, spacing and number
 * spelling of the stored JSON do not matter, any change of a value does. Verification walks the
 * chain.
 */
public final class AuditChain {

  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** h_n for an entry given as a JSON text (parsed strictly, then canonicalised). */
  public static String hash(String prevHash, String entryJson) {
    return Sha256.hex(prevHash + Json.canonical(entryJson));
  }

  /** The next entry after {@code prevHash} ({@link #GENESIS} for the first). */
  public static AuditEntry append(long seq, String prevHash, String entryJson) {
    String canonical = Json.canonical(entryJson);
    return new AuditEntry(seq, prevHash, canonical, Sha256.hex(prevHash + canonical));
  }

  /** A broken link: the entry's sequence number and what is wrong. */
  public record Break(long seq, String problem) {}

  /**
   * Walks {@code entries} (in sequence order): each hash recomputes from its prevHash and entry,
   * and where two entries are consecutive (seq n, n + 1) the second's prevHash is the first's hash;
   * with {@code contiguous} every entry must follow the previous one (a whole log from {@code
   * first}; a dossier carries only the entries of one EnPI, so it checks without).
   */
  public static Optional<Break> verify(List<AuditEntry> entries, boolean contiguous, String first) {
    AuditEntry previous = null;
    for (AuditEntry e : entries) {
      String recomputed;
      try {
        recomputed = hash(e.prevHash(), e.entry());
      } catch (RuntimeException x) {
        return Optional.of(new Break(e.seq(), "entry is not valid JSON: " + x.getMessage()));
      }
      if (!recomputed.equals(e.hash())) {
        return Optional.of(
            new Break(
                e.seq(), "hash " + e.hash() + " does not recompute (expected " + recomputed + ")"));
      }
      if (previous == null && contiguous && first != null && !e.prevHash().equals(first)) {
        return Optional.of(new Break(e.seq(), "the first entry does not follow " + first));
      }
      if (previous != null) {
        if (e.seq() <= previous.seq()) {
          return Optional.of(new Break(e.seq(), "out of order after " + previous.seq()));
        }
        boolean consecutive = e.seq() == previous.seq() + 1;
        if (contiguous && !consecutive) {
          return Optional.of(
              new Break(e.seq(), "entries " + (previous.seq() + 1) + ".. are missing"));
        }
        if (consecutive && !e.prevHash().equals(previous.hash())) {
          return Optional.of(
              new Break(e.seq(), "prev hash is not entry " + previous.seq() + "'s hash"));
        }
      }
      previous = e;
    }
    return Optional.empty();
  }
}
