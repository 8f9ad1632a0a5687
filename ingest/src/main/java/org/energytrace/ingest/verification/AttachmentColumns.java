package org.energytrace.ingest.verification;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attachment columns an adjustment ({@code nonroutine_adjustment}) and a calibration record
 * ({@code meter_calibration}) share: {@code attachment_name}, {@code attachment_type}, {@code
 * attachment}, {@code attachment_sha256} and {@code attachment_bytes}, written and read alike.
 */
final class AttachmentColumns {
  private AttachmentColumns() {}

  /** The file's SHA-256 (hex), null without a file. */
  static String sha256(Adjustment.Attachment a) {
    if (a == null) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.content()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Binds the name, media type, bytes, SHA-256 ({@code sha256}) and size of {@code a} from
   * parameter {@code first} on, or five NULLs without a file.
   */
  static void bind(PreparedStatement ps, int first, Adjustment.Attachment a, String sha256)
      throws SQLException {
    if (a == null) {
      ps.setNull(first, Types.VARCHAR);
      ps.setNull(first + 1, Types.VARCHAR);
      ps.setNull(first + 2, Types.BINARY);
      ps.setNull(first + 3, Types.VARCHAR);
      ps.setNull(first + 4, Types.INTEGER);
    } else {
      ps.setString(first, a.name());
      ps.setString(first + 1, a.mediaType());
      ps.setBytes(first + 2, a.content());
      ps.setString(first + 3, sha256);
      ps.setInt(first + 4, a.content().length);
    }
  }

  /**
   * The listing's {@code attachment} {name, media_type, sha256, bytes} from the columns name, type,
   * SHA-256 and size at {@code first} on; null without a file.
   */
  static Map<String, Object> summary(ResultSet rs, int first) throws SQLException {
    if (rs.getString(first + 2) == null) {
      return null;
    }
    Map<String, Object> att = new LinkedHashMap<>();
    att.put("name", rs.getString(first));
    att.put("media_type", rs.getString(first + 1));
    att.put("sha256", rs.getString(first + 2));
    att.put("bytes", rs.getInt(first + 3));
    return att;
  }

  /** The stored file from the columns name, type, SHA-256 and the bytes (1 to 4). */
  static PgAdjustments.StoredAttachment stored(ResultSet rs) throws SQLException {
    return new PgAdjustments.StoredAttachment(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4));
  }
}
