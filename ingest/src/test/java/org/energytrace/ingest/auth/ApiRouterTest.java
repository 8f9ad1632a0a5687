package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
  private final Vertx vertx = Vertx.vertx();
  private final Router router = Router.router(vertx);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private ApiRouter api() {
    ApiRouter.install(
        vertx, router, ApiContract.load(vertx).await(), List.of(RoutingContext::next));
    return ApiRouter.of(router);
  }

  @Test
  void bindsAnOperationAtTheMethodAndPathOfTheDocument() {
    OpenAPIRoute bound = api().bind("deleteCounterEvent", ctx -> {});

    assertThat(bound.getOperation().getHttpMethod()).isEqualTo(HttpMethod.DELETE);
    assertThat(bound.getHandlers()).hasSize(2); // the gate, then the handler
    Router built = ApiRouter.of(router).seal();
    Route route =
        built.getRoutes().stream()
            .filter(
                r ->
                    ("/api/v1/enterprises/:enterprise/meters/:meter/channels/:channel"
                            + "/counter-events/:event")
                        .equals(r.getPath()))
            .findFirst()
            .orElseThrow();
    assertThat(route.methods()).containsExactly(HttpMethod.DELETE);
  }

  @Test
  void refusesAnOperationIdTheDocumentDoesNotHave() {
    // a misspelt operationId must stop the service at start-up, not leave a route unreachable
    ApiRouter api = api();

    assertThatThrownBy(() -> api.bind("listMeter", ctx -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listMeter");
  }

  @Test
  void refusesABindingAfterTheRouterIsBuilt() {
    ApiRouter api = api();
    api.seal();

    assertThatThrownBy(() -> api.bind("listMeters", ctx -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesARouterSecurityHasNotMounted() {
    assertThatThrownBy(() -> ApiRouter.of(Router.router(vertx)))
        .isInstanceOf(IllegalStateException.class);
  }
}
