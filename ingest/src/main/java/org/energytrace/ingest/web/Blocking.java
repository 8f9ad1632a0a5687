package org.energytrace.ingest.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.energytrace.ingest.errors.DomainException;

/**
 * The one shape of a JSON operation: parse the request on the event loop, run the store work on a
 * worker thread, answer its result as JSON. A {@link DomainException} from the parse or the work
 * becomes a 400/409 naming the field; every other failure goes to {@link HttpErrors#failed} (404
 * for what does not exist, 503 for a database outage, else 500 with the request id).
 *
 * <pre>{@code
 * blocking.parseAndReply(ctx, () -> {
 *   String meter = Params.id("meter", ctx.pathParam("meter"));   // event loop: may refuse
 *   Scope scope = Principal.scope(ctx);
 *   return () -> json(queries.meter(scope, meter));               // worker thread
 * });
 * }</pre>
 */
public final class Blocking {
  private final Vertx vertx;
  private final boolean noStore;

  private Blocking(Vertx vertx, boolean noStore) {
    this.vertx = vertx;
    this.noStore = noStore;
  }

  /** Answers marked {@code Cache-Control: no-store} (accounts, tokens, sessions, audit). */
  public static Blocking noStore(Vertx vertx) {
    return new Blocking(vertx, true);
  }

  /** Answers without a {@code Cache-Control} header (the data reads of the API, as always). */
  public static Blocking plain(Vertx vertx) {
    return new Blocking(vertx, false);
  }

  /** A result with another status than 200; its body is a JsonObject or a JsonArray. */
  public record Answer(int status, Object body) {
    public static Answer created(Object body) {
      return new Answer(201, body);
    }
  }

  /** The parse step of a request: refuses with a {@link DomainException}, or names the work. */
  @FunctionalInterface
  public interface Request {
    Callable<?> parse();
  }

  /**
   * The result of a parse step, or empty when it refused the request (a {@link DomainException},
   * answered here): for handlers that decide more on the event loop before any work.
   */
  public static <T> Optional<T> parse(RoutingContext ctx, Supplier<T> parse) {
    try {
      return Optional.of(parse.get());
    } catch (DomainException e) {
      failed(ctx, e);
      return Optional.empty();
    }
  }

  /** Parses the request, then runs the work it names on a worker thread and answers its result. */
  public void parseAndReply(RoutingContext ctx, Request request) {
    Callable<?> work;
    try {
      work = request.parse();
    } catch (DomainException e) {
      failed(ctx, e);
      return;
    }
    reply(ctx, work);
  }

  /**
   * Runs {@code work} on a worker thread and answers its result: a JsonObject or JsonArray with
   * 200, an {@link Answer} with its status.
   */
  public void reply(RoutingContext ctx, Callable<?> work) {
    run(ctx, work).onSuccess(result -> answer(ctx, result));
  }

  /**
   * Runs {@code work} on a worker thread; a failure is answered here, success is the caller's to
   * answer (e.g. after an audit entry or a cookie).
   */
  public <T> Future<T> run(RoutingContext ctx, Callable<T> work) {
    return vertx.executeBlocking(work, false).onFailure(e -> failed(ctx, e));
  }

  /** Answers a result as {@link #reply} does. */
  public void answer(RoutingContext ctx, Object result) {
    if (result instanceof Answer a) {
      json(ctx, a.status(), a.body());
    } else {
      json(ctx, 200, result);
    }
  }

  /** A JSON answer; the body is a JsonObject or a JsonArray. */
  public void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
    if (noStore) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
    ctx.response().end(text);
  }

  /**
   * The answer to a failed parse or work: a {@link DomainException} is a 400 ({@code bad_request})
   * or 409 ({@code conflict}) naming its field (a conflict without a field names none); anything
   * else is {@link HttpErrors#failed}.
   */
  public static void failed(RoutingContext ctx, Throwable e) {
    if (e instanceof DomainException d && d.kind() == DomainException.Kind.INVALID) {
      HttpErrors.badRequest(ctx, d.field(), d.getMessage());
    } else if (e instanceof DomainException d) {
      JsonObject body = new JsonObject().put("error", "conflict");
      if (d.field() != null) {
        body.put("parameter", d.field()).put("message", d.field() + ": " + d.getMessage());
      } else {
        body.put("message", d.getMessage());
      }
      HttpErrors.send(ctx, 409, body);
    } else {
      HttpErrors.failed(ctx, e);
    }
  }
}
