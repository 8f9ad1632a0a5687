package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The colours of the dashboards' stylesheet as written in {@code web/css/app.css}: text against its
 * background at 4.5:1 or more (WCAG 2.1 SC 1.4.3, normal text), the keyboard focus ring against the
 * surfaces it is drawn on at 3:1 or more (SC 1.4.11, non-text contrast). A colour changed in the
 * stylesheet is checked here without editing the test.
 */
class ColourContrastTest {
  static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
  static final Pattern VAR =
      Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\\b)");
  static Map<String, Map<String, String>> rules;
  static Map<String, String> vars;

  @BeforeAll
  static void readStylesheet() throws IOException {
    String css;
    try (InputStream in = ColourContrastTest.class.getResourceAsStream("/web/css/app.css")) {
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("/\\*.*?\\*/", "");
    }
    rules = new HashMap<>();
    vars = new HashMap<>();
    Matcher v = VAR.matcher(css);
    while (v.find()) {
      vars.put(v.group(1), sixDigits(v.group(2)));
    }
    Matcher m = RULE.matcher(css);
    while (m.find()) {
      Map<String, String> declarations = new HashMap<>();
      for (String d : m.group(2).split(";")) {
        int colon = d.indexOf(':');
        if (colon > 0) {
          declarations.put(d.substring(0, colon).trim(), d.substring(colon + 1).trim());
        }
      }
      for (String selector : m.group(1).split(",")) {
        rules.computeIfAbsent(selector.trim(), k -> new HashMap<>()).putAll(declarations);
      }
    }
  }

  /** The colour a selector's property sets: {@code #rrggbb}, resolving {@code var(--x)}. */
  static String colour(String selector, String property) {
    Map<String, String> r = rules.get(selector);
    assertThat(r).as("a rule for " + selector + " in app.css").isNotNull();
    String value = r.get(property);
    assertThat(value).as(selector + " { " + property + " }").isNotNull();
    Matcher hex = Pattern.compile("#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\\b").matcher(value);
    Matcher var = Pattern.compile("var\\(--([a-z-]+)\\)").matcher(value);
    if (var.find()) {
      assertThat(vars).as("--" + var.group(1)).containsKey(var.group(1));
      return vars.get(var.group(1));
    }
    assertThat(hex.find()).as(selector + " { " + property + ": " + value + " }").isTrue();
    return sixDigits(hex.group());
  }

  static String sixDigits(String h) {
    return h.length() == 4
        ? "#" + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2) + h.charAt(3) + h.charAt(3)
        : h;
  }

  /** WCAG 2.1 contrast ratio of two sRGB colours. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  static double luminance(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  @ParameterizedTest(name = "{0} {1} on {2} {3}")
  @CsvSource({
    // text, its property, the surface it sits on, that surface's property
    "body, color, body, background",
    "body, color, .card, background",
    ".kpi .label, color, .card, background",
    ".kpi .sub, color, .card, background",
    ".summary, color, body, background",
    ".summary, color, .card, background",
    "th, color, table, background",
    "form.controls label, color, body, background",
    ".status-online, color, .card, background",
    ".status-offline, color, .card, background",
    ".quality-uncertain, color, .card, background",
    ".quality-bad, color, .card, background",
    ".live-state.live, color, .live-state.live, background",
    ".live-state.stale, color, .live-state.stale, background",
    ".live-state.offline, color, .live-state.offline, background",
    ".message.error, color, .message.error, background",
    ".message.info, color, .message.info, background",
    "header#top, color, header#top, background",
    ".primary, color, .primary, background",
    "body.showcase, color, body.showcase, background",
    "body.showcase main a, color, body.showcase, background",
    "body.showcase, color, .big, background",
    ".big .label, color, .big, background",
    ".big .sub, color, .big, background",
    "body.showcase .summary, color, body.showcase, background",
    ".show-controls button, color, .show-controls button, background",
  })
  void textHasAContrastOfAtLeast4point5To1(
      String text, String textProperty, String surface, String surfaceProperty) {
    String fg = colour(text, textProperty);
    String bg = colour(surface, surfaceProperty);

    assertThat(contrast(fg, bg)).as(fg + " on " + bg).isGreaterThanOrEqualTo(4.5);
  }

  @ParameterizedTest(name = "focus ring of {0} on {1} {2}")
  @CsvSource({
    ":focus-visible, body, background",
    ":focus-visible, .card, background",
    "header#top :focus-visible, header#top, background",
    "header#top :focus-visible, body.showcase, background",
    "header#top :focus-visible, .big, background",
  })
  void theFocusRingStandsOutAtLeast3To1(String ring, String surface, String property) {
    String outline =
        ring.equals(":focus-visible") ? colour(ring, "outline") : colour(ring, "outline-color");

    assertThat(contrast(outline, colour(surface, property)))
        .as(outline + " on " + colour(surface, property))
        .isGreaterThanOrEqualTo(3.0);
  }
}
