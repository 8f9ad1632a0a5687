package org.energytrace.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.config.SecurityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sessions, tokens and the access policy of the HTTP API, put together. {@link
 * #mount(Router)} must run before the API routes are mounted: it places the body parser and the
 * {@link SecurityHandler} in front of everything under {@code /api/}.
 */
public final class Security {
  private static final Logger LOG = LoggerFactory.getLogger(Security.class);

  /** The demo plant published on the showcase in demo mode (gateway demo configuration). */
  static final List<String> DEMO_SITES = List.of("demo-brewery/plant-1");

  private final SecurityConfig config;
  private final PgAccounts accounts;
  private final PasswordHasher hasher;
  private final SecurityHandler handler;
  private final AuthRoutes routes;

  private Security(
      SecurityConfig config,
      PgAccounts accounts,
      PasswordHasher hasher,
      SecurityHandler handler,
      AuthRoutes routes) {
    this.config = config;
    this.accounts = accounts;
    this.hasher = hasher;
    this.handler = handler;
    this.routes = routes;
  }

  public static Security create(
      Vertx vertx, SecurityConfig config, DataSource dataSource, Clock clock) {
    PgAccounts accounts = new PgAccounts(dataSource);
    PgAuditLog audit = new PgAuditLog(dataSource);
    PasswordHasher hasher = PasswordHasher.owaspDefault();
    SecurityHandler handler =
        new SecurityHandler(
            vertx, ApiOperations.load(), new AccessPolicy(), accounts, audit, config, clock);
    LoginThrottle throttle =
        new LoginThrottle(
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
            handler,
            clock);
    return new Security(config, accounts, hasher, handler, routes);
  }

  /** Body parser and security gate for {@code /api/*}, then the account and token routes. */
  public void mount(Router router) {
    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    router.route("/api/*").handler(handler);
    routes.mount(router);
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
