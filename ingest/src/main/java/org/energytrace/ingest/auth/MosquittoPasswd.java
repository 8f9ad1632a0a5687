package org.energytrace.ingest.auth;

import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the format Mosquitto 2 reads from its {@code password_file}: {@code
 * $7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>} with a 12-byte salt and a 64-byte
 * hash, as {@code mosquitto_passwd} writes them (mosquitto 2.0 {@code password_mosq.c}).
 */
public final class MosquittoPasswd {
  public static final int ITERATIONS = 101;

  private MosquittoPasswd() {}

  public static String hash(String password) {
    return hash(password, Secrets.randomBytes(12), ITERATIONS);
  }

  static String hash(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 64 * 8);
      byte[] out =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      return "$7$"
          + iterations
          + "$"
          + Base64.getEncoder().encodeToString(salt)
          + "$"
          + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable", e);
    }
  }
}
