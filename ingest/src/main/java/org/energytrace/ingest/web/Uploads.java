package org.energytrace.ingest.web;

import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.energytrace.ingest.config.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files sent to an upload operation (production CSV or XLSX), spooled to a temporary file while
 * their request runs: at most {@code http.max_upload_bytes} (more is answered 413 at once), in a
 * directory of this service only ({@code http.upload_dir}, or a private one under the system's
 * temporary directory), and deleted when the request ends however it ends: answered, failed, or cut
 * by the client mid-upload. Files a crash left behind are deleted at the next start.
 *
 * <p>Only the upload operations reach {@link #receive}, after the access check: no other request
 * ever writes to disk. The file is the request body itself ({@code text/csv} or the XLSX type); a
 * {@code multipart/form-data} form is refused with 415.
 */
public final class Uploads implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
  private static final String KEY = "et.upload";
  private static final String PREFIX = "upload-";
  private static final String SUFFIX = ".part";

  /** A received file. */
  public record Upload(Path file, long size, String contentType) {
    /** Blocking: the file's bytes. */
    public byte[] bytes() {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the uploaded file", e);
      }
    }
  }

  private final Vertx vertx;
  private final Path dir;
  private final boolean ownDir;
  private final long maxBytes;

  private Uploads(Vertx vertx, Path dir, boolean ownDir, long maxBytes) {
    this.vertx = vertx;
    this.dir = dir;
    this.ownDir = ownDir;
    this.maxBytes = maxBytes;
  }

  /**
   * Blocking, at start: creates the directory (owner-only when it is a private one) and deletes
   * upload files older than an hour that a previous run left there.
   */
  public static Uploads open(Vertx vertx, HttpConfig config) {
    try {
      if (config.uploadDir().isEmpty()) {
        Path dir =
            Files.createTempDirectory(
                "energytrace-uploads-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Uploads(vertx, dir, true, config.maxUploadBytes());
      }
      Path dir = Path.of(config.uploadDir());
      Files.createDirectories(dir);
      Instant stale = Instant.now().minus(Duration.ofHours(1));
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(Uploads::isUpload)
            .filter(f -> modifiedBefore(f, stale))
            .forEach(Uploads::deleteQuietly);
      }
      return new Uploads(vertx, dir, false, config.maxUploadBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the upload directory", e);
    }
  }

  public Path directory() {
    return dir;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The file of this request, when {@link #receive} spooled one. */
  public static Optional<Upload> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  /**
   * Route handler: spools the request body to a fresh file, then continues the route with it.
   * Expects the request paused (the access gate pauses it); resumes it.
   */
  public void receive(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String type = req.getHeader("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      HttpErrors.send(
          ctx,
          415,
          "unsupported_media_type",
          "send the file itself as the request body (text/csv or the XLSX type), not a form");
      return;
    }
    String length = req.getHeader("Content-Length");
    if (length != null && tooLarge(length)) {
      tooLarge(ctx);
      return;
    }
    Path file = dir.resolve(PREFIX + UUID.randomUUID() + SUFFIX);
    // registered before the file exists: whatever ends this request deletes it
    ctx.addEndHandler(v -> vertx.fileSystem().delete(file.toString()).onFailure(e -> {}));
    if (req.isEnded()) {
      vertx
          .fileSystem()
          .writeFile(file.toString(), io.vertx.core.buffer.Buffer.buffer())
          .onSuccess(v -> received(ctx, file, 0, type))
          .onFailure(e -> HttpErrors.failed(ctx, e));
      return;
    }
    vertx
        .fileSystem()
        .open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
        .onSuccess(out -> spool(ctx, req, out, file, type))
        .onFailure(e -> HttpErrors.failed(ctx, e));
  }

  private void spool(
      RoutingContext ctx, HttpServerRequest req, AsyncFile out, Path file, String type) {
    if (ctx.response().ended() || ctx.response().closed()) {
      // ended while the file was being created: the end handler found nothing to delete yet
      out.close().onComplete(x -> vertx.fileSystem().delete(file.toString()));
      return;
    }
    long[] size = {0};
    boolean[] refused = {false};
    req.exceptionHandler(
        e -> {
          out.close();
          LOG.debug("upload {} ended by the client: {}", file.getFileName(), e.toString());
        });
    req.handler(
        buf -> {
          if (refused[0]) {
            return;
          }
          size[0] += buf.length();
          if (size[0] > maxBytes) {
            refused[0] = true;
            out.close();
            tooLarge(ctx); // the rest of the body is drained (or the connection cut) by the gate
            return;
          }
          out.write(buf);
          if (out.writeQueueFull()) {
            req.pause();
            out.drainHandler(v -> req.resume());
          }
        });
    req.endHandler(
        v -> {
          if (refused[0]) {
            return;
          }
          out.close()
              .onSuccess(x -> received(ctx, file, size[0], type))
              .onFailure(e -> HttpErrors.failed(ctx, e));
        });
    req.resume();
  }

  private void received(RoutingContext ctx, Path file, long size, String type) {
    if (ctx.response().ended() || ctx.response().closed()) {
      vertx.fileSystem().delete(file.toString()).onFailure(e -> {});
      return;
    }
    ctx.put(KEY, new Upload(file, size, type));
    ctx.next();
  }

  private boolean tooLarge(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void tooLarge(RoutingContext ctx) {
    HttpErrors.send(
        ctx,
        413,
        "too_large",
        "the file is larger than " + maxBytes + " bytes (http.max_upload_bytes)");
  }

  private static boolean isUpload(Path f) {
    String n = f.getFileName().toString();
    return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
  }

  private static boolean modifiedBefore(Path f, Instant t) {
    try {
      return Files.getLastModifiedTime(f).toInstant().isBefore(t);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      LOG.warn("cannot delete stale upload {}: {}", f, e.toString());
    }
  }

  /** Blocking, at stop: removes the private directory with anything left in it. */
  @Override
  public void close() {
    if (!ownDir) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(Uploads::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("cannot remove the upload directory {}: {}", dir, e.toString());
    }
  }
}
