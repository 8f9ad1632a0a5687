package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Tamper evidence (docs/verification.md, "Operations"): a local day is sealed once it ended {@code
 * sealGrace} ago (gateways replay buffered data for hours; later rows still get a revision link),
 * and the sealing job runs every {@code sealEvery}.
 */
public record IntegrityConfig(Duration sealGrace, Duration sealEvery) {
  public static final Duration DEFAULT_SEAL_GRACE = Duration.ofHours(6);
  public static final Duration DEFAULT_SEAL_EVERY = Duration.ofMinutes(15);

  public IntegrityConfig {
    Objects.requireNonNull(sealGrace, "sealGrace");
    Objects.requireNonNull(sealEvery, "sealEvery");
    if (sealGrace.isNegative()) {
      throw new IllegalArgumentException("integrity.seal_grace must not be negative");
    }
    if (sealEvery.isNegative() || sealEvery.isZero()) {
      throw new IllegalArgumentException("integrity.seal_every must be positive");
    }
  }

  public static IntegrityConfig defaults() {
    return new IntegrityConfig(DEFAULT_SEAL_GRACE, DEFAULT_SEAL_EVERY);
  }
}
