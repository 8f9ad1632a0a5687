package org.energytrace.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void bindsAnOperationAtTheMethodAndPathOfTheDocument() {
    Route route = ApiRouter.of(Router.router(vertx)).bind("deleteCounterEvent", ctx -> {});

    assertThat(route.methods()).containsExactly(HttpMethod.DELETE);
    assertThat(route.getPath())
        .isEqualTo(
            "/api/v1/enterprises/:enterprise/meters/:meter/channels/:channel/counter-events/:event");
  }

  @Test
  void refusesAnOperationIdTheDocumentDoesNotHave() {
    // a misspelt operationId must stop the service at start-up, not leave a route unreachable
    ApiRouter api = ApiRouter.of(Router.router(vertx));

    assertThatThrownBy(() -> api.bind("listMeter", ctx -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listMeter");
  }
}
