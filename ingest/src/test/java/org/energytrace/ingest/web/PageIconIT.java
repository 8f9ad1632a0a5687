package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every page names its icon and the server has it: without one a browser asks for /favicon.ico on
 * every page and logs a 404 in the console of each.
 */
class PageIconIT {
  static final Pattern ICON = Pattern.compile("<link rel=\"icon\" href=\"([^\"]+)\"");
  static SecuredService svc;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void everyPageNamesAnIconTheServerServes() throws Exception {
    List<String> pages = pages();
    assertThat(pages).contains("login.html", "overview.html", "showcase.html");
    for (String page : pages) {
      HttpResponse<Buffer> html = svc.request(HttpMethod.GET, "/" + page, null).send().await();
      assertThat(html.statusCode()).as(page).isEqualTo(200);
      Matcher m = ICON.matcher(html.bodyAsString());
      assertThat(m.find()).as("an icon link in " + page).isTrue();
      HttpResponse<Buffer> icon = svc.request(HttpMethod.GET, m.group(1), null).send().await();
      assertThat(icon.statusCode()).as(m.group(1) + " of " + page).isEqualTo(200);
      assertThat(icon.getHeader("Content-Type")).as(m.group(1)).startsWith("image/svg+xml");
      assertThat(icon.bodyAsString()).as(m.group(1)).startsWith("<svg");
    }
  }

  /** The pages the server serves: the HTML files of its web root (the module's sources). */
  static List<String> pages() throws java.io.IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/web"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".html"))
          .sorted()
          .toList();
    }
  }
}
