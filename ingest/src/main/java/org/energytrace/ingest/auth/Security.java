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
import org.energytrace.ingest.web.HttpErrors;
import org.energytrace.ingest.web.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sessions, tokens and the access policy of the HTTP API, put together. {@link
 * #mount(Router)} must run before the API routes are mounted and {@link #seal(Router)} after them:
 * the operations of {@code api/openapi.yaml} are routed by Vert.x's OpenAPI router ({@link
 * ApiRouter}), each behind the gate ({@link SecurityHandler}), the reading of its body ({@link
 * RequestBodies}) and its validation against the document ({@link RequestValidation}), so that
 * nothing of a body is read before the access check.
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
  private final Vertx vertx;
  private final long drainLimit;
  private ApiContract contract;

  private Security(
      Vertx vertx,
      long drainLimit,
      SecurityConfig config,
      PgAccounts accounts,
      PasswordHasher hasher,
      SecurityHandler handler,
      AuthRoutes routes,
      RequestBodies bodies,
      RefusalAudit refusals) {
    this.vertx = vertx;
    this.drainLimit = drainLimit;
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
    PasswordHasher hasher = PasswordHasher.of(config);
    RefusalAudit refusals = new RefusalAudit(vertx, audit, clock, config.refusalAuditWindow());
    SecurityHandler handler =
        new SecurityHandler(vertx, new AccessPolicy(), accounts, audit, refusals, config, clock);
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
        vertx,
        // an unread body (a refusal, a 413) is read and dropped up to this, then the connection
        // is cut: a client that sent a little too much still gets its answer
        Math.max(16L << 20, 2L * Math.max(http.maxBodyBytes(), http.maxUploadBytes())),
        config,
        accounts,
        hasher,
        handler,
        routes,
        new RequestBodies(http.maxBodyBytes(), uploads),
        refusals);
  }

  /** Loads the API document ({@link ApiContract}); before {@link #mount}. */
  public Future<Void> loadContract() {
    return ApiContract.load(vertx).onSuccess(c -> contract = c).mapEmpty();
  }

  /**
   * Under {@code /api/}: the check of the request line ({@link RequestLine}), the operations of the
   * document (each: the gate, the body as the operation declares it, the check of an enterprise
   * named in a JSON body, the validation against the document, then its handlers), the 404 of a
   * path the document does not have; then the account and token routes.
   */
  public void mount(Router router) {
    if (contract == null) {
      throw new IllegalStateException("the API contract is not loaded (Security#loadContract)");
    }
    RequestValidation validation = new RequestValidation(vertx, contract);
    ApiRouter api =
        ApiRouter.install(
            vertx,
            router,
            contract,
            List.of(handler, bodies::read, bodies::check, handler::bodyTarget, validation::handle));
    router.route("/api/*").handler(ctx -> RequestLine.enter(ctx, contract.contract(), drainLimit));
    // a route without a path: the API router's paths are the document's, from the root
    router
        .route()
        .handler(
            ctx -> {
              Router built = api.built();
              if (!ctx.normalizedPath().startsWith("/api/")) {
                ctx.next();
              } else if (built == null) {
                HttpErrors.send(ctx, 503, "unavailable", "starting");
              } else {
                built.handleContext(ctx);
              }
            });
    router.route("/api/*").handler(RequestLine::undocumented);
    routes.mount(router);
  }

  /**
   * Builds the API router once every feature has bound its operations on {@code router} (at the end
   * of the router's setup): operations without a bound handler pass the gate on to the plain routes
   * mounted after {@link #mount}.
   */
  public void seal(Router router) {
    ApiRouter.of(router).seal();
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
      putAdmin(false);
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
      putAdmin(true);
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

  /** Creates or resets the administrator with the configured password. */
  private void putAdmin(boolean mustChangePassword) {
    accounts.putUser(
        config.adminUsername(),
        Role.SYSTEM_ADMIN,
        null,
        List.of(),
        false,
        hasher.hash(config.adminPassword()),
        mustChangePassword);
  }
}
