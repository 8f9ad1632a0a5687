package org.energytrace.ingest.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.energytrace.ingest.config.ConfigException;
import org.energytrace.ingest.config.ConfigLoader;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest mqtt-auth --config FILE --out DIR [--issue-missing]}: writes the Mosquitto {@code
 * passwd} and {@code acl} files from the gateway registry. With {@code --issue-missing}, gateways
 * without credentials get new ones first, printed once on standard output. The ingest account
 * ({@code mqtt.username}/{@code mqtt.password} of the configuration) may read everything.
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

  @Override
  public Integer call() {
    IngestConfig c;
    try {
      c = ConfigLoader.withSystemEnv().load(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try (Database db = Database.open(c.db())) {
      db.migrate();
      GatewayCredentials credentials = new GatewayCredentials(db.dataSource());
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
              + " reader; reload Mosquitto (SIGHUP) to apply");
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("mqtt-auth failed: " + e.getMessage());
      return 1;
    }
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
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
