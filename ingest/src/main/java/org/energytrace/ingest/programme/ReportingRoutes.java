package org.energytrace.ingest.programme;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.energytrace.analytics.report.ReportPeriod;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * The programme's reporting (issue 16) under {@code /api/v1/programme/reporting-periods}: periods
 * with deadlines (created, moved and closed by the province), each enterprise's period report
 * (pre-filled, notes, submit, reopen), the reporting status of an officer's area with the late
 * list, and the reminders. Bound by operationId; access is decided by the gate ({@code
 * auth.AccessPolicy}) and every read takes the caller's scope.
 */
public final class ReportingRoutes {
  /** The longest notes of a report (characters). */
  static final int MAX_NOTES = 10_000;

  private final Vertx vertx;
  private final Blocking blocking;
  private final PeriodReports reports;
  private final ReminderMailer mailer;

  /** Reminders stay in the outbox. */
  public ReportingRoutes(Vertx vertx, PeriodReports reports) {
    this(vertx, reports, null);
  }

  /** With {@code mailer} (null: none configured) sending the queued reminders by e-mail. */
  public ReportingRoutes(Vertx vertx, PeriodReports reports, ReminderMailer mailer) {
    this.vertx = vertx;
    this.blocking = Blocking.noStore(vertx);
    this.reports = reports;
    this.mailer = mailer;
  }

  /** {@code smtp} when a mailer sends the queued reminders, else {@code outbox}. */
  private String delivery() {
    return mailer == null ? "outbox" : "smtp";
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("listReportingPeriods", this::list);
    api.bind("createReportingPeriod", blocking.parsing(this::create));
    api.bind("setReportingDeadline", blocking.parsing(this::deadline));
    api.bind("closeReportingPeriod", blocking.parsing(this::close));
    api.bind("getReportingStatus", blocking.parsing(this::status));
    api.bind("getPeriodReport", blocking.parsing(this::report));
    api.bind("putPeriodReportNotes", blocking.parsing(this::notes));
    api.bind("submitPeriodReport", blocking.parsing(this::submit));
    api.bind("reopenPeriodReport", blocking.parsing(this::reopen));
    api.bind("listReportingReminders", blocking.parsing(this::reminders));
    api.bind("sendReportingReminders", blocking.parsing(this::remind));
  }

  private PgReporting store() {
    return reports.store();
  }

  private void list(RoutingContext ctx) {
    blocking.reply(
        ctx,
        () -> {
          JsonArray out = new JsonArray();
          LocalDate today = reports.today();
          for (PgReporting.Period p : store().periods()) {
            JsonObject m = new JsonObject(p.json());
            m.put("days_to_deadline", p.deadline().toEpochDay() - today.toEpochDay());
            out.add(m);
          }
          return new JsonObject().put("today", today.toString()).put("periods", out);
        });
  }

  private Callable<?> create(RoutingContext ctx) {
    Fields f = new Fields(Params.body(ctx).getMap(), "");
    f.only(Set.of("period", "deadline", "reminder_days"));
    String label = f.text("period", true, 10);
    LocalDate deadline = f.date("deadline", true);
    Double days = f.number("reminder_days", false, 0, 90);
    f.throwFirst();
    ReportPeriod b = PeriodReports.bounds(label, "period");
    checkDeadline(b.from(), deadline);
    int lead = leadTime(days);
    Who who = Who.of(ctx);
    return () ->
        Blocking.Answer.created(
            new JsonObject(
                store()
                    .periodStore()
                    .create(who, b.label(), b.from(), b.to(), deadline, lead, reports.now())
                    .json()));
  }

  private Callable<?> deadline(RoutingContext ctx) {
    String label = label(ctx);
    Fields f = new Fields(Params.body(ctx).getMap(), "");
    f.only(Set.of("deadline", "reminder_days", "reason"));
    LocalDate deadline = f.date("deadline", true);
    Double days = f.number("reminder_days", false, 0, 90);
    String reason = f.text("reason", false, 1000);
    f.throwFirst();
    checkDeadline(PeriodReports.bounds(label, "period").from(), deadline);
    Who who = Who.of(ctx);
    return () -> {
      int lead = days == null ? store().period(label).reminderDays() : leadTime(days);
      return new JsonObject(
          store().setDeadline(who, label, deadline, lead, reason, reports.now()).json());
    };
  }

  private Callable<?> close(RoutingContext ctx) {
    String label = label(ctx);
    Who who = Who.of(ctx);
    return () -> new JsonObject(store().close(who, label, reports.now()).json());
  }

  private Callable<?> status(RoutingContext ctx) {
    String label = label(ctx);
    var scope = Principal.scope(ctx);
    return () -> new JsonObject(reports.status(scope, label));
  }

  /** The path's period and enterprise, with the caller's scope and who they are. */
  private record ReportRequest(String label, String enterprise, Scope scope, Who who) {
    static ReportRequest of(RoutingContext ctx) {
      return new ReportRequest(
          ReportingRoutes.label(ctx),
          ReportingRoutes.enterprise(ctx),
          Principal.scope(ctx),
          Who.of(ctx));
    }
  }

