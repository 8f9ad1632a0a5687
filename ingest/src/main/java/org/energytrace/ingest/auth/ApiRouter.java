package org.energytrace.ingest.auth;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import org.energytrace.ingest.web.Blocking;

/**
 * Binds handlers to the operations of {@code api/openapi.yaml} by their operationId, on Vert.x's
 * OpenAPI router ({@link RouterBuilder}): the method and path come from the document, so a handler
 * cannot answer at a path the document does not have, and a misspelt or removed operationId stops
 * the service at start-up. In front of the first handler of every operation runs the gate ({@link
 * SecurityHandler}, then {@link RequestBodies} and the validation of the request against the
 * document, {@link RequestValidation}).
 *
 * <pre>{@code
 * api.bind("listMeters", this::meters);
 * }</pre>
 *
 * <p>The router is built once every feature has bound ({@link #seal}): an operation no handler is
 * bound to then passes the gate and goes on to the plain routes of the parent router.
 */
public final class ApiRouter {
  private static final String KEY = "energytrace.api-router";

  private final RouterBuilder builder;
  private final List<Handler<RoutingContext>> gate;
  private Router built;

  private ApiRouter(RouterBuilder builder, List<Handler<RoutingContext>> gate) {
    this.builder = builder;
    this.gate = List.copyOf(gate);
  }

  /**
   * Makes {@code router} the one the operations of {@code contract} are bound on, each behind the
   * {@code gate} handlers.
   */
  static ApiRouter install(
      Vertx vertx, Router router, ApiContract contract, List<Handler<RoutingContext>> gate) {
    ApiRouter api = new ApiRouter(RouterBuilder.create(vertx, contract.contract()), gate);
    router.putMetadata(KEY, api);
    return api;
  }

  /** The operations of {@code api/openapi.yaml} on {@code router} ({@link Security#mount}). */
  public static ApiRouter of(Router router) {
    ApiRouter api = router.getMetadata(KEY);
    if (api == null) {
      throw new IllegalStateException("Security#mount has not run on this router");
    }
    return api;
  }

  /**
   * Adds {@code handler} to the route of {@code operationId}, in the order of the calls (a handler
   * bound earlier to the same operation runs first and passes on with {@code ctx.next()}).
   *
   * @throws IllegalStateException when the document has no such operation, or the router is built
   */
  public OpenAPIRoute bind(String operationId, Handler<RoutingContext> handler) {
    if (built != null) {
      throw new IllegalStateException(operationId + " bound after the API router was built");
    }
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException(operationId + " is not an operationId of api/openapi.yaml");
    }
    return guarded(route).addHandler(handler);
  }

  /**
   * Binds {@code work} to {@code operationId}, run by {@code blocking} on a worker thread and its
   * result answered ({@link Blocking#handler}).
   */
  public OpenAPIRoute bind(String operationId, Blocking blocking, Blocking.Work work) {
    return bind(operationId, blocking.handler(work));
  }

  /** The route with the gate as its first handlers (added once). */
  private OpenAPIRoute guarded(OpenAPIRoute route) {
    if (route.getHandlers().isEmpty()) {
      // the gate validates, after the access check and the reading of the body (issue 11), and
      // decides access itself: neither the builder's validation nor its security handlers run
      route.setDoValidation(false).setDoSecurity(false);
      gate.forEach(route::addHandler);
    }
    return route;
  }

  /**
   * Builds the router once every feature has bound: an operation without a bound handler passes the
   * gate on to the plain routes of the parent router.
   */
  Router seal() {
    if (built == null) {
      for (OpenAPIRoute route : builder.getRoutes()) {
        if (route.getHandlers().isEmpty()) {
          guarded(route).addHandler(RoutingContext::next);
        }
      }
      built = builder.createRouter();
    }
    return built;
  }

  /** The built router; null before {@link #seal}. */
  Router built() {
    return built;
  }
}
