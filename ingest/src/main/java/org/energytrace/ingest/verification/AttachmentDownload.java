package org.energytrace.ingest.verification;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.energytrace.ingest.web.Blocking;

/**
 * A stored file sent as a download (an adjustment's attachment, a calibration's certificate): its
 * media type (active content as {@code application/octet-stream}), {@code Content-Disposition:
 * attachment} with its name, {@code X-Content-SHA256} with the hash the listings show.
 */
final class AttachmentDownload {
  private AttachmentDownload() {}

  /** Answers {@code a} with 200. */
  static void send(RoutingContext ctx, PgAdjustments.StoredAttachment a) {
    Blocking.download(
        ctx, downloadType(a.mediaType()), disposition(a.name()), a.sha256(), a.content());
  }

  /**
   * The stored media type, except for types a browser would run or render as a page (HTML, SVG,
   * XML, scripts): those are sent as {@code application/octet-stream}.
   */
  static String downloadType(String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT);
    return t.contains("html")
            || t.contains("svg")
            || t.contains("xml")
            || t.contains("javascript")
            || t.contains("ecmascript")
        ? "application/octet-stream"
        : mediaType;
  }

  /** {@code attachment; filename="…"; filename*=UTF-8''…} (RFC 6266), the ASCII name made safe. */
  static String disposition(String name) {
    String ascii = name.replaceAll("[^A-Za-z0-9._ ()-]", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
