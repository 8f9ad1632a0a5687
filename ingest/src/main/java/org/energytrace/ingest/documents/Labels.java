package org.energytrace.ingest.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a bilingual report in one language ({@code vi} or {@code en}), by key: the report's
 * own file {@code /labels/<report>_<lang>.properties} over the words the reports share, {@code
 * /labels/report_<lang>.properties} (both UTF-8, each read once). A key with no words is shown as
 * it is.
 */
public final class Labels {
  private static final Map<String, Labels> READ = new ConcurrentHashMap<>();
  private static final Pattern ISO_DAY = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b(?!T)");
  private static final Pattern ISO_TIME =
      Pattern.compile(
          "\\b(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}:\\d{2}(?::\\d{2})?)(?:\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

  private final String lang;
  private final Properties words;

  private Labels(String lang, Properties words) {
    this.lang = lang;
    this.words = words;
  }

  /**
   * The words of {@code report} ({@code cp-report}, {@code programme-report}, …) in {@code lang}.
   */
  public static Labels of(String report, String lang) {
    if (!lang.equals("vi") && !lang.equals("en")) {
      throw new IllegalArgumentException("lang " + lang);
    }
    return READ.computeIfAbsent(
        report + "_" + lang, name -> new Labels(lang, read(name, read("report_" + lang, null))));
  }

  private static Properties read(String name, Properties shared) {
    String path = "/labels/" + name + ".properties";
    Properties words = new Properties(shared);
    try (InputStream in = Labels.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no " + path);
      }
      words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  public String lang() {
    return lang;
  }

  /** The words of {@code key}, or the key itself when it has none. */
  public String label(String key) {
    return words.getProperty(key, key);
  }

  /** The words of {@code keys}, in order (a table's header). */
  public List<String> labels(String... keys) {
    return Arrays.stream(keys).map(this::label).toList();
  }

  /**
   * A value of the data (a status, a kind, a unit code) in words: the label {@code prefix + value}
   * (lower case, anything but letters and digits as {@code _}), else the value as it is.
   */
  public String word(String prefix, Object value) {
    String v = String.valueOf(value);
    String key = prefix + v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    return has(key) ? label(key) : v;
  }

  /**
   * Every ISO day in {@code text} as the language writes a day: 30/06/2026 in Vietnamese, as the
   * pages do; unchanged in English. A day followed by a time of day ({@code 2026-06-30T10:15}) is
   * left as it is.
   */
  public String days(String text) {
    return lang.equals("vi") ? ISO_DAY.matcher(text).replaceAll("$3/$2/$1") : text;
  }

  /**
   * Every ISO day and time of day in {@code text} as the language writes them: days as {@link
   * #days}, a time as the day and the time apart, its offset after it — {@code 2026-11-26T10:00} is
   * 26/11/2026 10:00 (vi) or 2026-11-26 10:00 (en), {@code 2026-12-07T06:47:40+07:00} 07/12/2026
   * 06:47:40 (UTC+07:00); fractions of a second are left out.
   */
  public String daysAndTimes(String text) {
    boolean vi = lang.equals("vi");
    String times =
        ISO_TIME
            .matcher(text)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        (vi
                                ? m.group(3) + "/" + m.group(2) + "/" + m.group(1)
                                : m.group(1) + "-" + m.group(2) + "-" + m.group(3))
                            + " "
                            + m.group(4)
                            + (m.group(5) == null
                                ? ""
                                : " (UTC" + (m.group(5).equals("Z") ? "" : m.group(5)) + ")")));
    return days(times);
  }

  /** Whether {@code key} has words (an event kind, an opinion, a calibration result). */
  public boolean has(String key) {
    return words.getProperty(key) != null;
  }
}
