package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.MailConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.energytrace.ingest.fixtures.SecuredService.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reporting reminders e-mailed through a real SMTP server (GreenMail, in-process) by the
 * running service (docs/programme-reporting.md, "Reminders"). The service is configured with an
 * SMTP port where nothing listens yet: the reminder recorded by the province stays queued with the
 * reason of the failure and the attempts counted; once the server is up, the mailer's next run
 * delivers it to the registry's contact address, subject in Vietnamese then English naming the
 * period and its deadline, and sets {@code sent_at}.
 */
class ReminderMailerIT {
  static final String S = UUID.randomUUID().toString().substring(0, 6);
  static final String F1 = "mf1-" + S;
  static final String F2 = "mf2-" + S;
  static final String TO = "sxsh@" + F1 + ".vn";
  static final String FROM = "sxsh-noreply@energytrace.test";

  static int port;
  static SecuredService svc;
  static GreenMail smtp;
  static Session province;

  @BeforeAll
  static void start() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    MailConfig mail =
        new MailConfig(
            "127.0.0.1", port, FROM, MailConfig.StartTls.DISABLED, "", "", Duration.ofSeconds(1));
    svc = SecuredService.start(SecurityConfig.defaults(), c -> c.withMail(mail));
    String admin = svc.access.systemAdminToken();
    facility(admin, F1, "Công ty Bia " + S, TO);
    facility(admin, F2, "Công ty Giấy " + S, null);
    svc.access.user("pro-" + S, Role.PROVINCE_OFFICER, null, List.of(), "pw-" + S);
    province = svc.session("pro-" + S, "pw-" + S);
  }

  @AfterAll
  static void stop() throws Exception {
    if (smtp != null) {
      smtp.stop();
    }
    if (svc != null) {
      svc.close();
    }
  }

  static void facility(String admin, String code, String name, String email) {
    JsonObject p =
        new JsonObject().put("legal_name_vi", name).put("vsic", "1103").put("district", "D " + S);
    if (email != null) {
      p.put("contact_email", email);
    }
    var r =
        svc.withToken(HttpMethod.PUT, "/api/v1/programme/facilities/" + code, admin)
            .sendJsonObject(p)
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
  }

  static JsonObject okAs(HttpMethod m, String uri, JsonObject body) {
    var req = svc.request(m, uri, province);
    var r = body == null ? req.send().await() : req.sendJsonObject(body).await();
    assertThat(r.statusCode()).as(m + " " + uri + " → " + r.bodyAsString()).isBetween(200, 201);
    return r.bodyAsJsonObject();
  }

  static JsonObject reminderOf(String period, String enterprise) {
    return okAs(HttpMethod.GET, period + "/reminders", null).getJsonArray("reminders").stream()
        .map(JsonObject.class::cast)
        .filter(o -> o.getString("enterprise").equals(enterprise))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aQueuedReminderIsKeptWhileTheServerIsUnreachableThenDeliveredAndMarkedSent()
      throws Exception {
    LocalDate today = LocalDate.now(ProgrammeExport.ZONE);
    String label = String.valueOf(today.getYear());
    String deadline = today.plusDays(3).toString();
    String period = "/api/v1/programme/reporting-periods/" + label;
    okAs(
        HttpMethod.POST,
        "/api/v1/programme/reporting-periods",
        new JsonObject().put("period", label).put("deadline", deadline).put("reminder_days", 7));

    JsonObject recorded = okAs(HttpMethod.POST, period + "/reminders", null);
    assertThat(recorded.getString("delivery")).isEqualTo("smtp");
    assertThat(recorded.getJsonArray("reminders")).hasSize(2);

    // nothing listens on the SMTP port: still queued, the attempt and its reason recorded, retried
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> reminderOf(period, F1).getInteger("attempts") >= 2);
    JsonObject failed = reminderOf(period, F1);
    assertThat(failed.getString("status")).isEqualTo("queued");
    assertThat(failed.getString("sent_at")).isNull();
    assertThat(failed.getString("last_error")).containsIgnoringCase("connect");
    // no address in the registry: never sent, never tried
    JsonObject noAddress = reminderOf(period, F2);
    assertThat(noAddress.getString("status")).isEqualTo("no_address");
    assertThat(noAddress.getInteger("attempts")).isZero();

    Instant before = Instant.now();
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    assertThat(smtp.waitForIncomingEmail(60_000, 1)).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly(TO);
    assertThat(m.getFrom()).extracting(Object::toString).containsExactly(FROM);
    String subject = m.getSubject();
    // Vietnamese first, then English, both naming the period and its deadline
    assertThat(subject)
        .isEqualTo(
            "Nhắc nộp báo cáo SXSH kỳ "
                + label
                + " trước ngày "
                + deadline
                + " / Reminder: CP programme report "
                + label
                + " due "
                + deadline);
    String body = GreenMailUtil.getBody(m);
    assertThat(m.getContent().toString())
        .contains("Kính gửi Công ty Bia " + S)
        .contains("Báo cáo kỳ " + label + " (" + label + "-01-01 – " + label + "-12-31)")
        .contains("Dear Công ty Bia " + S)
        .contains("/reporting.html");
    assertThat(m.getContent().toString().indexOf("Kính gửi"))
        .isLessThan(m.getContent().toString().indexOf("Dear"));
    assertThat(body).isNotBlank();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "sent".equals(reminderOf(period, F1).getString("status")));
    JsonObject sent = reminderOf(period, F1);
    assertThat(Instant.parse(sent.getString("sent_at"))).isAfterOrEqualTo(before.minusSeconds(5));
    assertThat(sent.getString("last_error")).isNull();
    assertThat(sent.getInteger("attempts")).isGreaterThanOrEqualTo(3);
    // sent once: later runs of the mailer (every second here) send nothing more — still one
    // message throughout three seconds
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> smtp.getReceivedMessages().length == 1);
  }
}
