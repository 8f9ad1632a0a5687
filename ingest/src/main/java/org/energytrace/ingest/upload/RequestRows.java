package org.energytrace.ingest.upload;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.energytrace.ingest.errors.DomainException;

/**
 * The rows of an API request written as the CSV file an upload would send, so that the API takes
 * the same rows as an upload and checks them the same way.
 */
public final class RequestRows {
  private RequestRows() {}

  /**
   * A JSON number as a cell the file's rules read as the same number: its plain digits, and a zero
   * after three decimals ("67.2250"), which a file's "67.225" is refused for being read as 67 225
   * where a point separates thousands ({@link RowChecks#ambiguity}); a JSON number is not.
   */
  public static String number(String text) {
    String plain;
    try {
      plain = new BigDecimal(text).toPlainString();
    } catch (NumberFormatException e) {
      return text; // NaN, Infinity: as they are, for the row's check to name
    }
    return RowChecks.ambiguity(plain).isEmpty() ? plain : plain + "0";
  }

  /**
   * The CSV of {@code items}: the header line, then a line of each item's {@code cells}.
   *
   * @param field the request's field of the items (an item that is no object is refused as {@code
   *     field[i]}: "each {@code noun} is an object")
   * @param quoteLineBreaks whether a cell with a line break is quoted too (else only one with a
   *     comma or a quote)
   */
  public static byte[] csv(
      String header,
      JsonArray items,
      String field,
      String noun,
      boolean quoteLineBreaks,
      Function<JsonObject, Object[]> cells) {
    StringBuilder csv = new StringBuilder(header).append('\n');
    for (int i = 0; i < items.size(); i++) {
      if (!(items.getValue(i) instanceof JsonObject o)) {
        throw DomainException.invalid(field + "[" + i + "]", "each " + noun + " is an object");
      }
      String sep = "";
      for (Object v : cells.apply(o)) {
        csv.append(sep).append(cell(v, quoteLineBreaks));
        sep = ",";
      }
      csv.append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String cell(Object v, boolean quoteLineBreaks) {
    if (v == null) {
      return "";
    }
    String s = v instanceof Number n ? number(n.toString()) : String.valueOf(v);
    return s.contains(",")
            || s.contains("\"")
            || (quoteLineBreaks && (s.contains("\n") || s.contains("\r")))
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
