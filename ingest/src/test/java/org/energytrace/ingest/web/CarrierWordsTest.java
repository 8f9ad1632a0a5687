package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.energytrace.analytics.units.ConversionFactor;
import org.energytrace.analytics.units.ConversionTable;
import org.junit.jupiter.api.Test;

/**
 * Every energy carrier of the conversion table has a name in words on the pages and in the reports,
 * in both languages: the Vietnamese period-report page showed "coal_grade_3_4" beside "điện" and
 * "khí đốt", as the pages named electricity, gas and diesel only.
 */
class CarrierWordsTest {
  static final Path RESOURCES = Path.of("src", "main", "resources");

  static Set<String> carriers() {
    Set<String> carriers = new TreeSet<>();
    for (ConversionFactor f : ConversionTable.bundled().rows()) {
      carriers.add(f.carrier());
    }
    return carriers;
  }

  @Test
  void everyCarrierOfTheConversionTableIsNamedOnThePagesAndInTheReports() throws IOException {
    Set<String> carriers = carriers();
    assertThat(carriers).contains("electricity", "coal_grade_3_4", "rice_husk");
    String i18n = Files.readString(RESOURCES.resolve("web/js/i18n.js"), StandardCharsets.UTF_8);
    for (String lang : new String[] {"vi", "en"}) {
      Properties labels = new Properties();
      try (Reader r =
          Files.newBufferedReader(
              RESOURCES.resolve("labels/report_" + lang + ".properties"), StandardCharsets.UTF_8)) {
        labels.load(r);
      }
      for (String c : carriers) {
        assertThat(labels.getProperty("carrier_" + c))
            .as("report_%s.properties carrier_%s", lang, c)
            .isNotBlank()
            .doesNotContain("_");
      }
    }
    for (String c : carriers) {
      assertThat(i18n)
          .as("i18n.js carrier.%s", c)
          .containsPattern("\"carrier\\." + c + "\": \\[\"[^\"]+\", \"[^\"]+\"\\]");
    }
  }
}
