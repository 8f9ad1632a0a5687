package org.energytrace.ingest.auth;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Operation;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Uploads;

/**
 * Reads the body of a request the gate ({@link SecurityHandler}) let through, as its operation in
 * the OpenAPI document declares it, and nothing else: no body (an action — not a GET or HEAD — that
 * announces one is refused with 400 naming {@code body}; it is never read, and drained or cut when
 * the answer is sent), a JSON document of at most {@code http.max_body_bytes} held in memory, or a
 * file for an upload operation ({@link Uploads}). Nothing is ever written to disk for another
 * operation, and nothing at all before the access check (issue 11).
 *
 * <p>A JSON body must come as {@code application/json} (415 otherwise: a form, multipart or not, is
 * refused before a byte of it is read), parse, be an object, hold no number beyond a double's
 * range, and hold no string with U+0000 (PostgreSQL text cannot store it) or an unpaired surrogate;
 * otherwise 400 naming the field, e.g. {@code quantities[1].product}.
 */
public final class RequestBodies {
  private final BodyHandler json;
  private final Uploads uploads;

  public RequestBodies(int maxJsonBytes, Uploads uploads) {
    this.json =
        BodyHandler.create(false).setBodyLimit(maxJsonBytes).setDeleteUploadedFilesOnEnd(true);
    this.uploads = uploads;
  }

  /** Route handler after the gate: reads the body as the operation declares it. */
  public void read(RoutingContext ctx) {
    Optional<Operation> op = SecurityHandler.operation(ctx);
    if (op.isEmpty()) {
      ctx.next();
      return;
    }
    switch (ApiContract.body(op.get())) {
      case NONE -> {
        if (isAction(ctx.request()) && sendsBody(ctx.request())) {
          // never read, but not ignored either: a client that sends a body to an action that
          // takes none (a close, a re-process) meant something else and is told so; a read
          // (GET, HEAD) is answered whatever it carries
          HttpErrors.badRequest(
              ctx, "body", "operation " + op.get().getOperationId() + " takes no body; send none");
        } else {
          ctx.next();
        }
      }
      case FILE -> uploads.receive(ctx);
      case JSON -> {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !isJson(type)) {
          // also what keeps a cross-site HTML form (urlencoded, multipart, text/plain) out
          HttpErrors.send(ctx, 415, "unsupported_media_type", "send the body as application/json");
        } else if (ctx.request().isEnded()) {
          ctx.next(); // no body was sent
        } else {
          json.handle(ctx);
        }
      }
    }
  }

  /** A request that changes something: not GET, HEAD or OPTIONS. */
  private static boolean isAction(HttpServerRequest request) {
    return switch (request.method().name()) {
      case "GET", "HEAD", "OPTIONS" -> false;
      default -> true;
    };
  }

  /** Whether the request announces a body: a Content-Length above 0, or chunked transfer. */
  static boolean sendsBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length != null) {
      try {
        return Long.parseLong(length.trim()) > 0;
      } catch (NumberFormatException e) {
        return true; // not a length: Vert.x refuses such a request before this; be strict
      }
    }
    String transfer = request.getHeader("Transfer-Encoding");
    return transfer != null && transfer.toLowerCase(Locale.ROOT).contains("chunked");
  }

  private static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    String media = (semi < 0 ? t : t.substring(0, semi)).trim();
    return media.equals("application/json") || media.endsWith("+json");
  }

  /** Route handler after {@link #read}: checks a JSON body once for every operation. */
  public void check(RoutingContext ctx) {
    Optional<Operation> op = SecurityHandler.operation(ctx);
    if (op.isEmpty() || ApiContract.body(op.get()) != ApiContract.Body.JSON) {
      ctx.next();
      return;
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ctx.next();
      return;
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      HttpErrors.badRequest(
          ctx,
          "body",
          (tooDeep(e)
                  ? "nests arrays and objects too deeply (at most 1000 levels)"
                  : "not valid JSON")
              + where(e));
      return;
    }
    if (!(value instanceof JsonObject object)) {
      HttpErrors.badRequest(ctx, "body", "must be a JSON object");
      return;
    }
    Optional<String[]> bad = find(object, "");
    if (bad.isPresent()) {
      HttpErrors.badRequest(ctx, bad.get()[0], bad.get()[1]);
      return;
    }
    ctx.next();
  }

  /** Valid JSON beyond the parser's nesting limit (Jackson's StreamReadConstraints). */
  private static boolean tooDeep(DecodeException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof StreamConstraintsException) {
        return String.valueOf(c.getMessage()).contains("nesting depth");
      }
    }
    return false;
  }

  /** The position of a JSON syntax error, when the parser gave one. */
  private static String where(DecodeException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof com.fasterxml.jackson.core.JsonProcessingException j
          && j.getLocation() != null) {
        return " (line "
            + j.getLocation().getLineNr()
            + ", column "
            + j.getLocation().getColumnNr()
            + ")";
      }
    }
    return "";
  }

  /** The first field holding a value no handler should see: {path, problem}. */
  private static Optional<String[]> find(Object value, String path) {
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        Optional<String> key = textProblem(e.getKey());
        if (key.isPresent()) {
          return Optional.of(new String[] {"body", "a field name " + key.get()});
        }
        Optional<String[]> inner = find(e.getValue(), name);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        Optional<String[]> inner =
            find(a.getValue(i), (path.isEmpty() ? "body" : path) + "[" + i + "]");
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (value instanceof String s) {
      return textProblem(s).map(p -> new String[] {path, p});
    } else if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
      return Optional.of(new String[] {path, "a number beyond the range of a double"});
    }
    return Optional.empty();
  }

  private static Optional<String> textProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == 0) {
        return Optional.of("must not contain U+0000 (NUL)");
      }
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of("must be Unicode text (an unpaired surrogate)");
      }
      if (Character.isLowSurrogate(ch)) {
        return Optional.of("must be Unicode text (an unpaired surrogate)");
      }
    }
    return Optional.empty();
  }

  /**
   * An end handler for every request under the gate: when the answer is sent while the body was
   * never read (a refusal, an operation without body, an upload over the limit), the rest is read
   * and dropped, and past {@code limit} bytes the connection is closed.
   */
  static Handler<io.vertx.core.AsyncResult<Void>> drain(HttpServerRequest req, long limit) {
    return v -> {
      if (req.isEnded()) {
        return;
      }
      long[] seen = {0};
      req.exceptionHandler(e -> {});
      req.endHandler(x -> {});
      req.handler(
          b -> {
            seen[0] += b.length();
            if (seen[0] > limit) {
              req.handler(null);
              req.connection().close();
            }
          });
      req.resume();
    };
  }
}
