package org.energytrace.analytics.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 with lowercase hex output, the only hash of the integrity chains. */
public final class Sha256 {

  /** SHA-256 of no bytes: the digest of a day without rows. */
  public static final String EMPTY = hex(new byte[0]);

  private Sha256() {}

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, as 64 lowercase hex digits. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** True for 64 lowercase hex digits. */
  public static boolean isHex(String s) {
    return s != null && s.matches("[0-9a-f]{64}");
  }
}
