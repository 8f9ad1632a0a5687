package org.energytrace.ingest.showcase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.ingest.errors.DomainException;
import org.energytrace.ingest.model.CurrencyCode;

/**
 * What a site's showcase tells besides its figures: the enterprise's name and sector, the site's
 * name (each in Vietnamese and English) and the measures implemented there, in the order given.
 */
public record SiteStory(Text enterpriseName, Text siteName, Text sector, List<Measure> measures) {
  static final int MAX_NAME = 200;
  static final int MAX_TITLE = 120;
  static final int MAX_DESCRIPTION = 600;
  static final int MAX_MEASURES = 20;

  public SiteStory {
    enterpriseName = enterpriseName == null ? Text.NONE : enterpriseName;
    siteName = siteName == null ? Text.NONE : siteName;
    sector = sector == null ? Text.NONE : sector;
    measures = List.copyOf(measures);
  }

  /** A text in Vietnamese and English; either may be null (the page shows the other). */
  public record Text(String vi, String en) {
    public static final Text NONE = new Text(null, null);

    public boolean isEmpty() {
      return vi == null && en == null;
    }

    JsonObject json() {
      return isEmpty() ? null : new JsonObject().put("vi", vi).put("en", en);
    }
  }

  /** One measure: what was done, when, and what it cost (investment null: not stated). */
  public record Measure(
      Text title, Text description, LocalDate date, BigDecimal investment, String currency) {
    public Measure {
      if (title == null || title.isEmpty()) {
        throw new IllegalArgumentException("a measure needs a title");
      }
      description = description == null ? Text.NONE : description;
    }

    JsonObject json() {
      return new JsonObject()
          .put("title", title.json())
          .put("description", description.json())
          .put("date", date.toString())
          .put("investment", investment == null ? null : investment.doubleValue())
          .put("currency", currency);
    }
  }

  /** The story as the showcase answer gives it (names and sector null when not described). */
  public JsonObject json() {
    JsonArray list = new JsonArray();
    measures.forEach(m -> list.add(m.json()));
    return new JsonObject()
        .put("enterprise_name", enterpriseName.json())
        .put("site_name", siteName.json())
        .put("sector", sector.json())
        .put("measures", list);
  }

  /**
   * The body of {@code PUT .../sites/{site}/story}, checked field by field: a wrong field is
   * refused with its path (e.g. {@code measures[1].date}).
   */
  public static SiteStory parse(JsonObject body) {
    List<Measure> measures = new ArrayList<>();
    Object list = body.getValue("measures");
    if (list != null && !(list instanceof JsonArray)) {
      throw DomainException.invalid("measures", "must be an array");
    }
    JsonArray array = list == null ? new JsonArray() : (JsonArray) list;
    if (array.size() > MAX_MEASURES) {
      throw DomainException.invalid("measures", "at most " + MAX_MEASURES + " measures");
    }
    for (int i = 0; i < array.size(); i++) {
      String at = "measures[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject m)) {
        throw DomainException.invalid(at, "must be an object");
      }
      Text title = text(m, "title", at + ".title", MAX_TITLE);
      if (title.isEmpty()) {
        throw DomainException.invalid(at + ".title", "a title in vi or en is required");
      }
      measures.add(
          new Measure(
              title,
              text(m, "description", at + ".description", MAX_DESCRIPTION),
              date(m, at + ".date"),
              investment(m, at + ".investment"),
              currency(m, at + ".currency")));
    }
    return new SiteStory(
        text(body, "enterprise_name", "enterprise_name", MAX_NAME),
        text(body, "site_name", "site_name", MAX_NAME),
        text(body, "sector", "sector", MAX_NAME),
        measures);
  }

  private static Text text(JsonObject o, String key, String path, int max) {
    Object v = o.getValue(key);
    if (v == null) {
      return Text.NONE;
    }
    if (!(v instanceof JsonObject t)) {
      throw DomainException.invalid(path, "must be an object {\"vi\": …, \"en\": …}");
    }
    for (String k : t.fieldNames()) {
      if (!k.equals("vi") && !k.equals("en")) {
        throw DomainException.invalid(path + "." + k, "only vi and en are kept");
      }
    }
    return new Text(string(t, "vi", path + ".vi", max), string(t, "en", path + ".en", max));
  }

  private static String string(JsonObject o, String key, String path, int max) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw DomainException.invalid(path, "must be a string");
    }
    String t = s.strip();
    if (t.isEmpty()) {
      return null;
    }
    if (t.length() > max) {
      throw DomainException.invalid(path, "at most " + max + " characters");
    }
    if (t.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw DomainException.invalid(path, "must not hold control characters");
    }
    return t;
  }

  private static LocalDate date(JsonObject m, String path) {
    if (!(m.getValue("date") instanceof String s)) {
      throw DomainException.invalid(path, "a date yyyy-mm-dd is required");
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid(path, "not a date yyyy-mm-dd: '" + s + "'");
    }
  }

  private static BigDecimal investment(JsonObject m, String path) {
    Object v = m.getValue("investment");
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw DomainException.invalid(path, "must be a number");
    }
    BigDecimal d = new BigDecimal(n.toString());
    if (d.signum() < 0) {
      throw DomainException.invalid(path, "must be 0 or more");
    }
    return d;
  }

  private static String currency(JsonObject m, String path) {
    Object v = m.getValue("currency");
    if (v == null) {
      if (m.getValue("investment") != null) {
        throw DomainException.invalid(path, "the currency of the investment is required");
      }
      return null;
    }
    if (!(v instanceof String s) || !CurrencyCode.known(s)) {
      throw DomainException.invalid(path, "an ISO 4217 code (VND, USD, …)");
    }
    return s;
  }
}
