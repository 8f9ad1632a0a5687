package org.energytrace.ingest.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of the audit log: who did what, when, to which enterprise and object, the outcome, and
 * for changes the state before and after (JSON text, null when not applicable).
 */
public record AuditEntry(
    Instant at,
    String actor,
    String actorRole,
    String action,
    Outcome outcome,
    String enterprise,
    String target,
    String clientIp,
    String detail,
    String before,
    String after) {
  public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Longest text kept in a field that the caller chose (username, target, detail). */
  static final int MAX_TEXT = 512;

  /**
   * Fields a caller can choose (a username typed at sign-in, a path) are made storable and
   * unambiguous: control characters, which PostgreSQL text cannot hold (NUL) or which could forge a
   * line in an exported log, are written as a backslash, u and four hex digits, and the text is cut
   * at {@link #MAX_TEXT} characters. A refused login with such a name is still audited.
   */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorRole, "actorRole");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    actor = clean(actor);
    enterprise = clean(enterprise);
    target = clean(target);
    clientIp = clean(clientIp);
    detail = clean(detail);
  }

  static String clean(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean control = ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0);
      if (control && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format("\\u%04x", (int) ch));
        } else {
          out.append(ch);
        }
      }
    }
    String text = out == null ? s : out.toString();
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
  }
}
