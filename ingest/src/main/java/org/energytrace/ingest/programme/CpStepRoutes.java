package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.today;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.energytrace.analytics.report.CpStage;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * The CP steps of a facility ({@code recordCpStep}): the stage reached, on a past date, with what
 * the stage asks for (how the facility became aware, whether it has potential, the verified saving)
 * and optionally its evidence, a base64-encoded file, read back with {@code getCpStepAttachment}.
 */
final class CpStepRoutes {
  private final PgCpSteps store;
  private final Clock clock;
  private final Blocking blocking;

  CpStepRoutes(PgCpSteps store, Clock clock, Blocking blocking) {
    this.store = store;
    this.clock = clock;
    this.blocking = blocking;
  }

  /** {@code recordCpStep}: 201 with the step as stored. */
  Object recordStep(RoutingContext ctx) {
    JsonObject b = Params.nonEmptyBody(ctx);
    Fields f = new Fields(b.getMap(), "");
    f.only(Set.of("stage", "date", "detail", "potential", "saving", "attachment"));
    List<String> stages = FacilityRoutes.STAGES;
    String stage = f.oneOf("stage", true, stages.subList(1, stages.size()));
    LocalDate date = f.date("date", true);
    String detail = f.text("detail", false, 1000);
    Boolean potential = f.bool("potential", false);
    Double saving = f.number("saving", false, 1, 9e15);
    f.throwFirst();
    if (saving != null && saving != Math.rint(saving)) {
      throw DomainException.invalid("saving", "the id of a saving (an integer)");
    }
    CpStage s = CpStage.valueOf(stage.toUpperCase(Locale.ROOT));
    if (date.isAfter(today(clock))) {
      throw DomainException.invalid(
          "date", "a step is recorded once it happened; " + date + " is in the future");
    }
    if (s == CpStage.AWARE
        && (detail == null || !List.of("workshop", "visit", "material").contains(detail))) {
      throw DomainException.invalid(
          "detail", "how the facility became aware: workshop, visit or material");
    }
    if ((s == CpStage.POTENTIAL_ASSESSED) != (potential != null)) {
      throw DomainException.invalid(
          "potential",
          s == CpStage.POTENTIAL_ASSESSED
              ? "required: whether the facility has CP potential (true or false)"
              : "only a potential_assessed step says potential");
    }
    if ((s == CpStage.SAVINGS_VERIFIED) != (saving != null)) {
      throw DomainException.invalid(
          "saving",
          s == CpStage.SAVINGS_VERIFIED
              ? "required: the id of the verified saving (recordProgrammeSaving)"
              : "only a savings_verified step names a saving");
    }
    Inputs.Attachment attachment = parseAttachment(b.getValue("attachment"));
    Inputs.Step step =
        new Inputs.Step(
            s, date, detail, potential, saving == null ? null : saving.longValue(), attachment);
    return Blocking.Answer.created(
        store.recordStep(
            Who.of(ctx), Principal.scope(ctx), ctx.pathParam("enterprise"), step, clock.instant()));
  }

  /** {@code {name, content_type?, data (base64)}} of at most {@link PgCpSteps#MAX_ATTACHMENT}. */
  private static Inputs.Attachment parseAttachment(Object raw) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject a)) {
      throw DomainException.invalid("attachment", "must be an object {name, content_type, data}");
    }
    Fields f = new Fields(a.getMap(), "attachment.");
    f.only(Set.of("name", "content_type", "data"));
    String name = f.text("name", true, 200);
    String type =
        f.matching(
            "content_type",
            false,
            Pattern.compile("[a-z]+/[a-z0-9.+-]+"),
            "a media type such as application/pdf");
    Object data = a.getValue("data");
    f.throwFirst();
    if (!(data instanceof String d) || d.isEmpty()) {
      throw DomainException.invalid("attachment.data", "required: the file, base64-encoded");
    }
    int max = PgCpSteps.MAX_ATTACHMENT;
    if (d.length() > (max / 3 + 1) * 4 + 8) {
      throw DomainException.invalid("attachment.data", "at most " + max + " bytes once decoded");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(d);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("attachment.data", "not base64 (RFC 4648)");
    }
    if (bytes.length > max) {
      throw DomainException.invalid("attachment.data", "at most " + max + " bytes once decoded");
    }
    if (bytes.length == 0) {
      throw DomainException.invalid("attachment.data", "an empty file");
    }
    return new Inputs.Attachment(name, type, bytes, sha256(bytes));
  }

  /** The SHA-256 of {@code bytes}, lower-case hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code getCpStepAttachment}: the file as stored, with its SHA-256; its reading audited. */
  void attachment(RoutingContext ctx) {
    Blocking.parse(ctx, () -> Params.longPath(ctx, "step", "must be a step id (an integer)"))
        .ifPresent(
            step ->
                blocking
                    .run(
                        ctx,
                        () ->
                            store.attachment(
                                Who.of(ctx),
                                Principal.scope(ctx),
                                ctx.pathParam("enterprise"),
                                step,
                                clock.instant()))
                    .onSuccess(a -> send(ctx, a)));
  }

  private static void send(RoutingContext ctx, PgCpSteps.StoredAttachment a) {
    Blocking.download(
        ctx,
        a.contentType() == null ? "application/octet-stream" : a.contentType(),
        "attachment; filename=\"" + a.name().replaceAll("[^A-Za-z0-9._-]", "_") + "\"",
        a.sha256(),
        a.bytes());
  }
}
