package org.energytrace.ingest.verification;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Base64;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Params;

/**
 * The requests of a period's verification read from their JSON bodies and paths: a sign-off, a
 * proposed adjustment (with its attachment, also a calibration's certificate) and an adjustment id.
 * Each refuses what it cannot read with a {@link DomainException} naming the field.
 */
final class PeriodRequests {
  private PeriodRequests() {}

  /** The body of {@code signOffPeriod}. */
  static PgSignoffs.Request signoff(RoutingContext ctx) {
    JsonObject b = Params.nonEmptyBody(ctx);
    return new PgSignoffs.Request(
        integer(b, "baseline_version"),
        date(b, "from"),
        date(b, "to"),
        PeriodSignoff.Opinion.of(string(b, "opinion", true)),
        VerificationRoutes.text(ctx, "comments", false),
        string(b, "dossier_sha256", true));
  }

  /** The body of {@code proposeAdjustment}. */
  static Adjustment adjustment(RoutingContext ctx) {
    JsonObject b = Params.nonEmptyBody(ctx);
    Adjustment.Method method =
        Adjustment.parse(Adjustment.Method.class, "method", string(b, "method", true));
    boolean refitted = method == Adjustment.Method.REFITTED_TERM;
    return new Adjustment(
        Adjustment.parse(Adjustment.Kind.class, "kind", string(b, "kind", true)),
        date(b, "from"),
        date(b, "to"),
        method,
        // a re-fitted term's coefficient comes from the data: NaN unless a value was sent
        number(b, "value", refitted ? Double.NaN : null),
        number(b, "std_error", 0.0),
        VerificationRoutes.text(ctx, "justification", true),
        attachment(b),
        string(b, "variable", false));
  }

  /**
   * The optional {@code attachment} {name, media_type, content_base64} of a body, at most {@link
   * Adjustment#MAX_ATTACHMENT_BYTES} decoded; null when absent.
   */
  static Adjustment.Attachment attachment(JsonObject b) {
    Object v = b.getValue("attachment");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject a)) {
      throw DomainException.invalid(
          "attachment", "must be an object {name, media_type, content_base64}");
    }
    String content = string(a, "content_base64", true);
    if (content.length() > Adjustment.MAX_ATTACHMENT_BYTES / 3 * 4 + 8) {
      throw DomainException.invalid(
          "attachment.content_base64",
          "at most " + Adjustment.MAX_ATTACHMENT_BYTES + " bytes (decoded)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("attachment.content_base64", "must be base64");
    }
    return new Adjustment.Attachment(string(a, "name", true), string(a, "media_type", true), bytes);
  }

  /** The path's {@code adjustment} id, from 1. */
  static long adjustmentId(RoutingContext ctx) {
    String v = ctx.pathParam("adjustment");
    try {
      long n = Long.parseLong(v);
      if (n < 1) {
        throw DomainException.invalid("adjustment", "must be an adjustment id from 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw DomainException.invalid("adjustment", "must be an integer id, got '" + v + "'");
    }
  }

  private static String string(JsonObject b, String field, boolean required) {
    Object v = b.getValue(field);
    if (v == null) {
      if (required) {
        throw DomainException.invalid(field, "required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(field, "must be a string");
    }
    return s;
  }

  private static int integer(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      throw DomainException.invalid(field, "required");
    }
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 1
        || n.doubleValue() > Integer.MAX_VALUE) {
      throw DomainException.invalid(field, "must be a version number from 1");
    }
    return n.intValue();
  }

  private static double number(JsonObject b, String field, Double absent) {
    Object v = b.getValue(field);
    if (v == null) {
      if (absent == null) {
        throw DomainException.invalid(field, "required");
      }
      return absent;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw DomainException.invalid(field, "must be a finite number");
    }
    return n.doubleValue();
  }

  private static LocalDate date(JsonObject b, String field) {
    return date(field, string(b, field, true));
  }

  /** {@code s} as a day (yyyy-mm-dd) between 1990 and 2200, refused naming {@code field}. */
  static LocalDate date(String field, String s) {
    return Params.day(field, s, 1990, 2200, "(yyyy-mm-dd)");
  }
}
