package org.energytrace.ingest.resource;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.resource.ResourceKind;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.web.Instants;

/**
 * The request fields of the resource API, checked as its handlers always did: each refusal a {@link
 * DomainException#invalid} naming the field ({@code web.Params} holds the checks the whole API
 * shares).
 */
final class ResourceParams {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** The longest span a query reads (days). */
  static final long MAX_SPAN_DAYS = 3 * 366;

  private ResourceParams() {}

  static ModelSelector.Request model(String mv) {
    try {
      return ModelSelector.Request.valueOf(
          (mv == null ? "auto" : mv).toUpperCase(Locale.ROOT).replace("-", ""));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("model", "must be auto, ratio, ols or changepoint");
    }
  }

  static LocalDate day(JsonObject b, String field) {
    String value = str(b, field);
    if (value == null) {
      throw DomainException.invalid(field, "required (an ISO date such as 2026-01-31)");
    }
    return Instants.day(value)
        .orElseThrow(
            () -> DomainException.invalid(field, Instants.EXPECTED_DAY + ", got '" + value + "'"));
  }

  static double confidence(RoutingContext ctx) {
    double confidence;
    String cv = ctx.queryParams().get("confidence");
    try {
      confidence = cv == null ? 90 : Double.parseDouble(cv);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("confidence", "must be a number of percent, e.g. 90");
    }
    if (!(confidence > 0 && confidence < 100)) {
      throw DomainException.invalid("confidence", "must be between 0 and 100, got " + cv);
    }
    return confidence;
  }

  static String enterprise(RoutingContext ctx) {
    return ctx.pathParam("enterprise");
  }

  static String code(RoutingContext ctx) {
    String code = ctx.pathParam("resource");
    if (code == null || !CODE.matcher(code).matches()) {
      throw DomainException.invalid(
          "resource", "a resource id is 1 to 64 letters, digits, '_', '.' or '-'");
    }
    return code;
  }

  static ResourceKind kind(String s) {
    if (s == null) {
      throw DomainException.invalid("kind", "required: energy, water or material");
    }
    try {
      return ResourceKind.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("kind", "must be energy, water or material, got '" + s + "'");
    }
  }

  /** A string field (null when absent), refused with its name when of another type or too long. */
  static String str(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(field, "must be a string");
    }
    if (s.isBlank()) {
      return null;
    }
    if (s.length() > 128 || s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw DomainException.invalid(field, "at most 128 characters without control characters");
    }
    return s.strip();
  }

  /**
   * The reason of a correction (docs/resources.md "Audited revisions"): required when a changed
   * entry is used by an approved resource baseline; null when absent or blank.
   */
  static String reason(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid("reason", "must be a string");
    }
    if (s.length() > 2000) {
      throw DomainException.invalid("reason", "at most 2000 characters");
    }
    if (s.chars()
        .anyMatch(
            ch ->
                (ch < 0x20 && ch != '\n' && ch != '\t')
                    || ch == 0x7f
                    || Character.isSurrogate((char) ch))) {
      throw DomainException.invalid("reason", "must be text without control characters");
    }
    return s.isBlank() ? null : s.strip();
  }

  static String text(JsonObject b, String field) {
    String s = str(b, field);
    if (s != null && s.chars().anyMatch(ch -> Character.isSurrogate((char) ch))) {
      throw DomainException.invalid(field, "must be valid text without surrogates");
    }
    return s;
  }

  static void span(String fromField, LocalDate from, String toField, LocalDate to) {
    DomainException.requireNotBefore(fromField, from, toField, to);
    if (ChronoUnit.DAYS.between(from, to) > MAX_SPAN_DAYS) {
      throw DomainException.invalid(toField, "a span is at most " + MAX_SPAN_DAYS + " days");
    }
  }
}
