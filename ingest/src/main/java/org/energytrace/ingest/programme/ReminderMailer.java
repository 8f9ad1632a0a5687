package org.energytrace.ingest.programme;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.energytrace.ingest.config.MailConfig;

/**
 * Sends the queued reporting reminders by e-mail through the configured SMTP server
 * (docs/programme-reporting.md, "Reminders"): a reminder the server accepted becomes {@code sent}
 * with {@code sent_at}; one it did not stays {@code queued} with the attempt counted and the reason
 * recorded, and is tried again on the next run. Never loses a queued reminder: it is marked sent
 * only after the server accepted it (a crash in between may send it twice, never zero times).
 * Blocking: call from worker threads; one run at a time.
 */
public final class ReminderMailer {
  /** Reminders sent per run (the rest on the next). */
  static final int BATCH = 200;

  private static final long TIMEOUT_SECONDS = 120;

  private final MailClient client;
  private final String from;
  private final PgReporting store;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  /** What one run did. */
  public record Run(int sent, int failed) {}

  public ReminderMailer(Vertx vertx, MailConfig config, PgReporting store, Clock clock) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("mail.smtp_host is not set: reminders stay in the outbox");
    }
    io.vertx.ext.mail.MailConfig smtp =
        new io.vertx.ext.mail.MailConfig()
            .setHostname(config.smtpHost())
            .setPort(config.smtpPort())
            .setStarttls(
                switch (config.starttls()) {
                  case DISABLED -> StartTLSOptions.DISABLED;
                  case OPTIONAL -> StartTLSOptions.OPTIONAL;
                  case REQUIRED -> StartTLSOptions.REQUIRED;
                });
    if (config.username().isEmpty()) {
      smtp.setLogin(LoginOption.DISABLED);
    } else {
      smtp.setLogin(LoginOption.REQUIRED)
          .setUsername(config.username())
          .setPassword(config.password());
    }
    smtp.setConnectTimeout(30_000);
    this.client = MailClient.create(vertx, smtp);
    this.from = config.from();
    this.store = store;
    this.clock = clock;
  }

  /** Sends what is queued (at most {@link #BATCH}); nothing when a run is already going on. */
  public Run sendQueued() {
    if (!running.compareAndSet(false, true)) {
      return new Run(0, 0);
    }
    try {
      int sent = 0;
      int failed = 0;
      for (PgReporting.Reminder r : store.queued(BATCH)) {
        String error = send(r);
        if (error == null) {
          store.sent(r.id(), clock.instant());
          sent++;
        } else {
          store.failed(r.id(), error, clock.instant());
          failed++;
        }
      }
      return new Run(sent, failed);
    } finally {
      running.set(false);
    }
  }

  /** Null when the server accepted the message, else why not. */
  private String send(PgReporting.Reminder r) {
    MailMessage m =
        new MailMessage()
            .setFrom(from)
            .setTo(r.recipient())
            .setSubject(r.subject())
            .setText(r.body());
    try {
      client
          .sendMail(m)
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    } catch (TimeoutException e) {
      return "no answer from the SMTP server within " + TIMEOUT_SECONDS + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  public void close() {
    client.close();
  }
}
