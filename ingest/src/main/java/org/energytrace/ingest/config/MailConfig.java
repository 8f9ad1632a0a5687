package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.Objects;

/**
 * E-mail of the programme's reporting reminders (docs/programme-reporting.md, "Reminders"): off
 * while {@code smtpHost} is empty (the reminders stay in the outbox); else the mailer sends the
 * queued ones through this SMTP server from {@code from} every {@code sendEvery}, retrying the
 * failed ones each time. The password comes from the environment only.
 */
public record MailConfig(
    String smtpHost,
    int smtpPort,
    String from,
    StartTls starttls,
    String username,
    String password,
    Duration sendEvery) {

  /** Whether the connection is upgraded to TLS with STARTTLS. */
  public enum StartTls {
    DISABLED,
    OPTIONAL,
    REQUIRED
  }

  public MailConfig {
    smtpHost = smtpHost == null ? "" : smtpHost.trim();
    from = from == null ? "" : from.trim();
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    Objects.requireNonNull(starttls, "starttls");
    Objects.requireNonNull(sendEvery, "sendEvery");
    if (smtpPort < 1 || smtpPort > 65_535) {
      throw new IllegalArgumentException("mail.smtp_port must be between 1 and 65535: " + smtpPort);
    }
    if (!smtpHost.isEmpty() && !from.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException(
          "mail.from must be an e-mail address when mail.smtp_host is set, got '" + from + "'");
    }
    if (sendEvery.isNegative() || sendEvery.isZero()) {
      throw new IllegalArgumentException("mail.send_every must be positive");
    }
  }

  /** No SMTP server: reminders stay in the outbox. */
  public static MailConfig off() {
    return new MailConfig("", 587, "", StartTls.REQUIRED, "", "", Duration.ofMinutes(5));
  }

  public boolean enabled() {
    return !smtpHost.isEmpty();
  }

  @Override
  public String toString() {
    return "MailConfig[smtpHost="
        + smtpHost
        + ", smtpPort="
        + smtpPort
        + ", from="
        + from
        + ", starttls="
        + starttls
        + ", username="
        + username
        + "]";
  }
}
