package org.energytrace.ingest.validate;

/** Text that quotes input, made safe to store and to show. */
public final class Printable {
  private Printable() {}

  /**
   * Control characters written as {@code \\uXXXX}: a reason may quote the input, and it must be
   * storable (PostgreSQL text has no U+0000) and readable in a listing.
   */
  public static String of(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
