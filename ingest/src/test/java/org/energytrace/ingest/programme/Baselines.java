package org.energytrace.ingest.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.energytrace.ingest.fixtures.IssuedDossiers;
import org.energytrace.ingest.fixtures.MeteredPlant;
import org.energytrace.ingest.fixtures.SecuredService;

/**
 * An EnPI {@code x1} of one electricity meter and one product with six days of interval energy and
 * production, its baseline fitted and submitted by the enterprise, and approved by an assigned
 * auditor through the API — the way a saving's baseline becomes approved (docs/verification.md).
 */
final class Baselines {
  private Baselines() {}

  static final String DAY_0 = "2026-01-01";
  static final String DAY_5 = "2026-01-06";

  /** Sets up the EnPI of {@code e}, fits and submits its baseline; returns the version. */
  static int fitAndSubmit(SecuredService svc, String admin, String e) throws Exception {
    String base = "/api/v1/enterprises/" + e;
    MeteredPlant.create(svc, admin, e, "gw-" + e, List.of("m1"), List.of("p1"));
    ok(
        svc,
        HttpMethod.PUT,
        base + "/enpis/x1",
        admin,
        new JsonObject()
            .put("scope", new JsonObject().put("level", "facility").put("ref", "plant-1"))
            .put("meters", new JsonArray().add(new JsonObject().put("meter", "m1")))
            .put("products", new JsonArray().add("p1")));
    IntToDoubleFunction q = i -> 10 + 3 * i + (i * i % 5);
    LocalDate first = LocalDate.parse(DAY_0);
    MeteredPlant.energy(
        svc, e, "m1", first, 6, i -> 100 + 2 * q.applyAsDouble(i) + (i % 2 == 0 ? 0.5 : -0.5) * i);
    MeteredPlant.production(svc, admin, e, List.of("p1"), first, 6, q);
    var fitted =
        svc.withToken(HttpMethod.POST, base + "/enpis/x1/baselines", admin)
            .sendJsonObject(
                new JsonObject().put("from", DAY_0).put("to", DAY_5).put("model", "ols"))
            .await();
    assertThat(fitted.statusCode()).as(fitted.bodyAsString()).isEqualTo(201);
    int version = fitted.bodyAsJsonObject().getInteger("version");
    ok(
        svc,
        HttpMethod.POST,
        base + "/enpis/x1/baselines/" + version + "/submit",
        admin,
        new JsonObject().put("comment", "for the programme"));
    return version;
  }

  /**
   * Six days of interval energy and production after the baseline period (2026-01-07 ..
   * 2026-01-12): the same products as the baseline's days, 15 % less energy — a reporting period
   * whose savings can be computed.
   */
  static void reportingDays(SecuredService svc, String admin, String e) throws Exception {
    IntToDoubleFunction q = i -> 11 + 3 * i + (i * i % 4);
    LocalDate first = LocalDate.parse(REPORTING_FROM);
    MeteredPlant.energy(
        svc,
        e,
        "m1",
        first,
        6,
        i -> 0.85 * (100 + 2 * q.applyAsDouble(i)) + (i % 2 == 0 ? 0.3 : -0.3));
    MeteredPlant.production(svc, admin, e, List.of("p1"), first, 6, q);
  }

  static final String REPORTING_FROM = "2026-01-07";
  static final String REPORTING_TO = "2026-01-12";

  /** Approves the baseline as an auditor assigned to {@code e}. */
  static void approve(SecuredService svc, String e, int version) {
    String auditor = svc.access.auditorToken("aud-" + e, e);
    ok(
        svc,
        HttpMethod.POST,
        "/api/v1/enterprises/" + e + "/enpis/x1/baselines/" + version + "/approve",
        auditor,
        new JsonObject().put("opinion", "the period precedes the measure"));
  }

  /**
   * Signs the period [from, to] off as verified, as the auditor who approved the baseline, naming a
   * dossier recorded as issued for that period (these days are not sealed, so no real dossier can
   * be made; DossierIT signs off a real one).
   */
  static void signOff(SecuredService svc, String e, int version, String from, String to)
      throws Exception {
    signOff(svc, e, version, from, to, "verified", "metered data and production seen");
  }

  /** As {@link #signOff(SecuredService, String, int, String, String)}: the answer (201). */
  static JsonObject signOff(
      SecuredService svc,
      String e,
      int version,
      String from,
      String to,
      String opinion,
      String comments)
      throws Exception {
    return signOff(svc, e, "x1", "aud-" + e, version, from, to, opinion, comments);
  }

  /** A sign-off of {@code enpi} by {@code auditor}, assigned to {@code e} (the answer, 201). */
  static JsonObject signOff(
      SecuredService svc,
      String e,
      String enpi,
      String auditor,
      int version,
      String from,
      String to,
      String opinion,
      String comments)
      throws Exception {
    String hash = String.format("%064x", new java.math.BigInteger(1, (e + from + to).getBytes()));
    hash = hash.substring(hash.length() - 64);
    IssuedDossiers.record(
        svc.db, e, enpi, version, LocalDate.parse(from), LocalDate.parse(to), hash);
    var r =
        svc.withToken(
                HttpMethod.POST,
                "/api/v1/enterprises/" + e + "/enpis/" + enpi + "/signoffs",
                svc.access.auditorToken(auditor, e))
            .sendJsonObject(
                new JsonObject()
                    .put("baseline_version", version)
                    .put("from", from)
                    .put("to", to)
                    .put("opinion", opinion)
                    .put("comments", comments)
                    .put("dossier_sha256", hash))
            .await();
    assertThat(r.statusCode()).as("sign-off → " + r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static void ok(
      SecuredService svc, HttpMethod m, String uri, String token, JsonObject body) {
    var r = svc.withToken(m, uri, token).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(m + " " + uri + " → " + r.bodyAsString()).isBetween(200, 201);
  }
}
