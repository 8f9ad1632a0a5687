package org.energytrace.ingest.cp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.energytrace.ingest.web.Fields;

/**
 * The title and body in Vietnamese and English that a guidance note, a public item and a pilot site
 * carry: read from a request, written into their JSON and read from their rows alike.
 */
public record CpTexts(String titleVi, String titleEn, String bodyVi, String bodyEn) {

  /**
   * Reads {@code title_vi} (required), {@code title_en} (at most 300 characters each), {@code
   * body_vi} (required when {@code bodyRequired}) and {@code body_en} (at most {@code bodyMax}
   * characters each) from {@code f}, which keeps the problems until its {@code throwFirst}.
   */
  static CpTexts read(Fields f, boolean bodyRequired, int bodyMax) {
    return new CpTexts(
        f.text("title_vi", true, 300),
        f.text("title_en", false, 300),
        f.text("body_vi", bodyRequired, bodyMax),
        f.text("body_en", false, bodyMax));
  }

  /** The four text columns of a row, {@code title_vi} at column {@code first}. */
  static CpTexts of(ResultSet rs, int first) throws SQLException {
    return new CpTexts(
        rs.getString(first),
        rs.getString(first + 1),
        rs.getString(first + 2),
        rs.getString(first + 3));
  }

  /** Adds {@code title_vi}, {@code title_en}, {@code body_vi} and {@code body_en} to {@code m}. */
  void json(Map<String, Object> m) {
    m.put("title_vi", titleVi);
    m.put("title_en", titleEn);
    m.put("body_vi", bodyVi);
    m.put("body_en", bodyEn);
  }
}
