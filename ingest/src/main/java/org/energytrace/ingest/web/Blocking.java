package org.energytrace.ingest.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.ingest.errors.DomainException;

/**
 * The one shape of a JSON operation: parse the request on the event loop, run the store work on a
 * worker thread, answer its result as JSON. A {@link DomainException} from the parse or the work
 * becomes a 400/409 naming the field; every other failure goes to {@link HttpErrors#failed} (404
 * for what does not exist, 503 for a database outage, else 500 with the request id).
 *
 * <pre>{@code
 * api.bind("getMeter", blocking.parsing(this::meter));
 *
 * private Callable<?> meter(RoutingContext ctx) {
 *   String meter = Params.id("meter", ctx.pathParam("meter"));   // event loop: may refuse
 *   Scope scope = Principal.scope(ctx);
 *   return () -> json(queries.meter(scope, meter));               // worker thread
 * }
 * }</pre>
 */
public final class Blocking {
  private final Vertx vertx;
  private final boolean noStore;
  private final Failures failures;

  private Blocking(Vertx vertx, boolean noStore, Failures failures) {
    this.vertx = vertx;
    this.noStore = noStore;
    this.failures = failures;
  }

  /** Answers marked {@code Cache-Control: no-store} (accounts, tokens, sessions, audit). */
  public static Blocking noStore(Vertx vertx) {
    return new Blocking(vertx, true, null);
  }

  /** Answers without a {@code Cache-Control} header (the data reads of the API, as always). */
  public static Blocking plain(Vertx vertx) {
    return new Blocking(vertx, false, null);
  }

  /**
   * The same, answering first the failures {@code failures} knows (a feature's own refusals); what
   * it passes on is answered as {@link #failed} does.
   */
  public Blocking answering(Failures failures) {
    return new Blocking(vertx, noStore, failures);
  }

  /** A result with another status than 200; its body is a JsonObject, JsonArray, Map or List. */
  public record Answer(int status, Object body) {
    public static Answer created(Object body) {
      return new Answer(201, body);
    }
  }

  /** A text answer with 200 (a CSV export): no Content-Disposition. */
  public record Text(String contentType, String text) {}

  /**
   * A file to download with 200: its type, its file name (Content-Disposition) and bytes; with its
   * SHA-256 (lower-case hex, sent as {@code X-Content-SHA256}) when the caller knows it, e.g. the
   * hash an audit entry of the download names.
   */
  public record File(String contentType, String name, byte[] bytes, String sha256) {
    public File(String contentType, String name, byte[] bytes) {
      this(contentType, name, bytes, null);
    }
  }

  /** How a feature answers the failures it knows; false passes the failure on. */
  @FunctionalInterface
  public interface Failures {
    boolean answer(RoutingContext ctx, Throwable e);
  }

  /**
   * A handler whose whole work, the reading of its request included, runs on a worker thread (the
   * feature routes' shape: their checks and store reads interleave).
   */
  @FunctionalInterface
  public interface Work {
    Object run(RoutingContext ctx) throws Exception;
  }

  /**
   * A handler's parse step (the API routes' shape): reads and checks the request on the event loop,
   * refusing with a {@link DomainException}, and names the work to run on a worker thread.
   */
  @FunctionalInterface
  public interface Parse {
    Callable<?> parse(RoutingContext ctx);
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

  /**
   * A handler that parses its request with {@code parse}, then runs the work it names on a worker
   * thread and answers its result as {@link #reply}; a refused parse is answered as {@link #fail}.
   */
  public Handler<RoutingContext> parsing(Parse parse) {
    return ctx -> {
      Callable<?> work;
      try {
        work = parse.parse(ctx);
      } catch (DomainException e) {
        fail(ctx, e);
        return;
      }
      reply(ctx, work);
    };
  }

  /**
   * A handler that runs {@code work} on a worker thread and answers its result as {@link #reply}.
   */
  public Handler<RoutingContext> handler(Work work) {
    return ctx -> reply(ctx, () -> work.run(ctx));
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
    return vertx.executeBlocking(work, false).onFailure(e -> fail(ctx, e));
  }

  /** Answers a result as {@link #reply} does. */
  public void answer(RoutingContext ctx, Object result) {
    if (result instanceof Answer a) {
      json(ctx, a.status(), a.body());
    } else if (result instanceof Text t) {
      ctx.response().putHeader("Content-Type", t.contentType());
      cacheControl(ctx);
      ctx.response().end(t.text());
    } else if (result instanceof File f) {
      ctx.response()
          .putHeader("Content-Type", f.contentType())
          .putHeader("Content-Disposition", "attachment; filename=\"" + f.name() + "\"")
          .putHeader("X-Content-Type-Options", "nosniff");
      if (f.sha256() != null) {
        ctx.response().putHeader("X-Content-SHA256", f.sha256());
      }
      cacheControl(ctx);
      ctx.response().end(Buffer.buffer(f.bytes()));
    } else {
      json(ctx, 200, result);
    }
  }

  /**
   * A stored file sent as a download with 200: its type, {@code Content-Disposition} as given,
   * {@code X-Content-SHA256} with its hash; never sniffed, never stored by a cache.
   */
  public static void download(
      RoutingContext ctx, String contentType, String disposition, String sha256, byte[] bytes) {
    ctx.response()
        .putHeader("Content-Type", contentType)
        .putHeader("Content-Disposition", disposition)
        .putHeader("X-Content-SHA256", sha256)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(bytes));
  }

  /** A JSON answer; the body is a JsonObject, a JsonArray, a Map or a List. */
  @SuppressWarnings("unchecked")
  public void json(RoutingContext ctx, int status, Object body) {
    String text =
        body instanceof JsonArray a
            ? a.encode()
            : body instanceof JsonObject o
                ? o.encode()
                : body instanceof Map<?, ?> m
                    ? new JsonObject((Map<String, Object>) m).encode()
                    : new JsonArray((List<?>) body).encode();
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
    cacheControl(ctx);
    ctx.response().end(text);
  }

  private void cacheControl(RoutingContext ctx) {
    if (noStore) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
  }

  /** A failure answered by this instance's {@link Failures} first, else as {@link #failed}. */
  public void fail(RoutingContext ctx, Throwable e) {
    if (failures == null || !failures.answer(ctx, e)) {
      failed(ctx, e);
    }
  }

  /**
   * The feature routes' refusals: a {@link DomainException} with its status naming its field (as
   * {@link HttpErrors#refused}), an {@link AnalyticsException} (the data cannot give an answer) as
   * 422 with its code; false for anything else.
   */
  public static boolean refusals(RoutingContext ctx, Throwable e) {
    if (e instanceof DomainException d) {
      HttpErrors.refused(ctx, d);
    } else if (e instanceof AnalyticsException a) {
      HttpErrors.unprocessable(ctx, a.code().name().toLowerCase(Locale.ROOT), a.getMessage());
    } else {
      return false;
    }
    return true;
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
