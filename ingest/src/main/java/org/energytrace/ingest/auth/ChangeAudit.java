package org.energytrace.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.energytrace.ingest.model.TopicName;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Params;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change audit of writes answered by the API's routes (registry PUTs, counter events, discarded
 * quarantine): a snapshot before the route runs, another once it answered 2xx, both in one audit
 * entry. Mounted before the routes it watches; each handler passes on with {@code ctx.next()}.
 */
final class ChangeAudit {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeAudit.class);

  private final Vertx vertx;
  private final Blocking blocking;
  private final PgAccounts accounts;
  private final AccountAudit audit;

  ChangeAudit(Vertx vertx, Blocking blocking, PgAccounts accounts, AccountAudit audit) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.accounts = accounts;
    this.audit = audit;
  }

  void mount(ApiRouter api) {
    // registry changes: the state before and after goes to the audit log
    api.bind("putMeter", ctx -> registry(ctx, "meter.put", "meter"));
    api.bind("putGateway", ctx -> registry(ctx, "gateway.put", "gateway"));
    // counter events: the channel's events before and after
    api.bind("recordCounterEvent", ctx -> counterEvents(ctx, "counter_event.record"));
    // a quarantined message discarded: its state before and after, and why
    api.bind("discardQuarantined", this::discard);
    api.bind("deleteCounterEvent", ctx -> counterEvents(ctx, "counter_event.delete"));
  }

  private void registry(RoutingContext ctx, String action, String kind) {
    String enterprise = ctx.pathParam("enterprise");
    String code = ctx.pathParam(kind);
    if (!TopicName.ID.matcher(enterprise).matches() || !TopicName.ID.matcher(code).matches()) {
      ctx.next(); // not an id: the route answers 400 and nothing changes
      return;
    }
    watch(
        ctx,
        action,
        enterprise,
        kind + ":" + code,
        () -> audit.log().snapshot(kind, enterprise, code),
        null);
  }

  private void counterEvents(RoutingContext ctx, String action) {
    String enterprise = ctx.pathParam("enterprise");
    String meter = ctx.pathParam("meter");
    String channel = ctx.pathParam("channel");
    if (!TopicName.ID.matcher(enterprise).matches()
        || !TopicName.ID.matcher(meter).matches()
        || channel == null
        || !TopicName.CHANNEL.matcher(channel).matches()) {
      ctx.next(); // the route answers 400 and nothing changes
      return;
    }
    watch(
        ctx,
        action,
        enterprise,
        "channel:" + meter + "/" + channel,
        () -> audit.log().counterEvents(enterprise, meter, channel),
        null);
  }

  private void discard(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.next(); // the route answers 400 and nothing changes
      return;
    }
    JsonObject body = Params.bodyOrNull(ctx);
    String reason = body != null && body.getValue("reason") instanceof String r ? r : null;
    blocking
        .run(ctx, () -> accounts.quarantineEnterprise(id).orElse(""))
        .onSuccess(
            enterprise ->
                watch(
                    ctx,
                    "quarantine.discard",
                    enterprise.isEmpty() ? null : enterprise,
                    "quarantine:" + id,
                    () -> audit.log().quarantineSnapshot(id),
                    reason));
  }

  /**
   * Writes an audit entry with {@code snapshot} before the change and after it, once the route
   * answered 2xx.
   */
  private void watch(
      RoutingContext ctx,
      String action,
      String enterprise,
      String target,
      Callable<String> snapshot,
      String detail) {
    Principal p = Principal.of(ctx);
    blocking
        .run(ctx, snapshot)
        .onSuccess(
            before -> {
              ctx.addBodyEndHandler(
                  v -> {
                    int status = ctx.response().getStatusCode();
                    if (status < 200 || status >= 300) {
                      return;
                    }
                    // the time the change was answered, not the time the entry is written: a
                    // client's next change cannot come before it, so entries list in the order
                    // the changes were made (the write below may finish after the next one's)
                    Instant at = audit.clock().instant();
                    vertx
                        .executeBlocking(
                            () -> {
                              audit.record(
                                  ctx,
                                  p,
                                  at,
                                  action,
                                  enterprise,
                                  target,
                                  before,
                                  snapshot.call(),
                                  detail);
                              return null;
                            },
                            false)
                        .onFailure(e -> LOG.error("audit entry for {} lost", action, e));
                  });
              ctx.next();
            });
  }
}
