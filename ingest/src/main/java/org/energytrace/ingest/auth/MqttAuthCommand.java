package org.energytrace.ingest.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.energytrace.ingest.audit.AuditEntry;
import org.energytrace.ingest.audit.PgAuditLog;
import org.energytrace.ingest.config.ConfigException;
import org.energytrace.ingest.config.ConfigLoader;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.registry.PgRegistry;
import org.energytrace.ingest.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest mqtt-auth --config FILE --out DIR [--register E/S/G=VAR]... [--issue-missing]}:
 * writes the Mosquitto {@code passwd} and {@code acl} files from the gateway registry. Each {@code
 * --register} first registers the gateway (with its enterprise and site) when it is absent and
 * gives it the password held by the environment variable {@code VAR}; running it again changes
 * nothing. With {@code --issue-missing}, gateways without credentials get new ones, printed once on
 * standard output. The ingest account ({@code mqtt.username}/{@code mqtt.password} of the
 * configuration) may read everything.
 */
@Command(
    name = "mqtt-auth",
    mixinStandardHelpOptions = true,
    description =
        "Write the Mosquitto password and ACL files from the gateway registry (docs/security.md).")
public final class MqttAuthCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "YAML configuration file")
  Path config;

  @Option(names = "--out", required = true, description = "directory for passwd and acl")
  Path out;

  @Option(
      names = "--issue-missing",
      description = "issue credentials to registered gateways that have none (printed once)")
  boolean issueMissing;

  @Option(
      names = "--register",
      paramLabel = "ENTERPRISE/SITE/GATEWAY=VAR",
      description =
          "register the gateway when absent and set its MQTT password from the environment"
              + " variable VAR (at least 12 characters); repeatable, idempotent")
  List<String> register = new ArrayList<>();

  private final Function<String, String> env;

  public MqttAuthCommand() {
    this(System::getenv);
  }

  /** For tests: the environment the configuration and the {@code --register} passwords see. */
  MqttAuthCommand(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    IngestConfig c;
    try {
      c = new ConfigLoader(env).load(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    // every argument and password is checked before the registry is touched
    Map<GatewayRegistration, String> registrations = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (String argument : register) {
      try {
        GatewayRegistration r = GatewayRegistration.parse(argument);
        if (!named.add(r.username())) {
          problems.add("--register " + argument + ": the gateway is named more than once");
          continue;
        }
        registrations.put(r, r.password(env));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      return 2;
    }
    try (Database db = Database.open(c.db())) {
      db.migrate();
      GatewayCredentials credentials = new GatewayCredentials(db.dataSource());
      if (!register(db, credentials, registrations)) {
        return 2;
      }
      if (issueMissing) {
        for (String[] g : credentials.withoutCredentials()) {
          credentials
              .issue(g[0], g[1], Instant.now())
              .ifPresent(
                  i ->
                      System.out.println(
                          "issued gateway credentials: username "
                              + i.username()
                              + " password "
                              + i.password()));
        }
      }
      List<MosquittoFiles.Reader> readers = new ArrayList<>();
      if (c.mqtt().username() != null && !c.mqtt().username().isBlank()) {
        if (c.mqtt().password() == null) {
          System.err.println("mqtt.password is empty: the ingest account needs a password");
          return 2;
        }
        readers.add(
            new MosquittoFiles.Reader(
                c.mqtt().username(), MosquittoPasswd.hash(c.mqtt().password())));
      } else {
        System.err.println("warning: mqtt.username is empty; no reading account is written");
      }
      var entries = credentials.entries();
      write(out.resolve("passwd"), MosquittoFiles.passwd(entries, readers));
      write(out.resolve("acl"), MosquittoFiles.acl(entries, readers));
      System.out.println(
          "wrote "
              + out.resolve("passwd")
              + " and "
              + out.resolve("acl")
              + ": "
              + entries.size()
              + " gateways, "
              + readers.size()
              + " reader; reload Mosquitto (SIGHUP) to apply. Its listeners need"
              + " `use_username_as_clientid true` (docker-compose.yml sets it): otherwise an account"
              + " can take over another's client id and session");
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("mqtt-auth failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Registers the absent gateways and sets the passwords; false (nothing changed) when a gateway is
   * registered at another site than the one named.
   */
  private boolean register(
      Database db, GatewayCredentials credentials, Map<GatewayRegistration, String> registrations) {
    List<GatewayRegistration> absent = new ArrayList<>();
    boolean consistent = true;
    for (GatewayRegistration r : registrations.keySet()) {
      Optional<String> site = credentials.registeredSite(r.enterprise(), r.gateway());
      if (site.isEmpty()) {
        absent.add(r);
      } else if (!site.get().equals(r.site())) {
        System.err.println(
            "--register "
                + r.path()
                + ": gateway "
                + r.gateway()
                + " of "
                + r.enterprise()
                + " is registered at site "
                + site.get()
                + "; name that site, or move the gateway with PUT"
                + " /api/v1/enterprises/{enterprise}/gateways/{gateway} first");
        consistent = false;
      }
    }
    if (!consistent) {
      return false;
    }
    // an existing gateway is left as it is: extra sites and policy granted through the registry
    // API survive every run of a deployment's mqtt-auth job
    PgRegistry registry = new PgRegistry(db.dataSource(), () -> {});
    PgAuditLog audit = new PgAuditLog(db.dataSource());
    for (GatewayRegistration r : absent) {
      registry.putGateway(r.spec());
      audit(
          audit,
          "gateway.put",
          r,
          r.gateway(),
          audit.snapshot("gateway", r.enterprise(), r.gateway()));
      System.out.println("registered gateway " + r.path());
    }
    for (Map.Entry<GatewayRegistration, String> e : registrations.entrySet()) {
      GatewayRegistration r = e.getKey();
      GatewayCredentials.Outcome outcome =
          credentials.set(r.enterprise(), r.gateway(), e.getValue(), Instant.now());
      if (outcome == GatewayCredentials.Outcome.SET) {
        audit(audit, "gateway.credentials", r, r.username(), null);
      }
      System.out.println(
          "gateway credentials "
              + (outcome == GatewayCredentials.Outcome.SET ? "set" : "unchanged")
              + ": username "
              + r.username()
              + " (password from "
              + r.passwordVariable()
              + ")");
    }
    return true;
  }

  private static void audit(
      PgAuditLog audit, String action, GatewayRegistration r, String target, String after) {
    audit.record(
        new AuditEntry(
            Instant.now(),
            "mqtt-auth",
            Role.SYSTEM_ADMIN.wire(),
            action,
            AuditEntry.Outcome.SUCCESS,
            r.enterprise(),
            target,
            null,
            "ingest mqtt-auth --register " + r.path() + "=" + r.passwordVariable(),
            null,
            after));
  }

  /** Written owner-only: the password file holds hashes, which must not be world-readable. */
  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
