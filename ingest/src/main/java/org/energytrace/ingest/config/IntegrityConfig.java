package org.energytrace.ingest.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Tamper evidence (docs/verification.md, "Operations"): a local day is sealed once it ended {@code
 * sealGrace} ago (gateways replay buffered data for hours; later rows still get a revision link),
 * and the sealing job runs every {@code sealEvery}; {@code serverKeyFile} holds the Ed25519 key
 * that signs verification dossiers (generated, 0600, on first start when absent — back it up).
 */
public record IntegrityConfig(Duration sealGrace, Duration sealEvery, Path serverKeyFile) {
  public static final Duration DEFAULT_SEAL_GRACE = Duration.ofHours(6);
  public static final Duration DEFAULT_SEAL_EVERY = Duration.ofMinutes(15);

  public IntegrityConfig {
    Objects.requireNonNull(sealGrace, "sealGrace");
    Objects.requireNonNull(sealEvery, "sealEvery");
    Objects.requireNonNull(serverKeyFile, "serverKeyFile");
    if (sealGrace.isNegative()) {
      throw new IllegalArgumentException("integrity.seal_grace must not be negative");
    }
    if (sealEvery.isNegative() || sealEvery.isZero()) {
      throw new IllegalArgumentException("integrity.seal_every must be positive");
    }
  }

  /** The key file when none is configured: {@code ~/.energytrace/dossier-key.pem}. */
  public static Path homeKeyFile() {
    return Path.of(System.getProperty("user.home"), ".energytrace", "dossier-key.pem");
  }

  /** For embedding in tests: the key in the temporary directory (one key for every test). */
  public static IntegrityConfig defaults() {
    return new IntegrityConfig(
        DEFAULT_SEAL_GRACE,
        DEFAULT_SEAL_EVERY,
        Path.of(System.getProperty("java.io.tmpdir"), "energytrace-test-dossier-key.pem"));
  }

  public IntegrityConfig withSealGrace(Duration value) {
    return new IntegrityConfig(value, sealEvery, serverKeyFile);
  }
}
