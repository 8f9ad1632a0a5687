package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are read only after the gate let a request through, per operation: nothing a
 * caller sends to an unknown path or to an operation they may not use reaches the disk, and a
 * multipart body is never spooled to Vert.x's default {@code file-uploads} directory (issue 11: 100
 * anonymous multipart POSTs to a 404 path left 98 MB there).
 */
class RequestBodyIT {
  /** Vert.x BodyHandler's default uploads directory, relative to the working directory. */
  static final Path VERTX_UPLOADS = Path.of("file-uploads");

  static final String E = "body-" + UUID.randomUUID().toString().substring(0, 6);
  static final int MAX_UPLOAD = 64 * 1024;
  static Path uploads;
  static SecuredService svc;
  static String adminToken;
  static String viewerToken;

  @BeforeAll
  static void start() throws IOException {
    uploads = Files.createTempDirectory("et-it-uploads-");
    svc =
        SecuredService.start(
            SecurityConfig.defaults(),
            c -> c.withHttp(c.http().withUploads(MAX_UPLOAD, uploads.toString())));
    adminToken = svc.access.systemAdminToken();
    viewerToken = svc.access.token(Role.ENTERPRISE_VIEWER, E, Duration.ofHours(1));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
    // a configured upload directory is left in place (only a private one is removed at stop)
    assertThat(filesIn(uploads)).isZero();
    Files.deleteIfExists(uploads);
  }

  static final String BOUNDARY = "----et-boundary-7MA4YWxkTrZu0gW";

  /** A multipart/form-data body with one file part of {@code size} bytes. */
  static Buffer multipart(int size) {
    Buffer b = Buffer.buffer();
    b.appendString("--" + BOUNDARY + "\r\n");
    b.appendString(
        "Content-Disposition: form-data; name=\"file\"; filename=\"fill.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n");
    b.appendBytes(new byte[size]);
    b.appendString("\r\n--" + BOUNDARY + "--\r\n");
    return b;
  }

  static HttpResponse<Buffer> sendMultipart(HttpMethod method, String uri, String token, int size) {
    var req = svc.request(method, uri, null);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    return req.putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .sendBuffer(multipart(size))
        .await();
  }

  static long filesIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void multipartPostsToAnUnknownPathOrAForbiddenOperationLeaveNothingOnDisk() {
    long before = filesIn(VERTX_UPLOADS);
    int size = 200_000;

    List<Integer> statuses =
        List.of(
            sendMultipart(HttpMethod.POST, "/api/v1/no-such-operation", null, size).statusCode(),
            sendMultipart(HttpMethod.POST, "/api/v1/quarantine/reprocess", null, size).statusCode(),
            sendMultipart(
                    HttpMethod.PUT, "/api/v1/enterprises/" + E + "/meters/m1", viewerToken, size)
                .statusCode(),
            sendMultipart(HttpMethod.POST, "/api/v1/tokens", null, size).statusCode());

    assertThat(statuses).containsExactly(404, 401, 403, 401);
    assertThat(filesIn(VERTX_UPLOADS))
        .as("files in " + VERTX_UPLOADS.toAbsolutePath())
        .isEqualTo(before);
  }

  @Test
  void aBodyNestedTooDeeplyIsSaidToBeSoNotToBeInvalidJson() {
    String deep = "{\"site\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + E + "/meters/m1", adminToken)
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(deep))
            .await();

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("body");
    assertThat(r.bodyAsJsonObject().getString("message"))
        .contains("too deeply")
        .doesNotContain("not valid JSON");
  }

  @Test
  void aMultipartBodyToAJsonOperationIsRefusedWithoutTouchingTheDisk() {
    long before = filesIn(VERTX_UPLOADS);

    HttpResponse<Buffer> r =
        sendMultipart(
            HttpMethod.PUT, "/api/v1/enterprises/" + E + "/meters/m1", adminToken, 100_000);

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_media_type");
    assertThat(r.bodyAsJsonObject().getString("message")).contains("application/json");
    assertThat(filesIn(VERTX_UPLOADS)).isEqualTo(before);
  }

  @Test
  void aMultipartGetIsAnsweredLikeAnyGet() {
    HttpResponse<Buffer> r = sendMultipart(HttpMethod.GET, "/api/v1/meters", adminToken, 10_000);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("meters")).isInstanceOf(JsonArray.class);
  }

  @Nested
  class Uploads {
    final String preview = "/api/v1/enterprises/" + E + "/production/uploads/preview";

    @Test
    void anUploadIsSpooledToTheUploadDirectoryAndGoneWhenItsRequestEnds() {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.POST, preview + "?file_name=day.csv", adminToken)
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("product,day,quantity\nbeer,2026-01-02,7\n"))
              .await();

      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("file_name")).isEqualTo("day.csv");
      await().atMost(Duration.ofSeconds(5)).until(() -> filesIn(uploads) == 0);
    }

    @Test
    void anUploadOverTheLimitIs413AndLeavesNothing() {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.POST, preview, adminToken)
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("x".repeat(MAX_UPLOAD + 1)))
              .await();

      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.bodyAsJsonObject().getString("message")).contains(Integer.toString(MAX_UPLOAD));
      await().atMost(Duration.ofSeconds(5)).until(() -> filesIn(uploads) == 0);
    }

    @Test
    void anUploadCutByTheClientMidwayLeavesNothing() throws Exception {
      try (Socket s = new Socket("127.0.0.1", svc.app.httpPort())) {
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST "
                    + preview
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + adminToken
                    + "\r\nContent-Type: text/csv\r\nContent-Length: 60000\r\n\r\n"
                    + "product,day,quantity\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[20_000]);
        out.flush();
        // the service has started spooling this upload
        await().atMost(Duration.ofSeconds(5)).until(() -> filesIn(uploads) == 1);
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> filesIn(uploads) == 0);
    }

    @Test
    void aFormUploadIsRefusedWithoutBeingWritten() {
      HttpResponse<Buffer> r = sendMultipart(HttpMethod.POST, preview, adminToken, 10_000);

      assertThat(r.statusCode()).isEqualTo(415);
      assertThat(filesIn(uploads)).isZero();
    }

    @Test
    void anUploadOperationTheCallerMayNotUseReadsNothing() {
      HttpResponse<Buffer> r =
          svc.withToken(HttpMethod.POST, preview, viewerToken)
              .putHeader("Content-Type", "text/csv")
              .sendBuffer(Buffer.buffer("x".repeat(MAX_UPLOAD - 10)))
              .await();

      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(filesIn(uploads)).isZero();
    }
  }

  @Test
  void aJsonBodyOverTheLimitIs413AndTheServiceAnswersTheNextRequest() {
    JsonObject big = new JsonObject().put("site", "plant-1").put("pad", "x".repeat(2 << 20));

    HttpResponse<Buffer> r =
        svc.withToken(HttpMethod.PUT, "/api/v1/enterprises/" + E + "/gateways/gw-1", adminToken)
            .sendJsonObject(big)
            .await();

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("too_large");
    assertThat(
            svc.withToken(HttpMethod.GET, "/api/v1/meters", adminToken).send().await().statusCode())
        .isEqualTo(200);
  }
}
