package org.energytrace.ingest.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.errors.NotFoundException;
import org.energytrace.ingest.errors.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error answers of the HTTP API, written once: a JSON body {@code {error, message[, parameter],
 * request_id}}. What the client reads is ours; what went wrong inside (exception classes, SQL,
 * library messages) goes to the log under the request id the client is given (OWASP ASVS 4.0
 * V7.4.1: a generic message with an id support can find).
 *
 * <p>{@link #handle} is the router's failure handler: an exception thrown by a route or a {@code
 * ctx.fail(status)} (a body over the limit, a malformed request) ends here.
 */
public final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
  static final String REQUEST_ID = "et.request_id";

  private HttpErrors() {}

  /** This request's id, also sent as the {@code X-Request-Id} header. */
  public static String requestId(RoutingContext ctx) {
    String id = ctx.get(REQUEST_ID);
    if (id == null) {
      id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
      ctx.put(REQUEST_ID, id);
    }
    return id;
  }

  /** An error answer; does nothing when the response has ended already. */
  public static void send(RoutingContext ctx, int status, String error, String message) {
    send(ctx, status, new JsonObject().put("error", error).put("message", message));
  }

  /** A 400 naming the parameter or body field that was wrong. */
  public static void badRequest(RoutingContext ctx, String parameter, String message) {
    send(
        ctx,
        400,
        new JsonObject()
            .put("error", "bad_request")
            .put("parameter", parameter)
            .put("message", parameter + ": " + message));
  }

  /**
   * A refusal of the domain: its status (400 {@code bad_request} for an invalid value, else {@code
   * conflict}) naming the field, as the feature routes answer it.
   */
  public static void refused(RoutingContext ctx, DomainException d) {
    send(
        ctx,
        d.httpStatus(),
        new JsonObject()
            .put("error", d.kind() == DomainException.Kind.INVALID ? "bad_request" : "conflict")
            .put("parameter", d.field())
            .put("message", d.field() + ": " + d.getMessage()));
  }

  /** 422: the data cannot give an answer ({@code code}: the analytics' reason, lower case). */
  public static void unprocessable(RoutingContext ctx, String code, String message) {
    send(
        ctx,
        422,
        new JsonObject().put("error", "unprocessable").put("code", code).put("message", message));
  }

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.response().headWritten()) {
      // a stream that already started cannot change its status: cut it
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.put("request_id", requestId(ctx)).encode());
  }

  /**
   * The answer to an unexpected failure of a handler: 404 for what does not exist, 503 when the
   * database is unreachable (worth retrying), otherwise 500; internals are logged, never sent.
   */
  public static void failed(RoutingContext ctx, Throwable e) {
    if (e instanceof NotFoundException) {
      send(ctx, 404, "not_found", e.getMessage());
    } else if (e instanceof StoreException s && s.isTransient()) {
      LOG.warn(
          "request {} {} {}: database unavailable: {}",
          requestId(ctx),
          ctx.request().method(),
          ctx.request().path(),
          e.getMessage());
      send(ctx, 503, "unavailable", "database unavailable; try again later");
    } else {
      internal(ctx, "failed", e);
    }
  }

  /**
   * 500, the request logged as failed: {@code how} ends the log line, {@code cause} is the
   * exception (logged with its trace) or the value of a {@code {}} in {@code how}.
   */
  private static void internal(RoutingContext ctx, String how, Object cause) {
    LOG.error(
        "request {} {} {} " + how,
        requestId(ctx),
        ctx.request().method(),
        ctx.request().path(),
        cause);
    send(ctx, 500, "internal", "internal error; quote request id " + requestId(ctx));
  }

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Throwable e = ctx.failure();
    int status = ctx.statusCode();
    if (ctx.response().closed()) {
      // the client went away (e.g. mid-upload): nobody to answer
      LOG.debug("request {} ended by the client: {}", requestId(ctx), String.valueOf(e));
      return;
    }
    if (status == 413) {
      send(ctx, 413, "too_large", "the request body is larger than this operation accepts");
      return;
    }
    if (e == null) {
      switch (status) {
        case 400 -> send(ctx, 400, "bad_request", "malformed request");
        case 404 -> send(ctx, 404, "not_found", "not found");
        case 405 -> send(ctx, 405, "method_not_allowed", "method not allowed");
        case 415 -> send(ctx, 415, "unsupported_media_type", "unsupported Content-Type");
        default -> {
          if (status >= 400 && status < 500) {
            send(ctx, status, "bad_request", "the request cannot be carried out");
          } else {
            internal(ctx, "failed with status {}", status);
          }
        }
      }
      return;
    }
    failed(ctx, e);
  }
}
