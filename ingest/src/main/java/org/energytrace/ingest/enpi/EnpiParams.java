package org.energytrace.ingest.enpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.energytrace.analytics.domain.EnpiBasis;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.production.PgProduction;

/**
 * The request fields of the EnPI and production API, checked as its handlers always did: each
 * refusal a {@link DomainException#invalid} naming the field ({@code web.Params} holds the checks
 * the whole API shares).
 */
final class EnpiParams {
  private EnpiParams() {}

  static String enterprise(RoutingContext ctx) {
    return ctx.pathParam("enterprise");
  }

  /** A string field (def when absent or null), refused with its name when of another type. */
  static String str(JsonObject b, String field, String def) {
    return str(b, field, def, field);
  }

  static String str(JsonObject b, String key, String def, String name) {
    return typed(b, key, String.class, () -> def, name, "must be a string");
  }

  /** An object field, empty when absent or null. */
  static JsonObject obj(JsonObject b, String field) {
    return typed(b, field, JsonObject.class, JsonObject::new, field, "must be an object");
  }

  /** A list field, empty when absent or null. */
  static JsonArray arr(JsonObject b, String field) {
    return typed(b, field, JsonArray.class, JsonArray::new, field, "must be a list");
  }

  /**
   * The {@code key} of {@code b} as a {@code type}: {@code absent} when absent or null, refused as
   * {@code name} with {@code message} when of another type.
   */
  private static <T> T typed(
      JsonObject b, String key, Class<T> type, Supplier<T> absent, String name, String message) {
    Object v = b.getValue(key);
    if (v == null) {
      return absent.get();
    }
    if (!type.isInstance(v)) {
      throw DomainException.invalid(name, message);
    }
    return type.cast(v);
  }

  static String param(RoutingContext ctx, String name, String def) {
    String v = ctx.queryParams().get(name);
    return v == null ? def : v;
  }

  static int version(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw DomainException.invalid("version", "must be an integer, got '" + v + "'");
    }
  }

  /** The optional {@code basis} query parameter, null when absent. */
  static EnpiBasis basisParam(RoutingContext ctx) {
    String b = ctx.queryParams().get("basis");
    return b == null ? null : basis(b);
  }

  static EnpiBasis basis(String s) {
    if (s == null) {
      throw DomainException.invalid("basis", "must be kwh_final, mj_final or toe_primary");
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "kwh", "kwh_final" -> EnpiBasis.KWH_FINAL;
      case "mj", "mj_final" -> EnpiBasis.MJ_FINAL;
      case "toe", "toe_primary" -> EnpiBasis.TOE_PRIMARY;
      default ->
          throw DomainException.invalid(
              "basis", "must be kwh_final, mj_final or toe_primary (or kwh, mj, toe)");
    };
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw DomainException.invalid(
          field,
          "must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList());
    }
  }

  /**
   * The reason of a correction (docs/verification.md §1.4): required when a changed figure is used
   * by an approved baseline or a verified period; at most 2000 characters.
   */
  static String reason(String reason) {
    if (reason != null && reason.length() > 2000) {
      throw DomainException.invalid("reason", "at most 2000 characters");
    }
    return reason;
  }

  static PgProduction.Revision revision(RoutingContext ctx, String reason) {
    PgEnpiStore.Author a = author(ctx);
    return new PgProduction.Revision(a.subject(), a.role(), a.clientIp(), reason);
  }

  /** Who changes a definition: the audit entry of a new EnPI version names them. */
  static PgEnpiStore.Author author(RoutingContext ctx) {
    Principal p = Principal.of(ctx);
    return new PgEnpiStore.Author(p.subject(), p.role().wire(), SecurityHandler.clientIp(ctx));
  }
}
