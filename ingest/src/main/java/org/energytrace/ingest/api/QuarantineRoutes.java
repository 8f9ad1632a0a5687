package org.energytrace.ingest.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Principal;
import org.energytrace.ingest.auth.SecurityHandler;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.quarantine.QuarantineService;
import org.energytrace.ingest.store.PgIngestStore.Reprocessed;
import org.energytrace.ingest.store.PgReadQueries;
import org.energytrace.ingest.store.PgReadQueries.QuarantineView;
import org.energytrace.ingest.tenant.Scope;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Blocking.Answer;
import org.energytrace.ingest.web.Params;

/**
 * Quarantined messages: listed, reprocessed one by one or all at once, discarded for good one by
 * one or by a text of their reason.
 */
final class QuarantineRoutes {
  private final Blocking blocking;
  private final PgReadQueries queries;
  private final QuarantineService quarantine;
  private final Clock clock;

  QuarantineRoutes(
      Blocking blocking, PgReadQueries queries, QuarantineService quarantine, Clock clock) {
    this.blocking = blocking;
    this.queries = queries;
    this.quarantine = quarantine;
    this.clock = clock;
  }

  void mount(ApiRouter api) {
    api.bind("listQuarantine", blocking.parsing(this::list));
    api.bind("summarizeQuarantine", blocking.parsing(this::summary));
    api.bind("reprocessQuarantine", blocking.parsing(this::reprocessAll));
    api.bind("reprocessQuarantined", blocking.parsing(this::reprocess));
    api.bind("discardQuarantined", blocking.parsing(this::discard));
    api.bind("discardQuarantine", blocking.parsing(this::discardMatching));
  }

  private Callable<?> list(RoutingContext ctx) {
    int limit = Params.limit(ctx);
    String status = ctx.queryParams().get("status");
    if (status != null && !List.of("new", "released", "discarded").contains(status)) {
      throw DomainException.invalid("status", "must be new, released or discarded");
    }
    String enterprise = Params.optionalId("enterprise", ctx.queryParams().get("enterprise"));
    String reasonContains = ctx.queryParams().get("reason_contains");
    Scope scope = Principal.scope(ctx);
    return () ->
        quarantineJson(queries.quarantine(scope, status, enterprise, reasonContains, limit));
  }

  private Callable<?> summary(RoutingContext ctx) {
    String enterprise = Params.optionalId("enterprise", ctx.queryParams().get("enterprise"));
    Scope scope = Principal.scope(ctx);
    return () -> {
      PgReadQueries.QuarantineSummary q = queries.quarantineSummary(scope, enterprise);
      return new JsonObject()
          .put("in_quarantine", q.inQuarantine())
          .put(
              "newest_received_at",
              q.newestReceivedAt() == null ? null : q.newestReceivedAt().toString());
    };
  }

  private Callable<?> reprocess(RoutingContext ctx) {
    long id = Params.longPath(ctx, "id", "must be an integer");
    return () -> {
      Reprocessed r = quarantine.reprocess(id);
      return new Answer(r.released() ? 200 : 422, reprocessedJson(r));
    };
  }

  /**
   * Takes a message out of quarantine for good (status discarded, payload kept for the record),
   * e.g. one that can never be stored; audited as {@code quarantine.discard} with an optional
   * {@code reason}.
   */
  private Callable<?> discard(RoutingContext ctx) {
    long id = Params.longPath(ctx, "id", "must be an integer");
    JsonObject b =
        ctx.body().buffer() == null || ctx.body().length() == 0
            ? new JsonObject()
            : Params.body(ctx);
    Params.onlyFields(b, List.of("reason"), "reason");
    String reason = Params.text(b, "reason", false);
    if (reason != null && reason.length() > 500) {
      throw DomainException.invalid(
          "reason", "must be at most 500 characters, got " + reason.length());
    }
    return () -> {
      quarantine.discard(id);
      return new JsonObject().put("id", id).put("status", "discarded").put("reason", reason);
    };
  }

  /**
   * Discards the messages still in quarantine whose reason contains {@code reason_contains}, each
   * audited as {@code quarantine.discard} with the optional {@code reason} (the OpenAPI validator
   * has checked the parameters and the body).
   */
  private Callable<?> discardMatching(RoutingContext ctx) {
    String enterprise = Params.optionalId("enterprise", ctx.queryParams().get("enterprise"));
    String reasonContains = ctx.queryParams().get("reason_contains");
    int limit = Params.limit(ctx);
    JsonObject b = Params.bodyOrNull(ctx);
    String reason = b == null ? null : b.getString("reason");
    Principal p = Principal.of(ctx);
    AuditEntry audit =
        new AuditEntry(
            clock.instant(),
            p.subject(),
            p.role().wire(),
            "quarantine.discard",
            AuditEntry.Outcome.SUCCESS,
            null,
            "quarantine",
            SecurityHandler.clientIp(ctx),
            reason,
            null,
            null);
    return () -> {
      List<Long> ids = quarantine.discardMatching(enterprise, reasonContains, limit, audit);
      return new JsonObject()
          .put("discarded", ids.size())
          .put("ids", new JsonArray(List.copyOf(ids)))
          .put("reason", reason);
    };
  }

  private Callable<?> reprocessAll(RoutingContext ctx) {
    String enterprise = Params.optionalId("enterprise", ctx.queryParams().get("enterprise"));
    int limit = Params.limit(ctx);
    return () -> {
      QuarantineService.Bulk b = quarantine.reprocessAll(enterprise, limit);
      JsonArray results = new JsonArray();
      b.results().forEach(r -> results.add(reprocessedJson(r)));
      return new JsonObject()
          .put("tried", b.tried())
          .put("released", b.released())
          .put("still_refused", b.tried() - b.released())
          .put("results", results);
    };
  }

  private static JsonObject reprocessedJson(Reprocessed r) {
    return new JsonObject()
        .put("id", r.id())
        .put("status", r.released() ? "released" : "new")
        .put("reason", r.reason())
        .put("readings_stored", r.result().stored().size())
        .put("duplicates", r.result().duplicates())
        .put("production_stored", r.result().productionStored());
  }

  private static JsonObject quarantineJson(List<QuarantineView> rows) {
    JsonArray out = new JsonArray();
    for (QuarantineView q : rows) {
      out.add(
          new JsonObject()
              .put("id", q.id())
              .put("enterprise", q.enterprise())
              .put("topic", q.topic())
              .put("reason", q.reason())
              .put("received_at", q.receivedAt().toString())
              .put("status", q.status())
              .put("attempts", q.attempts())
              .put("payload_bytes", q.payloadBytes())
              .put("payload_text", q.payloadText())
              .put("payload_base64", q.payloadBase64())
              .put("occurrences", q.occurrences())
              .put("last_received_at", q.lastReceivedAt().toString())
              .put("payload_length", q.payloadLength())
              .put("payload_sha256", q.payloadSha256())
              .put("payload_truncated", q.payloadTruncated()));
    }
    return new JsonObject().put("quarantine", out);
  }
}