  private Callable<?> report(RoutingContext ctx) {
    ReportRequest q = ReportRequest.of(ctx);
    return () -> new JsonObject(reports.report(q.scope(), q.enterprise(), q.label()));
  }

  private Callable<?> notes(RoutingContext ctx) {
    ReportRequest q = ReportRequest.of(ctx);
    JsonObject b = Params.body(ctx);
    Params.onlyFields(b, List.of("notes"), "notes");
    String notes = notes(b, true);
    return () ->
        view(
            q,
            store().saveNotes(q.who(), q.scope(), q.enterprise(), q.label(), notes, reports.now()));
  }

  private Callable<?> submit(RoutingContext ctx) {
    ReportRequest q = ReportRequest.of(ctx);
    JsonObject b = Params.bodyOrNull(ctx);
    String notes = null;
    if (b != null) {
      Params.onlyFields(b, List.of("notes"), "notes");
      notes = notes(b, false);
    }
    String text = notes;
    return () ->
        new JsonObject(reports.submit(q.who(), q.scope(), q.enterprise(), q.label(), text));
  }

  private Callable<?> reopen(RoutingContext ctx) {
    ReportRequest q = ReportRequest.of(ctx);
    Fields f = new Fields(Params.body(ctx).getMap(), "");
    f.only(Set.of("reason"));
    String reason = f.text("reason", true, 1000);
    f.throwFirst();
    return () -> view(q, store().reopen(q.who(), q.enterprise(), q.label(), reason, reports.now()));
  }

  /** The report as its enterprise sees it after a change. */
  private JsonObject view(ReportRequest q, PgReporting.Report r) {
    return new JsonObject(
        reports.view(q.scope(), q.enterprise(), store().period(q.label()), Optional.of(r)));
  }

  private Callable<?> reminders(RoutingContext ctx) {
    String label = label(ctx);
    var scope = Principal.scope(ctx);
    return () -> {
      PgReporting.Period p = store().period(label);
      return reminderList(p, delivery(), store().reminders(scope, p));
    };
  }

  private Callable<?> remind(RoutingContext ctx) {
    String label = label(ctx);
    return () -> {
      List<PgReporting.Reminder> sent = reports.remind(label, true);
      if (mailer != null && !sent.isEmpty()) {
        // sent at once rather than at the mailer's next run; what fails is retried then
        vertx.executeBlocking(mailer::sendQueued, false);
      }
      PgReporting.Period p = store().period(label);
      LocalDate today = reports.today();
      return reminderList(p, delivery(), sent)
          .put("due", PeriodReports.remindersDue(p, today))
          // after the deadline an officer's request reminds the late facilities not reminded yet
          .put("overdue", !p.closed() && today.isAfter(p.deadline()));
    };
  }

  private static JsonObject reminderList(
      PgReporting.Period p, String delivery, List<PgReporting.Reminder> list) {
    JsonArray out = new JsonArray();
    list.forEach(r -> out.add(new JsonObject(r.json())));
    // smtp: the mailer sends the queued ones; outbox: no SMTP server is configured
    // (docs/programme-reporting.md, "Reminders")
    return new JsonObject()
        .put("period", new JsonObject(p.json()))
        .put("delivery", delivery)
        .put("reminders", out);
  }

  // ---- parameters ----

  private static String label(RoutingContext ctx) {
    return PeriodReports.bounds(ctx.pathParam("period"), "period").label();
  }

  private static String enterprise(RoutingContext ctx) {
    return Params.id("enterprise", ctx.pathParam("enterprise"));
  }

  /** The deadline falls on or after the period's first day and within five years of it. */
  private static void checkDeadline(LocalDate from, LocalDate deadline) {
    if (deadline.isBefore(from) || deadline.isAfter(from.plusYears(5))) {
      throw DomainException.invalid(
          "deadline", "on or after the period's first day " + from + " and within five years");
    }
  }

  private static int leadTime(Double days) {
    if (days == null) {
      return 7;
    }
    if (days != Math.rint(days)) {
      throw DomainException.invalid("reminder_days", "a whole number of days (0 to 90)");
    }
    return days.intValue();
  }

  /** Notes: text of at most {@link #MAX_NOTES} characters; line breaks and tabs allowed. */
  private static String notes(JsonObject b, boolean required) {
    Object v = b.getValue("notes");
    if (v == null) {
      if (required) {
        throw DomainException.invalid("notes", "required (may be empty text)");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid("notes", "must be text");
    }
    if (s.length() > MAX_NOTES) {
      throw DomainException.invalid(
          "notes", "at most " + MAX_NOTES + " characters, got " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
        throw DomainException.invalid("notes", "must not contain control characters");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(++i)))) {
        throw DomainException.invalid("notes", "must be valid Unicode text");
      }
    }
    return s.strip();
  }
}
