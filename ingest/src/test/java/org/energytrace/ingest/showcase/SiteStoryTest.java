package org.energytrace.ingest.showcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.energytrace.ingest.errors.DomainException;
import org.junit.jupiter.api.Test;

class SiteStoryTest {
  static JsonObject measure() {
    return new JsonObject()
        .put("title", new JsonObject().put("vi", "Biến tần").put("en", "VSDs"))
        .put("date", "2026-11-04")
        .put("investment", 450_000_000)
        .put("currency", "VND");
  }

  @Test
  void readsNamesSectorAndMeasuresAndGivesThemBackAsTheShowcaseAnswerDoes() {
    SiteStory s =
        SiteStory.parse(
            new JsonObject()
                .put("enterprise_name", new JsonObject().put("vi", "  Công ty Bia ").put("en", ""))
                .put("sector", new JsonObject().put("en", "Beverages"))
                .put("measures", new JsonArray().add(measure())));

    // blank texts are absent; the page falls back to the other language
    assertThat(s.enterpriseName()).isEqualTo(new SiteStory.Text("Công ty Bia", null));
    assertThat(s.siteName().isEmpty()).isTrue();
    assertThat(s.measures().get(0).date()).isEqualTo(LocalDate.of(2026, 11, 4));
    JsonObject json = s.json();
    assertThat(json.getValue("site_name")).isNull();
    assertThat(json.getJsonObject("sector").getString("en")).isEqualTo("Beverages");
    assertThat(json.getJsonArray("measures").getJsonObject(0).getDouble("investment"))
        .isEqualTo(450_000_000d);
  }

  @Test
  void refusesAWrongFieldNamingItsPath() {
    JsonObject noDate = measure();
    noDate.remove("date");
    JsonObject noCurrency = measure();
    noCurrency.remove("currency");
    JsonObject negative = measure().put("investment", -1);
    JsonObject noTitle = measure().put("title", new JsonObject().put("vi", " "));
    JsonObject otherLanguage = measure().put("title", new JsonObject().put("fr", "Variateurs"));
    record Case(JsonObject measure, String field) {}
    for (Case c :
        new Case[] {
          new Case(noDate, "measures[1].date"),
          new Case(noCurrency, "measures[1].currency"),
          new Case(negative, "measures[1].investment"),
          new Case(noTitle, "measures[1].title"),
          new Case(otherLanguage, "measures[1].title.fr")
        }) {
      JsonObject body =
          new JsonObject().put("measures", new JsonArray().add(measure()).add(c.measure()));
      assertThatThrownBy(() -> SiteStory.parse(body))
          .as(c.field())
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.field()).isEqualTo(c.field()));
    }
    assertThatThrownBy(
            () ->
                SiteStory.parse(
                    new JsonObject().put("site_name", new JsonObject().put("vi", "x".repeat(201)))))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.field()).isEqualTo("site_name.vi"));
  }
}
