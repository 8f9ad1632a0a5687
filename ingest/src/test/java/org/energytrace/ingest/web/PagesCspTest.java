package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages work under the Content-Security-Policy the service sends ({@code script-src 'self';
 * style-src 'self'}, no 'unsafe-inline'): no inline script, no inline event handler, no style
 * element or attribute in the HTML, and no script that sets a style attribute (CSP Level 3 §6.1.2:
 * 'unsafe-inline' governs those; CSSOM properties set from a script file are allowed). The browser
 * tests check the same in Chromium by listening for violations.
 */
class PagesCspTest {
  static final Path WEB = Path.of("src", "main", "resources", "web");

  static List<Path> files(String ext) throws IOException {
    try (Stream<Path> s = Files.walk(WEB)) {
      return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
    }
  }

  @Test
  void noPageHasInlineScriptStyleOrEventHandlers() throws IOException {
    Pattern inlineScript =
        Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern styleElement = Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE);
    Pattern styleAttribute = Pattern.compile("<[^>]+\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    List<Path> pages = files(".html");
    assertThat(pages).hasSizeGreaterThanOrEqualTo(6);
    for (Path page : pages) {
      String html = Files.readString(page);
      assertThat(inlineScript.matcher(html).find()).as(page + ": inline <script>").isFalse();
      assertThat(styleElement.matcher(html).find()).as(page + ": <style> element").isFalse();
      assertThat(styleAttribute.matcher(html).find()).as(page + ": style attribute").isFalse();
      assertThat(handler.matcher(html).find()).as(page + ": inline event handler").isFalse();
    }
  }

  @Test
  void noScriptWritesStyleAttributesOrInlineHandlers() throws IOException {
    Pattern setStyle =
        Pattern.compile(
            "setAttribute\\(\\s*[\"']style|\\bel\\(\\s*\"[a-z0-9]+\"\\s*,\\s*\\{[^}]*\\bstyle\\s*:"
                + "|\\sstyle=|\\son[a-z]+=\\\\?[\"']",
            Pattern.CASE_INSENSITIVE);
    for (Path js : files(".js")) {
      String text = Files.readString(js);
      assertThat(setStyle.matcher(text).find())
          .as(js + ": sets a style attribute or an inline handler")
          .isFalse();
    }
  }
}
