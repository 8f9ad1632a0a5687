package org.energytrace.analytics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The analytics module's house rules, checked on the sources (no library needed): packages import
 * only downward in {@link #LAYERS}, every package has a package-info.java, and outside the CLI
 * there is no file or network I/O and no clock read (STYLE.md: "analytics is pure").
 */
class LayeringTest {

  /** Lowest first; a package may import the root package and the packages before it. */
  static final List<String> LAYERS =
      List.of(
          "json",
          "units",
          "integrity",
          "enpi",
          "baseline",
          "domain",
          "savings",
          "resource",
          "cp",
          "report",
          "dossier",
          "cli");

  static final Path ROOT = Path.of("src/main/java/org/energytrace/analytics");
  static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?org\\.energytrace\\.analytics\\.([a-z]+)\\.", Pattern.MULTILINE);
  static final Pattern FORBIDDEN_IO =
      Pattern.compile("java\\.nio\\.file|java\\.io\\.File|java\\.net\\.|System\\.(out|err|in)\\b");
  static final Pattern CLOCK_READ =
      Pattern.compile(
          "\\b(Instant|LocalDate|LocalDateTime|ZonedDateTime|OffsetDateTime|LocalTime|Year)"
              + "\\.now\\(|System\\.currentTimeMillis|System\\.nanoTime|Clock\\.system");

  record Source(String layer, Path file, String text) {}

  static List<Source> sources() throws IOException {
    List<Source> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = ROOT.relativize(f);
        String layer = rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
        out.add(new Source(layer, f, Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void packagesImportOnlyLowerLayers() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      int own = s.layer().isEmpty() ? -1 : LAYERS.indexOf(s.layer());
      assertThat(own)
          .as("package %s is not in LAYERS", s.layer())
          .isGreaterThanOrEqualTo(s.layer().isEmpty() ? -1 : 0);
      Matcher m = IMPORT.matcher(s.text());
      while (m.find()) {
        int imported = LAYERS.indexOf(m.group(1));
        if (imported >= 0 && imported > own) {
          violations.add(s.file() + " (" + s.layer() + ") imports " + m.group(1));
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    try (Stream<Path> dirs = Files.walk(ROOT)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        assertThat(d.resolve("package-info.java")).as(d.toString()).exists();
      }
    }
    for (String layer : LAYERS) {
      assertThat(ROOT.resolve(layer)).as(layer).isDirectory();
    }
  }

  @Test
  void onlyTheCliDoesIoAndNothingReadsTheClock() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source s : sources()) {
      if (!s.layer().equals("cli") && FORBIDDEN_IO.matcher(s.text()).find()) {
        violations.add(s.file() + ": file, network or console I/O outside the CLI");
      }
      Matcher clock = CLOCK_READ.matcher(s.text());
      if (clock.find()) {
        violations.add(s.file() + ": reads the clock (" + clock.group() + "); inject a Clock");
      }
    }
    assertThat(violations).isEmpty();
  }
}
