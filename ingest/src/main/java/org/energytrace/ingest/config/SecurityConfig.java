package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accounts, sessions and login throttling (docs/security.md).
 *
 * @param mode {@code production} (refuses default secrets) or {@code demo} (creates a demo
 *     administrator with a printed password and publishes the demo enterprise)
 * @param adminUsername the system administrator created at start when no account has that name
 * @param adminPassword its initial password (from the environment); empty = create none
 * @param cookieSecure {@code auto} (Secure when the request came over TLS, directly or as {@code
 *     X-Forwarded-Proto: https} when trusted), {@code always} or {@code never}
 * @param trustForwardedProto whether a reverse proxy's {@code X-Forwarded-Proto} is believed
 * @param liveMaxStreamsPerPrincipal open live streams one session, token or (anonymous) client
 *     address may hold; one more is answered 429
 * @param liveMaxStreamsPerIp open live streams from one client address, whoever holds them
 * @param liveReauthorizeEvery how often every open live stream's credentials are checked again (a
 *     stream whose principal lost access is closed)
 * @param refusalAuditWindow refusals of anonymous callers from one address within this window are
 *     one audit row that counts them
 * @param showcaseFrameAncestors origins allowed to embed the showcase page in a frame (CSP
 *     frame-ancestors); empty = no framing, like every other page
 * @param passwordMemoryKib Argon2id memory of new password hashes, in KiB
 * @param passwordIterations Argon2id passes over that memory
 * @param passwordParallelism Argon2id lanes
 */
