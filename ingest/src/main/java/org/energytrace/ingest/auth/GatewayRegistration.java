package org.energytrace.ingest.auth;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.registry.PgRegistry;

/**
 * A gateway named on the command line as {@code ENTERPRISE/SITE/GATEWAY=VAR}: registered when
 * absent, and given the password held by the environment variable {@code VAR}. A deployment
 * (docker-compose) passes its secrets this way, so a password is never on a command line, in a log
 * or in a file in git.
 */
record GatewayRegistration(
    String enterprise, String site, String gateway, String passwordVariable) {
  /** As for the administrator's password in production mode (OWASP ASVS 4.0 V2.1.1). */
  static final int MIN_PASSWORD_LENGTH = 12;

  private static final Pattern FORM =
      Pattern.compile("^([^/=]*)/([^/=]*)/([^/=]*)=([A-Za-z_][A-Za-z0-9_]*)$");

  GatewayRegistration {
    // the registry's own rules for ids (the same as PUT /enterprises/{e}/gateways/{g})
    new PgRegistry.GatewaySpec(enterprise, gateway, site, List.of(), false);
  }

  /**
   * @throws IllegalArgumentException naming the argument and what is wrong with it
   */
  static GatewayRegistration parse(String argument) {
    Matcher m = FORM.matcher(argument);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--register "
              + argument
              + ": expected ENTERPRISE/SITE/GATEWAY=VAR, VAR naming the environment variable"
              + " that holds the gateway's MQTT password");
    }
    try {
      return new GatewayRegistration(m.group(1), m.group(2), m.group(3), m.group(4));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--register " + argument + ": " + e.getMessage(), e);
    }
  }

  /** The registry entry created when the gateway is absent: its own site, nothing more. */
  PgRegistry.GatewaySpec spec() {
    return new PgRegistry.GatewaySpec(enterprise, gateway, site, List.of(), false);
  }

  String path() {
    return enterprise + "/" + site + "/" + gateway;
  }

  String username() {
    return GatewayCredentials.username(enterprise, gateway);
  }

  /**
   * The password from the environment.
   *
   * @throws IllegalArgumentException naming the variable when it is unset, empty or too short
   */
  String password(Function<String, String> env) {
    String value = env.apply(passwordVariable);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "--register "
              + path()
              + ": environment variable "
              + passwordVariable
              + " is not set or empty; it must hold the gateway's MQTT password");
    }
    if (value.length() < MIN_PASSWORD_LENGTH || value.isBlank()) {
      throw new IllegalArgumentException(
          "--register "
              + path()
              + ": environment variable "
              + passwordVariable
              + " holds a password of "
              + value.length()
              + " characters; at least "
              + MIN_PASSWORD_LENGTH
              + " are required");
    }
    return value;
  }
}
