package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.energytrace.ingest.auth.Role;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.BrowserSession;
import org.energytrace.ingest.fixtures.Gateways;
import org.energytrace.ingest.fixtures.PageChecks;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page for entering figures (/entries.html, docs/dashboards.md) in headless Chromium, in
 * Vietnamese: an enterprise administrator previews a production file and a resource file, sees each
 * problem by row and column in Vietnamese with nothing stored, corrects the file, stores it, and is
 * told what the stock ledger now holds wrong. A reviewer found no page for it: the manager could
 * enter figures only through the API.
 */
class EntriesBrowserIT {
  /** A day as a Vietnamese page writes it, in the API's messages too (04/12/2026). */
  static final DateTimeFormatter VI_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  static final String E = "ent-" + UUID.randomUUID().toString().substring(0, 8);
  static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  static SecuredService svc;
  static String admin;

  @BeforeAll
  static void start() {
    svc = SecuredService.start(SecurityConfig.defaults());
    admin = svc.access.systemAdminToken();
    Gateways.register(svc.db, E + "/plant-1/gw-1");
    put("/lines/l1", new JsonObject().put("site", "plant-1").put("name", "Line 1"));
    put(
        "/products/beer",
        new JsonObject().put("line", "l1").put("unit", "HLT").put("name", "Bia hơi"));
    put(
        "/resources/coal",
        new JsonObject().put("site", "plant-1").put("kind", "material").put("unit", "t"));
    svc.ok(
        HttpMethod.PUT,
        "/api/v1/programme/facilities/" + E,
        admin,
        new JsonObject()
            .put("legal_name_vi", "Công ty Bia Nhập Liệu")
            .put("short_name", "Bia Nhập Liệu")
            .put("vsic", "1103")
            .put("district", "Thủ Dầu Một"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (svc != null) {
      svc.close();
    }
  }

  static void put(String tail, JsonObject body) {
    svc.ok(HttpMethod.PUT, "/api/v1/enterprises/" + E + tail, admin, body);
  }

  static String text(ChromeDriver b, String id) {
    return b.findElement(By.id(id)).getText();
  }

  /** Chooses {@code content} as the section's file, previews it and waits for the answer. */
  static void preview(ChromeDriver b, Path dir, String kind, String name, String content)
      throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    b.findElement(By.id(kind + "-file")).sendKeys(file.toString());
    b.findElement(By.id(kind + "-preview")).click();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              String s = text(b, kind + "-status");
              return s.startsWith("Tệp") || s.contains("lỗi");
            });
  }

  @Test
  void anAdministratorPreviewsSeesEachProblemInVietnameseThenStoresTheCorrectedFile(
      @TempDir Path dir) throws Exception {
    LocalDate d1 = LocalDate.now(ZONE).minusDays(3);
    LocalDate d2 = d1.plusDays(1);
    ChromeDriver b = BrowserSession.signedIn(svc, "ent-a-" + E, Role.ENTERPRISE_ADMIN, E);
    try {
      b.get("http://127.0.0.1:" + svc.app.httpPort() + "/entries.html?lang=vi");
      await().atMost(Duration.ofSeconds(15)).until(() -> !text(b, "prod-codes").isEmpty());
      assertThat(text(b, "prod-codes")).contains("beer (Bia hơi)");
      assertThat(text(b, "res-codes")).contains("coal (t)");
      // the company by its registry name, as the overview titles it (it showed the code alone)
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> text(b, "enterprise-name").equals("– Công ty Bia Nhập Liệu (" + E + ")"));
      assertThat(b.findElement(By.cssSelector("header nav a[href^='/entries.html']")).getText())
          .isEqualTo("Nhập số liệu");

      // a column not of the file and a quantity with its unit typed in: nothing stored
      preview(b, dir, "prod", "bad.csv", "product,day,quantity,unit\nbeer," + d1 + ",100,hl\n");
      assertThat(text(b, "prod-errors"))
          .isEqualTo(
              "Dòng 1, cột đơn vị (unit): cột không thuộc tệp này; các cột là product, day,"
                  + " quantity, line, note");
      assertThat(b.findElement(By.id("prod-commit")).isEnabled()).isFalse();
      preview(
          b,
          dir,
          "prod",
          "bad2.csv",
          "product,day,quantity\nbeer," + d1 + ",100\nbeer," + d2 + ",5 t\nwine," + d2 + ",3\n");
      assertThat(text(b, "prod-status"))
          .isEqualTo("Tệp có 2 lỗi, chưa lưu gì: sửa tệp rồi xem trước lại.");
      assertThat(text(b, "prod-errors"))
          .contains("Dòng 3, cột số lượng (quantity): không phải số thập phân không âm: “5 t”")
          .contains("Dòng 4, cột sản phẩm (product): không có sản phẩm “wine” của doanh nghiệp");
      assertThat(list("/production?from=" + d1 + "&to=" + d2).getJsonArray("quantities")).isEmpty();
      // the codes a file uses are marked not to translate (as DemoQuickStartIT reads pages)
      List<String> codes = new java.util.ArrayList<>(List.of("wine", "hl"));
      for (Object c :
          (List<?>)
              b.executeScript(
                  "return [...document.querySelectorAll('[translate=\"no\"]')]"
                      + ".map(e => e.textContent.trim());")) {
        codes.add(String.valueOf(c));
      }
      codes.sort((x, y) -> y.length() - x.length());
      assertThat(PageChecks.englishInVietnamese(b, codes)).isEmpty();

      // corrected: previewed valid, then stored exactly
      preview(
          b,
          dir,
          "prod",
          "good.csv",
          "product,day,quantity\nbeer," + d1 + ",100\nbeer," + d2 + ",120.5\n");
      assertThat(text(b, "prod-status"))
          .isEqualTo("Tệp hợp lệ: 2 dòng, chưa lưu. Bấm Lưu để lưu đúng các dòng này.");
      b.findElement(By.id("prod-commit")).click();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> text(b, "prod-status").startsWith("Đã lưu"));
      assertThat(text(b, "prod-status")).isEqualTo("Đã lưu 2 dòng.");
      JsonArray stored = list("/production?from=" + d1 + "&to=" + d2).getJsonArray("quantities");
      assertThat(stored.stream().map(o -> ((JsonObject) o).getDouble("quantity")))
          .containsExactlyInAnyOrder(100.0, 120.5);

      // two counts of one day in a file: refused in Vietnamese (it was half English)
      preview(
          b,
          dir,
          "res",
          "twice.csv",
          "resource,type,day,quantity,ref\ncoal,stock_count,"
              + d1
              + ",20,A\ncoal,stock_count,"
              + d1
              + ",21,B\n");
      assertThat(text(b, "res-errors"))
          .isEqualTo(
              "Dòng 3, cột ngày (day): trùng: kiểm kê tồn kho coal ngày "
                  + VI_DAY.format(d1)
                  + " cũng có ở dòng 2 (mỗi ngày chỉ một lần kiểm kê tồn kho)");
      // an invoice's money is shown before it is stored (the preview left it out)
      preview(
          b,
          dir,
          "res",
          "invoice.csv",
          "resource,type,day,quantity,unit,ref,amount,currency\ncoal,invoice,"
              + d1
              + ",5,t,HD-1,1500000,VND\n");
      assertThat(text(b, "res-rows")).contains("HD-1").contains("1.500.000 ₫");
      // two stock counts that give a use below zero: stored, and the page says what is wrong
      preview(
          b,
          dir,
          "res",
          "coal.csv",
          "resource,type,day,quantity\ncoal,stock_count,"
              + d1
              + ",20\ncoal,stock_count,"
              + d2
              + ",50\n");
      b.findElement(By.id("res-commit")).click();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> text(b, "res-status").startsWith("Đã lưu"));
      assertThat(text(b, "res-status"))
          .startsWith("Đã lưu 2 dòng. · Sổ tồn kho cần xem lại: coal: kỳ ")
          .contains(VI_DAY.format(d2), "âm: xem lại")
          .doesNotContain("below zero");

      // a figure stored by mistake is deleted from the page, once confirmed (it could not be)
      String shown = d2.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
      // the form says what is stored that day before anything is deleted
      assertThat(choose(b, "prod", "beer", d2)).isEqualTo("Đã lưu ngày này: 120,5");
      deleteChosen(b);
      assertThat(text(b, "del-status"))
          .isEqualTo(
              "Đã xoá Bia hơi ngày " + shown + ": 120,5. · Ngày này nay không có sản lượng.");
      assertThat(list("/production?from=" + d2 + "&to=" + d2).getJsonArray("quantities")).isEmpty();
      assertThat(choose(b, "prod", "beer", d2)).isEqualTo("Không có gì được nhập ngày này.");
      deleteChosen(b);
      assertThat(text(b, "del-status"))
          .isEqualTo("Không có số liệu đó: Bia hơi ngày " + shown + " chưa được nhập.");
      // a resource's entries of the day are buttons choosing their type and ref
      assertThat(choose(b, "res", "coal", d2)).isEqualTo("Đã lưu ngày này: kiểm kê tồn kho: 50 t");
      b.findElement(By.cssSelector("#del-stored button")).click();
      assertThat(b.findElement(By.id("del-type")).getAttribute("value")).isEqualTo("stock_count");
      deleteChosen(b);
      // one count left: the ledger says so, in Vietnamese (it was English)
      assertThat(text(b, "del-status"))
          .isEqualTo(
              "Đã xoá kiểm kê tồn kho coal ngày "
                  + shown
                  + ": 50 t. · Sổ tồn kho cần xem lại: coal: cần một lần kiểm kê tồn kho đầu kỳ"
                  + " và một lần cuối kỳ, mới chỉ có lần kiểm kê ngày "
                  + d1.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
      assertThat(
              list("/resources/coal/entries?from=" + d1 + "&to=" + d2)
                  .getJsonArray("entries")
                  .size())
          .isEqualTo(1);
    } finally {
      b.quit();
    }
  }

  /**
   * Chooses a figure in the page's delete form (kind, code, day); returns what the form then says
   * is stored that day.
   */
  static String choose(ChromeDriver b, String kind, String code, LocalDate day) {
    b.executeScript(
        "for (const id of ['del-stored', 'del-status'])"
            + " document.getElementById(id).textContent = '';"
            + " const set = (id, v) => { const e = document.getElementById(id); e.value = v;"
            + " e.dispatchEvent(new Event('change')); };"
            + " set('del-kind', arguments[0]);"
            + " set(arguments[0] === 'res' ? 'del-resource' : 'del-product', arguments[1]);"
            + " set('del-day', arguments[2]);",
        kind,
        code,
        day.toString());
    await().atMost(Duration.ofSeconds(10)).until(() -> !text(b, "del-stored").isEmpty());
    return text(b, "del-stored");
  }

  /** Deletes the figure chosen and accepts the confirmation; waits for the answer. */
  static void deleteChosen(ChromeDriver b) {
    b.findElement(By.id("del-submit")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              b.switchTo().alert().accept();
              return true;
            });
    await().atMost(Duration.ofSeconds(15)).until(() -> !text(b, "del-status").isEmpty());
  }

  @Test
  void anAdministratorTypesOneDeliveryWithoutAFileAndIsToldWhatIsWrongInVietnamese()
      throws Exception {
    // one delivery needed a file: there was no form to type it
    put(
        "/resources/gravel",
        new JsonObject().put("site", "plant-1").put("kind", "material").put("unit", "t"));
    LocalDate day = LocalDate.now(ZONE).minusDays(2);
    ChromeDriver b = BrowserSession.signedIn(svc, "ent-o-" + E, Role.ENTERPRISE_ADMIN, E);
    try {
      b.get("http://127.0.0.1:" + svc.app.httpPort() + "/entries.html?lang=vi");
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  b.findElements(By.cssSelector("#one-resource option[value='gravel']")).size()
                      == 1);
      b.executeScript(
          "const set = (id, v) => { const e = document.getElementById(id); e.value = v;"
              + " e.dispatchEvent(new Event('change')); };"
              + " set('one-resource', 'gravel'); set('one-type', 'delivery');"
              + " set('one-day', arguments[0]); set('one-quantity', '12,5');"
              + " set('one-ref', 'DN-7');",
          day.toString());
      assertThat(b.findElement(By.id("one-unit")).getDomProperty("placeholder")).isEqualTo("t");
      assertThat(b.findElement(By.id("one-amount-l")).isDisplayed()).isFalse();
      b.findElement(By.id("one-submit")).click();
      await().atMost(Duration.ofSeconds(15)).until(() -> !text(b, "one-status").isEmpty());
      // the field in words, the number's fix in Vietnamese; nothing stored
      assertThat(text(b, "one-status"))
          .startsWith(
              "số lượng (quantity): không phải số thập phân không âm: “12,5”: hãy viết 12.5");
      assertThat(
              list("/resources/gravel/entries?from=" + day + "&to=" + day).getJsonArray("entries"))
          .isEmpty();
      b.executeScript(
          "document.getElementById('one-status').textContent = '';"
              + " document.getElementById('one-quantity').value = '12.5';");
      b.findElement(By.id("one-submit")).click();
      await().atMost(Duration.ofSeconds(15)).until(() -> !text(b, "one-status").isEmpty());
      String shown = day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
      assertThat(text(b, "one-status"))
          .isEqualTo("Đã lưu giao nhận gravel (DN-7) ngày " + shown + ": 12,5 t.");
      JsonArray stored =
          list("/resources/gravel/entries?from=" + day + "&to=" + day).getJsonArray("entries");
      assertThat(stored).hasSize(1);
      assertThat(stored.getJsonObject(0).getString("ref")).isEqualTo("DN-7");
      assertThat(stored.getJsonObject(0).getDouble("quantity")).isEqualTo(12.5);
      // an invoice shows its amount and currency
      b.executeScript(
          "const e = document.getElementById('one-type'); e.value = 'invoice';"
              + " e.dispatchEvent(new Event('change'));");
      assertThat(b.findElement(By.id("one-amount-l")).isDisplayed()).isTrue();
      assertThat(b.findElement(By.id("one-currency")).getDomProperty("value")).isEqualTo("VND");
    } finally {
      b.quit();
    }
  }

  @Test
  void aViewerIsToldWhoEntersFigures() throws Exception {
    ChromeDriver b = BrowserSession.signedIn(svc, "ent-v-" + E, Role.ENTERPRISE_VIEWER, E);
    try {
      b.get("http://127.0.0.1:" + svc.app.httpPort() + "/entries.html?lang=vi");
      await().atMost(Duration.ofSeconds(15)).until(() -> !text(b, "message").isEmpty());
      assertThat(text(b, "message"))
          .isEqualTo("Chỉ quản trị viên của doanh nghiệp (hoặc quản trị hệ thống) nhập số liệu.");
      assertThat(b.findElement(By.id("content")).isDisplayed()).isFalse();
      assertThat(b.findElements(By.cssSelector("header nav a[href^='/entries.html']"))).isEmpty();
    } finally {
      b.quit();
    }
  }

  static JsonObject list(String tail) {
    var r = svc.withToken(HttpMethod.GET, "/api/v1/enterprises/" + E + tail, admin).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