public record SecurityConfig(
    String mode,
    String adminUsername,
    String adminPassword,
    String cookieSecure,
    boolean trustForwardedProto,
    Duration sessionIdleTimeout,
    Duration sessionMaxAge,
    int loginMaxFailuresPerAccount,
    int loginMaxFailuresPerIp,
    Duration loginFailureWindow,
    int liveMaxStreamsPerPrincipal,
    int liveMaxStreamsPerIp,
    Duration liveReauthorizeEvery,
    Duration refusalAuditWindow,
    List<String> showcaseFrameAncestors,
    int passwordMemoryKib,
    int passwordIterations,
    int passwordParallelism) {
  /** Origins a frame-ancestors list may name: scheme, host and an optional port, nothing else. */
  public static final Pattern ORIGIN = Pattern.compile("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$");

  /**
   * The weakest Argon2id cost production accepts: OWASP's Password Storage Cheat Sheet gives five
   * equal choices (m=47104 t=1, m=19456 t=2, m=12288 t=3, m=9216 t=4, m=7168 t=5); memory × passes
   * of the last, and its memory, are the floor.
   */
  static final int OWASP_MIN_MEMORY_KIB = 7168;

  static final long OWASP_MIN_COST = 7168L * 5;

  public SecurityConfig {
    if (!"production".equals(mode) && !"demo".equals(mode)) {
      throw new IllegalArgumentException("mode must be production or demo, got '" + mode + "'");
    }
    if (adminUsername == null || !adminUsername.matches("^[a-z0-9][a-z0-9._@-]{0,127}$")) {
      throw new IllegalArgumentException(
          "admin_username must match ^[a-z0-9][a-z0-9._@-]{0,127}$, got '" + adminUsername + "'");
    }
    adminPassword = adminPassword == null ? "" : adminPassword;
    if (!"auto".equals(cookieSecure)
        && !"always".equals(cookieSecure)
        && !"never".equals(cookieSecure)) {
      throw new IllegalArgumentException(
          "cookie_secure must be auto, always or never, got '" + cookieSecure + "'");
    }
    Objects.requireNonNull(sessionIdleTimeout, "session_idle_timeout");
    Objects.requireNonNull(sessionMaxAge, "session_max_age");
    Objects.requireNonNull(loginFailureWindow, "login_failure_window");
    if (loginMaxFailuresPerAccount < 1 || loginMaxFailuresPerIp < 1) {
      throw new IllegalArgumentException("login failure limits must be at least 1");
    }
    if (liveMaxStreamsPerPrincipal < 1 || liveMaxStreamsPerIp < 1) {
      throw new IllegalArgumentException("live stream limits must be at least 1");
    }
    Objects.requireNonNull(liveReauthorizeEvery, "live_reauthorize_every");
    Objects.requireNonNull(refusalAuditWindow, "refusal_audit_window");
    showcaseFrameAncestors = List.copyOf(showcaseFrameAncestors);
    for (String origin : showcaseFrameAncestors) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException(
            "showcase_frame_ancestors: '"
                + origin
                + "' is not an origin such as https://portal.example.org");
      }
    }
    if (passwordMemoryKib < 8 * passwordParallelism
        || passwordIterations < 1
        || passwordParallelism < 1) {
      throw new IllegalArgumentException(
          "password hashing needs at least 1 pass, 1 lane and 8 KiB per lane, got m="
              + passwordMemoryKib
              + " t="
              + passwordIterations
              + " p="
              + passwordParallelism);
    }
  }

  /**
   * For tests and embedding: production rules, no bootstrap administrator, cookies Secure on TLS.
   */
  public static SecurityConfig defaults() {
    return new SecurityConfig(
        "production",
        "admin",
        "",
        "auto",
        false,
        Duration.ofMinutes(30),
        Duration.ofHours(8),
        5,
        50,
        Duration.ofMinutes(15),
        10,
        50,
        Duration.ofSeconds(5),
        Duration.ofMinutes(1),
        List.of(),
        19 * 1024,
        2,
        1);
  }

  // secrets seen in examples and default installations; never accepted in production mode
  private static final Set<String> KNOWN_DEFAULTS =
      Set.of(
          "admin",
          "administrator",
          "password",
          "changeme",
          "change-me",
          "secret",
          "energytrace",
          "postgres",
          "mosquitto",
          "123456",
          "12345678",
          "password123",
          "admin123",
          "adminadmin");

  /**
   * Why {@code serve} must refuse to start this configuration, as {@code path: problem} lines;
   * empty when it may start. Production mode refuses an empty or weak administrator password and
   * well-known default secrets (OWASP ASVS 4.0 V2.1.1 length, V2.1.7 known passwords, V14.1
   * hardened configuration). Demo mode refuses nothing.
   */
  public static List<String> productionRefusals(IngestConfig config) {
    List<String> out = new ArrayList<>();
    SecurityConfig s = config.security();
    if (s.demo()) {
      return out;
    }
    if (s.adminPassword().isEmpty()) {
      out.add(
          "security.admin_password: is required in production mode: set the environment"
              + " variable the file reads it from (the shipped ingest-default.yaml has"
              + " admin_password: ${ENV:ET_ADMIN_PASSWORD:}, so set ET_ADMIN_PASSWORD), or write"
              + " such a line under security if the file has none");
    } else if (s.adminPassword().length() < 12 || isKnownDefault(s.adminPassword())) {
      out.add(
          "security.admin_password: must be at least 12 characters and not a well-known default"
              + " in production mode");
    }
    if (isKnownDefault(config.db().password())) {
      out.add("db.password: is a well-known default secret; refused in production mode");
    }
    if (config.mqtt().password() != null && isKnownDefault(config.mqtt().password())) {
      out.add("mqtt.password: is a well-known default secret; refused in production mode");
    }
    long cost = (long) s.passwordMemoryKib() * s.passwordIterations();
    if (s.passwordMemoryKib() < OWASP_MIN_MEMORY_KIB || cost < OWASP_MIN_COST) {
      out.add(
          "security.password_memory_kib: %d KiB × %d passes is below OWASP's minimum for Argon2id"
                  .formatted(s.passwordMemoryKib(), s.passwordIterations())
              + " (19456 KiB × 2, or 47104 × 1, 12288 × 3, 9216 × 4, 7168 × 5); refused in"
              + " production mode");
    }
    return out;
  }

  private static boolean isKnownDefault(String secret) {
    return secret != null && KNOWN_DEFAULTS.contains(secret.toLowerCase(Locale.ROOT));
  }

  public boolean demo() {
    return "demo".equals(mode);
  }

  public SecurityConfig withAdminPassword(String value) {
    return RecordCopy.with(this, "adminPassword", value);
  }

  public SecurityConfig withLoginLimits(int perAccount, int perIp, Duration window) {
    return RecordCopy.with(
        this,
        "loginMaxFailuresPerAccount",
        perAccount,
        "loginMaxFailuresPerIp",
        perIp,
        "loginFailureWindow",
        window);
  }

  /** Caps of open live streams and how often their principals are checked again. */
  public SecurityConfig withLiveLimits(int perPrincipal, int perIp, Duration reauthorizeEvery) {
    return RecordCopy.with(
        this,
        "liveMaxStreamsPerPrincipal",
        perPrincipal,
        "liveMaxStreamsPerIp",
        perIp,
        "liveReauthorizeEvery",
        reauthorizeEvery);
  }

  public SecurityConfig withRefusalAuditWindow(Duration window) {
    return RecordCopy.with(this, "refusalAuditWindow", window);
  }

  public SecurityConfig withShowcaseFrameAncestors(List<String> origins) {
    return RecordCopy.with(this, "showcaseFrameAncestors", origins);
  }

  /** Argon2id parameters of the password hashes written from now on. */
  public SecurityConfig withPasswordHashing(int memoryKib, int iterations, int parallelism) {
    return RecordCopy.with(
        this,
        "passwordMemoryKib",
        memoryKib,
        "passwordIterations",
        iterations,
        "passwordParallelism",
        parallelism);
  }

  public SecurityConfig withCookies(String secure, boolean trustProto) {
    return RecordCopy.with(this, "cookieSecure", secure, "trustForwardedProto", trustProto);
  }

  @Override
  public String toString() {
    return "SecurityConfig[mode=" + mode + ", admin=" + adminUsername + ", password=***]";
  }
}
