package org.energytrace.ingest.auth;

import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.energytrace.ingest.web.HttpErrors;

/**
 * The checks of a request's path and query that come before everything else under {@code /api/}: no
 * identifier or filter of the API contains control characters; NUL in particular cannot reach
 * PostgreSQL text (OWASP ASVS 4.0 V5.1.3 input validation). A refusal names the path or query
 * parameter ({@code enterprise}), or {@code path} when the path is no operation's.
 */
final class RequestLine {
  static final String MESSAGE =
      "control characters (such as U+0000) and malformed percent-encoding are not allowed";

  private RequestLine() {}

  /**
   * Route handler in front of the API router: pauses the request (nothing of its body is read
   * before the access check; whatever is left unread when the answer goes is drained or the
   * connection cut) and refuses a path with control characters or malformed percent-encoding.
   */
  static void enter(RoutingContext ctx, OpenAPIContract contract, long drainLimit) {
    ctx.request().pause();
    ctx.addEndHandler(RequestBodies.drain(ctx.request(), drainLimit));
    String raw = ctx.request().path();
    if (raw != null && raw.contains("//")) {
      // an empty segment (an id left empty: /quarantine//reprocess) is no operation's path; the
      // router would take it for the path without it (the bulk /quarantine/reprocess)
      HttpErrors.send(
          ctx, 404, "not_found", "no such operation: " + ctx.request().method() + " " + raw);
      return;
    }
    String path = ctx.normalizedPath();
    if (path.endsWith("/")) {
      // no operation's path ends in a slash (the router would take it for the path without)
      if (hasControlCharacters(path)) {
        HttpErrors.badRequest(ctx, "path", MESSAGE);
      } else {
        undocumented(ctx);
      }
      return;
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (hasControlCharacters(segments[i])) {
        HttpErrors.badRequest(ctx, pathParameter(contract, ctx, i).orElse("path"), MESSAGE);
        return;
      }
    }
    ctx.next();
  }

  /**
   * Route handler behind the API router: a request under {@code /api/} that no operation of the
   * document took is answered 404 (what is not in the document is not reachable); one that passed
   * the gate goes on to the plain routes.
   */
  static void undocumented(RoutingContext ctx) {
    if (SecurityHandler.operation(ctx).isPresent()) {
      ctx.next();
    } else {
      HttpErrors.send(
          ctx,
          404,
          "not_found",
          "no such operation: " + ctx.request().method() + " " + ctx.normalizedPath());
    }
  }

  /** The name of the path parameter at segment {@code index} of the operation the path is. */
  private static Optional<String> pathParameter(
      OpenAPIContract contract, RoutingContext ctx, int index) {
    Operation op;
    try {
      op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (op == null) {
      return Optional.empty();
    }
    String[] template = op.getAbsoluteOpenAPIPath().substring(1).split("/");
    if (index < template.length && template[index].matches("\\{[^}]+}")) {
      return Optional.of(template[index].substring(1, template[index].length() - 1));
    }
    return Optional.empty();
  }

  /** The first query parameter holding a control character, if one does. */
  static Optional<String> badQueryParameter(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (hasControlCharacters(name) || hasControlCharacters(value)) {
        String decoded = decodeOr(name, "query");
        return Optional.of(decoded.chars().anyMatch(Character::isISOControl) ? "query" : decoded);
      }
    }
    return Optional.empty();
  }

  private static String decodeOr(String s, String fallback) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  static boolean hasControlCharacters(String s) {
    if (s == null) {
      return false;
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return true; // malformed percent-encoding
    }
    return decoded.chars().anyMatch(Character::isISOControl);
  }
}
