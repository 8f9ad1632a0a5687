package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One Vietnamese word for "verified" in everything a reader puts side by side: the pages said "đã
 * xác minh", the auditor's dossier "đã thẩm tra" and the province's report "đã thẩm định" for the
 * same status of the same saving; "verifiable" was "kiểm chứng".
 */
class VietnameseTermsTest {
  static final Path RESOURCES = Path.of("src", "main", "resources");

  @Test
  void verifiedIsXacMinhOnThePagesInTheReportsAndTheDossier() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(RESOURCES.resolve("web/js/i18n.js"));
    try (Stream<Path> labels = Files.list(RESOURCES.resolve("labels"))) {
      labels.filter(p -> p.toString().endsWith("_vi.properties")).sorted().forEach(files::add);
    }
    assertThat(files).hasSizeGreaterThan(3);
    List<String> found = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String lower = lines.get(i).toLowerCase(Locale.ROOT);
        if (lower.contains("thẩm tra")
            || lower.contains("thẩm định")
            || lower.contains("kiểm chứng")) {
          found.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(found).as("other words for verified").isEmpty();
    // non-routine (IPMVP's adjustments): "ngoài thường lệ" everywhere; the pages also said "phi
    // thường quy" and the dossier "không thường xuyên", which reads as "infrequent"
    List<String> nonRoutine = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String lower = lines.get(i).toLowerCase(Locale.ROOT);
        if (lower.contains("thường quy") || lower.contains("thường xuyên")) {
          nonRoutine.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(nonRoutine).as("other words for (non-)routine").isEmpty();
    assertThat(Files.readString(RESOURCES.resolve("labels/dossier-report_vi.properties")))
        .contains("non_routine=Điều chỉnh ngoài thường lệ");
    assertThat(Files.readString(RESOURCES.resolve("labels/dossier-report_vi.properties")))
        .contains("op_verified=đã xác minh");
  }
}
