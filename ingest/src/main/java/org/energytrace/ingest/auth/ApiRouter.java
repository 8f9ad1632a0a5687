package org.energytrace.ingest.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.energytrace.ingest.auth.ApiOperations.Operation;

/**
 * Binds handlers to the operations of {@code api/openapi.yaml} by their operationId: the method and
 * path come from the document, so a handler cannot answer at a path the document does not have, and
 * a misspelt or removed operationId stops the service at start-up. The gate ({@link
 * SecurityHandler}) applies the operation's {@link AccessPolicy} rule before any bound handler
 * runs.
 *
 * <pre>{@code
 * api.bind("listMeters", this::meters);
 * }</pre>
 */
public final class ApiRouter {
  /** The document, read once: it is part of the jar and does not change while it runs. */
  private static final ApiOperations CONTRACT = ApiOperations.load();

  private final Router router;
  private final ApiOperations operations;

  private ApiRouter(Router router, ApiOperations operations) {
    this.router = router;
    this.operations = operations;
  }

  /** Binds on {@code router} the operations of {@code api/openapi.yaml}. */
  public static ApiRouter of(Router router) {
    return new ApiRouter(router, CONTRACT);
  }

  /**
   * Adds {@code handler} to the route of {@code operationId}, in the order of the calls (a handler
   * bound earlier to the same operation runs first and passes on with {@code ctx.next()}).
   *
   * @throws IllegalStateException when the document has no such operation
   */
  public Route bind(String operationId, Handler<RoutingContext> handler) {
    Operation op =
        operations
            .byId(operationId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        operationId + " is not an operationId of api/openapi.yaml"));
    return router.route(HttpMethod.valueOf(op.method()), vertxPath(op.template())).handler(handler);
  }

  /** {@code /a/{b}/c} as Vert.x writes it: {@code /a/:b/c}. */
  static String vertxPath(String template) {
    return template.replaceAll("\\{([^}]+)}", ":$1");
  }
}
