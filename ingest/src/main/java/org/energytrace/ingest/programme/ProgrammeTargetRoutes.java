package org.energytrace.ingest.programme;

import static org.energytrace.ingest.programme.ProgrammeParams.today;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.energytrace.analytics.report.IndicatorTarget;
import org.energytrace.analytics.report.ProgrammeTargets;
import org.energytrace.ingest.auth.ApiRouter;
import org.energytrace.ingest.auth.Who;
import org.energytrace.ingest.web.Blocking;
import org.energytrace.ingest.web.Fields;
import org.energytrace.ingest.web.Params;

/**
 * The programme's targets (issue 16, programme administration) under {@code
 * /api/v1/programme/targets}: what is in force on a date (stored or bundled), the history, and a
 * new set from a date with a reason. Bound by operationId; the gate decides who may ({@code
 * auth.AccessPolicy}: the programme's officers read, the province sets).
 */
public final class ProgrammeTargetRoutes {
  private final Blocking blocking;
  private final PgProgrammeTargets store;
  private final Clock clock;

  public ProgrammeTargetRoutes(Vertx vertx, PgProgrammeTargets store, Clock clock) {
    this.blocking = Blocking.plain(vertx);
    this.store = store;
    this.clock = clock;
  }

  public void mount(Router router) {
    ApiRouter api = ApiRouter.of(router);
    api.bind("getProgrammeTargets", blocking.parsing(this::get));
    api.bind("setProgrammeTargets", blocking.parsing(this::set));
  }

  private Callable<?> get(RoutingContext ctx) {
    String q = ctx.request().getParam("as_of");
    LocalDate asOf =
        q == null || q.isBlank()
            ? today(clock)
            : Params.day("as_of", q.strip(), 1900, 2100, "YYYY-MM-DD");
    return () -> answer(asOf, store.history(), null);
  }

  private Callable<?> set(RoutingContext ctx) {
    Fields f = new Fields(Params.body(ctx).getMap(), "");
    f.only(Set.of("effective_from", "reason", "targets"));
    LocalDate from = f.date("effective_from", true);
    String reason = f.text("reason", true, 1000);
    Map<String, Double> given = targets(Params.body(ctx).getValue("targets"), f);
    f.throwFirst();
    Who who = Who.of(ctx);
    return () -> {
      PgProgrammeTargets.Stored s = store.set(who, from, given, reason, clock.instant());
      return Blocking.Answer.created(answer(today(clock), store.history(), s));
    };
  }

  /** The targets the body names, each checked on its own; problems go into {@code f}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Double> targets(Object v, Fields f) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (v == null) {
      f.problem("targets", "required: the targets to set, e.g. {\"aware\": 0.9}");
      return out;
    }
    Map<String, Object> m;
    if (v instanceof JsonObject o) {
      m = o.getMap();
    } else if (v instanceof Map<?, ?> raw) {
      m = (Map<String, Object>) raw;
    } else {
      f.problem("targets", "must be an object of target: fraction, e.g. {\"aware\": 0.9}");
      return out;
    }
    Fields t = new Fields(m, "targets.");
    for (String k : m.keySet()) {
      if (!ProgrammeTargets.KEYS.contains(k)) {
        t.problem(k, "not a programme target; one of " + String.join(", ", ProgrammeTargets.KEYS));
      }
    }
    for (String k : ProgrammeTargets.KEYS) {
      Double d = t.number(k, false, 0, 1);
      if (d != null) {
        out.put(k, d);
      }
    }
    for (var e : out.entrySet()) {
      ProgrammeTargets.problem(e.getKey(), e.getValue(), out)
          .ifPresent(p -> t.problem(e.getKey(), p));
    }
    if (m.isEmpty()) {
      t.problem("", "name at least one target of " + String.join(", ", ProgrammeTargets.KEYS));
    }
    for (Fields.Problem p : t.problems()) {
      f.problem(p.field().endsWith(".") ? "targets" : p.field(), p.message());
    }
    return out;
  }

  /** What is in force on {@code asOf}, the bundled defaults then, and the history newest first. */
  static JsonObject answer(
      LocalDate asOf, List<PgProgrammeTargets.Stored> history, PgProgrammeTargets.Stored stored) {
    List<ProgrammeTargets> sets = history.stream().map(PgProgrammeTargets.Stored::targets).toList();
    Map<String, IndicatorTarget> now = PgProgrammeTargets.inForce(sets, asOf);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("as_of", asOf.toString());
    boolean fromStore = now.values().stream().anyMatch(IndicatorTarget::stored);
    m.put("targets_source", fromStore ? "stored" : "bundled");
    m.put("in_force", targets(now));
    Optional<ProgrammeTargets> set = ProgrammeTargets.inForce(sets, asOf);
    m.put(
        "in_force_set",
        set.flatMap(
                s -> history.stream().filter(h -> h.targets() == s).findFirst().map(h -> h.json()))
            .orElse(null));
    m.put("bundled", targets(PgProgrammeTargets.inForce(List.of(), asOf)));
    List<Object> h = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      h.add(history.get(i).json());
    }
    m.put("history", h);
    if (stored != null) {
      m.put("stored", stored.json());
    }
    return new JsonObject(m);
  }

  private static Map<String, Object> targets(Map<String, IndicatorTarget> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach(
        (k, t) -> {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("target", t.target());
          x.put("source", t.source());
          x.put("valid_from", t.validFrom() == null ? null : t.validFrom().toString());
          x.put("valid_to", t.validTo() == null ? null : t.validTo().toString());
          x.put("carried_forward", t.carriedForward());
          out.put(k, x);
        });
    return out;
  }
}
