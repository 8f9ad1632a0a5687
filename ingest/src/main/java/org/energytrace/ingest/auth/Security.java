package org.energytrace.ingest.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.audit.RefusalAudit;
import org.energytrace.ingest.config.HttpConfig;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.web.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sessions, tokens and the access policy of the HTTP API, put together. {@link
 * #mount(Router)} must run before the API routes are mounted: it places the {@link SecurityHandler}
 * in front of everything under {@code /api/}, and behind it the reading of request bodies ({@link
 * RequestBodies}), so that nothing of a body is read before the access check.
 */
public final class Security {
  private static final Logger LOG = LoggerFactory.getLogger(Security.class);

  /** The demo plant published on the showcase in demo mode (gateway demo configuration). */
  static final List<String> DEMO_SITES = List.of("demo-brewery/plant-1");

  /**
   * Event-bus address (local) told when sessions, tokens or accounts change on this instance: the
   * live feed re-authorises its streams at once (other instances within {@code
   * security.live_reauthorize_every}).
   */
  public static final String PRINCIPALS_CHANGED = "energytrace.auth.principals-changed";

  private final SecurityConfig config;
  private final PgAccounts accounts;
  private final PasswordHasher hasher;
  private final SecurityHandler handler;
  private final AuthRoutes routes;
  private final RequestBodies bodies;
  private final RefusalAudit refusals;

  private Security(
      SecurityConfig config,
      PgAccounts accounts,
      PasswordHasher hasher,
      SecurityHandler handler,
      AuthRoutes routes,
      RequestBodies bodies,
      RefusalAudit refusals) {
    this.config = config;
    this.accounts = accounts;
    this.hasher = hasher;
    this.handler = handler;
    this.routes = routes;
    this.bodies = bodies;
    this.refusals = refusals;
  }

  public static Security create(
      Vertx vertx,
      SecurityConfig config,
      HttpConfig http,
      Uploads uploads,
      DataSource dataSource,
      Clock clock) {
    PgAccounts accounts = new PgAccounts(dataSource);
    PgAuditLog audit = new PgAuditLog(dataSource);
    PasswordHasher hasher = PasswordHasher.owaspDefault();
    RefusalAudit refusals = new RefusalAudit(vertx, audit, clock, config.refusalAuditWindow());
    SecurityHandler handler =
        new SecurityHandler(
            vertx,
            ApiOperations.load(),
            new AccessPolicy(),
            accounts,
            audit,
            refusals,
            config,
            clock,
            // an unread body (a refusal, a 413) is read and dropped up to this, then the
            // connection is cut: a client that sent a little too much still gets its answer
            Math.max(16L << 20, 2L * Math.max(http.maxBodyBytes(), http.maxUploadBytes())));
    LoginThrottle throttle =
        new LoginThrottle(
            dataSource,
            clock,
            config.loginMaxFailuresPerAccount(),
            config.loginMaxFailuresPerIp(),
            config.loginFailureWindow());
    AuthRoutes routes =
        new AuthRoutes(
            vertx,
            accounts,
            new GatewayCredentials(dataSource),
            audit,
            hasher,
            throttle,
            refusals,
            handler,
            clock);
    return new Security(
        config,
        accounts,
        hasher,
        handler,
        routes,
        new RequestBodies(http.maxBodyBytes(), uploads),
        refusals);
  }

  /**
   * The security gate for {@code /api/*}, then the body of what it let through (per operation), the
   * check of an enterprise named in a JSON body, then the account and token routes.
   */
  public void mount(Router router) {
    router.route("/api/*").handler(handler);
    router.route("/api/*").handler(bodies::read);
    router.route("/api/*").handler(bodies::check);
    router.route("/api/*").handler(handler::bodyTarget);
    routes.mount(router);
  }

  /**
   * Blocking: the principal as its credentials stand now, or empty when they no longer authenticate
   * anyone (for the live feed's re-authorisation).
   */
  public Optional<Principal> reauthorize(Principal p) {
    return handler.reauthorize(p);
  }

  /** Writes what the refusal audit still counts (at stop). */
  public Future<Void> close() {
    return refusals.close();
  }

  /**
   * Blocking, at start: creates the configured system administrator when no account has that name
   * (production: must change the password at first sign-in). In demo mode the administrator's
   * password is (re)set to the configured one and the demo plant is published on the showcase.
   *
   * @return the sign-in line to print, when an account was created or reset
   */
  public Optional<String> bootstrap() {
    if (config.adminPassword().isEmpty()) {
      return Optional.empty();
    }
    Optional<PgAccounts.User> existing = accounts.user(config.adminUsername());
    if (config.demo()) {
      accounts.putUser(
          config.adminUsername(),
          Role.SYSTEM_ADMIN,
          null,
          List.of(),
          false,
          hasher.hash(config.adminPassword()),
          false);
      for (String s : DEMO_SITES) {
        String[] es = s.split("/");
        accounts.setPublished(es[0], es[1], true);
      }
      return Optional.of(
          "demo mode: administrator "
              + config.adminUsername()
              + " reset to the demo password; the demo plant is published on the showcase");
    }
    if (existing.isEmpty()) {
      accounts.putUser(
          config.adminUsername(),
          Role.SYSTEM_ADMIN,
          null,
          List.of(),
          false,
          hasher.hash(config.adminPassword()),
          true);
      LOG.info(
          "created system administrator '{}' (must change the password at first sign-in)",
          config.adminUsername());
      return Optional.of(
          "created system administrator "
              + config.adminUsername()
              + "; change its password at first sign-in");
    }
    return Optional.empty();
  }
}
