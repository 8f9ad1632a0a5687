package org.energytrace.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.energytrace.ingest.config.SecurityConfig;

/**
 * Argon2id password hashes in the PHC string format ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), the parameters OWASP's Password Storage Cheat Sheet
 * gives as the minimum (19 MiB, 2 iterations, 1 lane), or those of {@code security.password_*}. The
 * parameters travel in each hash, so they can be raised later without invalidating stored hashes;
 * {@link #needsRehash} tells which stored hash to redo at its owner's next sign-in.
 */
public final class PasswordHasher {
  private static final Pattern PHC =
      Pattern.compile(
          "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final String dummy;

  public PasswordHasher(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.dummy = hash(Secrets.random(16));
  }

  /**
   * The parameters of {@code security.password_memory_kib}, {@code _iterations}, {@code
   * _parallelism}.
   */
  public static PasswordHasher of(SecurityConfig config) {
    return new PasswordHasher(
        config.passwordMemoryKib(), config.passwordIterations(), config.passwordParallelism());
  }

  /** The OWASP minimum: m=19 MiB, t=2, p=1. */
  public static PasswordHasher owaspDefault() {
    return new PasswordHasher(19 * 1024, 2, 1);
  }

  public String hash(String password) {
    byte[] salt = Secrets.randomBytes(16);
    byte[] out = derive(password, salt, memoryKib, iterations, parallelism, 32);
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            memoryKib, iterations, parallelism, B64.encodeToString(salt), B64.encodeToString(out));
  }

  /**
   * Whether {@code password} matches {@code stored}. A null or malformed stored hash never matches
   * but still costs one derivation, so that an unknown account answers as slowly as a known one (no
   * user enumeration by timing, OWASP ASVS 4.0 V2.2.1 / Authentication Cheat Sheet).
   */
  public boolean verify(String password, String stored) {
    Matcher m = stored == null ? null : PHC.matcher(stored);
    if (m == null || !m.matches()) {
      verify(password == null ? "" : password, dummy);
      return false;
    }
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual =
        derive(
            password == null ? "" : password,
            B64D.decode(m.group(4)),
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Whether {@code stored}, a hash that has just verified, was made with other parameters than this
   * hasher's (or is not one of its hashes): then it is to be replaced by {@link #hash} of the same
   * password.
   */
  public boolean needsRehash(String stored) {
    Matcher m = stored == null ? null : PHC.matcher(stored);
    return m == null
        || !m.matches()
        || Integer.parseInt(m.group(1)) != memoryKib
        || Integer.parseInt(m.group(2)) != iterations
        || Integer.parseInt(m.group(3)) != parallelism
        || B64D.decode(m.group(5)).length != 32;
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build());
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
