package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.energytrace.ingest.config.SecurityConfig;
import org.energytrace.ingest.fixtures.Chromium;
import org.energytrace.ingest.fixtures.SecuredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The API's refusals as a Vietnamese page says them (i18n.js {@code refusalWords}), run in Chromium
 * on the served module: the verification page showed "giá trị (value): required", "đến ngày (to):
 * must not be before from (…)" and the server's English of a signed-off hash it never issued.
 */
class RefusalWordsBrowserIT {
  static SecuredService svc;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    svc = SecuredService.start(SecurityConfig.defaults());
    browser = Chromium.start("--lang=vi-VN");
    browser.get("http://127.0.0.1:" + svc.app.httpPort() + "/login.html");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (svc != null) {
      svc.close();
    }
  }

  /** {@code refusalWords(parameter, message)} of the served i18n.js in {@code lang}. */
  static String said(String lang, String parameter, String message) {
    return (String)
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " import('/js/i18n.js').then(m => { m.setLang(arguments[0]);"
                + " done(m.refusalWords(arguments[1], arguments[2])); })"
                + ".catch(e => done('failed: ' + e));",
            lang,
            parameter,
            message);
  }

  @Test
  void theVerificationPagesRefusalsAreSaidInVietnamese() {
    assertThat(said("vi", "value", "value: required")).isEqualTo("giá trị (value): bắt buộc");
    // a field of another operation: which ones this one takes, in the page's words around them
    assertThat(said("vi", "comments", "comments: is not a field here (this body takes comment)"))
        .isEqualTo("nhận xét (comments): không phải là một trường ở đây (ở đây nhận: comment)");
    assertThat(said("vi", "lab", "lab: is required")).isEqualTo("phòng thí nghiệm (lab): bắt buộc");
    assertThat(said("vi", "to", "to: must not be before from (2026-11-07), got 2026-11-01"))
        .isEqualTo("đến ngày (to): không được trước từ ngày (07/11/2026), nhận được 01/11/2026");
    assertThat(said("vi", "justification", "justification: required: say why (a non-empty text)"))
        .isEqualTo("căn cứ (justification): bắt buộc: nêu lý do");
    String hash = "ab".repeat(32);
    assertThat(
            said(
                "vi",
                "dossier_sha256",
                "dossier_sha256: this server issued no dossier with SHA-256 "
                    + hash
                    + " for EnPI plant-sec, baseline version 1 and 2026-11-07..2026-12-05: fetch"
                    + " the period's dossier (getDossier) and sign off its hash"))
        .startsWith("mã SHA-256 của hồ sơ (dossier_sha256): máy chủ chưa cấp hồ sơ nào có SHA-256 ")
        .contains(hash, "kỳ 07/11/2026..05/12/2026")
        .doesNotContain("this server", "fetch");
    assertThat(
            said(
                "vi",
                null,
                "the baseline period 2020-01-01..2020-03-01 has no day with both energy and"
                    + " production"))
        .isEqualTo(
            "kỳ cơ sở 01/01/2020..01/03/2020 không có ngày nào có cả năng lượng và sản lượng");
    // what uses a figure is named in Vietnamese words around its codes (it said "resource
    // baseline", "baseline", "period"), and a type that is not one (it was all English)
    assertThat(
            said(
                "vi",
                "day",
                "the usage of malt on 2026-11-10 without a ref is used by resource baseline malt/1"
                    + " 2026-11-07..2026-11-21: an entry an approved baseline used is not deleted;"
                    + " enter the corrected figure with its reason (an audited revision)"))
        .isEqualTo(
            "ngày (day): sử dụng của malt ngày 10/11/2026 đã được dùng cho đường cơ sở tài nguyên"
                + " malt/1 07/11/2026..21/11/2026: số liệu đường cơ sở đã phê duyệt dùng đến thì"
                + " không xoá; hãy nhập số đúng kèm lý do (một lần sửa có kiểm toán)");
    assertThat(
            said(
                "vi",
                "reason",
                "the production of can-beer on 2026-12-03 is used by baseline plant-sec/1; period"
                    + " plant-sec/1 2026-11-22..2026-12-05: a correction is an audited revision;"
                    + " give its reason"))
        .contains("đã được dùng cho đường cơ sở plant-sec/1; kỳ plant-sec/1 22/11/2026..05/12/2026")
        .doesNotContain("baseline", "period");
    assertThat(
            said(
                "vi",
                null,
                "the delivery of coal on 2026-01-14 (DN-2) is used by resource baseline coal/1"
                    + " 2026-01-05..2026-02-01: a correction is an audited revision; give its"
                    + " reason"))
        .isEqualTo(
            "giao nhận của coal ngày 14/01/2026 (ref DN-2) đã được dùng cho đường cơ sở tài nguyên"
                + " coal/1 05/01/2026..01/02/2026: sửa số liệu này là một lần sửa có kiểm toán,"
                + " hãy ghi lý do");
    assertThat(
            said("vi", "type", "one of delivery, invoice, stock_count, usage, got 'consumption'"))
        .isEqualTo(
            "loại (type): một trong delivery, invoice, stock_count, usage, nhận được “consumption”");
    // English pages say what the API said
    for (String m : List.of("value: required", "to: must not be before from (x), got y")) {
      assertThat(said("en", m.substring(0, m.indexOf(':')), m)).isEqualTo(m);
    }
  }

  @Test
  void theUploadsCpAndProgrammeRefusalsAReviewerMetAreSaidInVietnamese() {
    // each was English on a Vietnamese page
    assertThat(said("vi", "unit", "unit: unknown unit 'tấn' (known: [Wh, kWh, t])"))
        .isEqualTo(
            "đơn vị (unit): không có đơn vị “tấn”: hãy dùng ký hiệu đơn vị (ví dụ t, kg, m3, kWh;"
                + " các ký hiệu: Wh, kWh, t)");
    assertThat(
            said(
                "vi",
                "currency",
                "currency: not an ISO 4217 currency code (VND, USD, EUR, …): 'ZZZ'"))
        .isEqualTo("tiền tệ (currency): “ZZZ” không phải mã tiền tệ ISO 4217 (VND, USD, EUR, …)");
    assertThat(said("vi", null, "not a finite number: '1e400'"))
        .isEqualTo("không phải một số hữu hạn: “1e400”");
    assertThat(said("vi", null, "only an invoice carries an amount, not a delivery"))
        .isEqualTo("chỉ hoá đơn mới có số tiền, không phải giao nhận");
    assertThat(
            said(
                "vi",
                "date",
                "date: a step is recorded once it happened; 2030-01-01 is in the future"))
        .isEqualTo(
            "ngày (date): một bước chỉ được ghi khi đã diễn ra; 01/01/2030 là ngày trong tương lai");
    assertThat(
            said(
                "vi",
                "period",
                "period: 2026-H1's period reports are still being collected (deadline 2026-11-27):"
                    + " close its reporting period first"))
        .contains("báo cáo kỳ 2026-H1 của các cơ sở vẫn đang được thu thập (hạn nộp 27/11/2026)")
        .doesNotContain("close", "still");
    assertThat(
            said(
                "vi",
                null,
                "the columns are separated by ';', not commas: save the file as \"CSV UTF-8"
                    + " (comma delimited)\""))
        .isEqualTo(
            "các cột được phân cách bằng dấu ; thay vì dấu phẩy: hãy lưu tệp dạng “CSV UTF-8"
                + " (comma delimited)”");
    assertThat(
            said(
                "vi",
                "item",
                "item: ws-1 is dated 2030-01-01, in the future: attendance is recorded once the"
                    + " activity took place"))
        .contains("ws-1 có ngày 01/01/2030, trong tương lai")
        .doesNotContain("attendance");
    // the stock ledger's figures written the Vietnamese way (they were "26.71", "-140.69")
    assertThat(
            said(
                "vi",
                null,
                "coal: period 2026-01-05..2026-01-11: used = opening 26.71 + deliveries 5"
                    + " - closing 172.4 = -140.69 t, below zero: a count is wrong"))
        .isEqualTo(
            "coal: kỳ 05/01/2026..11/01/2026: lượng dùng = tồn đầu 26,71 + nhập 5 − tồn cuối"
                + " 172,4 = -140,69 t, âm: xem lại lần kiểm kê hoặc các lần giao nhận");
    // the key-energy-user note the programme page gives in its cell's title
    assertThat(
            said(
                "vi",
                null,
                "metered energy of 2025 covers electricity 54 of 365 days: the year's TOE is"
                    + " understated"))
        .isEqualTo(
            "năng lượng đo đếm năm 2025 chỉ có dữ liệu điện 54/365 ngày: TOE của năm bị tính thiếu");
    assertThat(
            said(
                "vi",
                "quantity",
                "quantity: '1.200' is ambiguous: a point before three digits separates thousands in"
                    + " Vietnamese and marks decimals in English: write 1200 for the thousands, or"
                    + " 1.2 for the decimals"))
        .contains("“1.200” chưa rõ nghĩa")
        .contains("hãy viết 1200 nếu là hàng nghìn, hoặc 1.2 nếu là số thập phân");
  }

  @Test
  void theDaysOfAMessageAreWrittenAsAVietnamesePageWritesThemUnlessTheyAreNotDays() {
    // ISO days stood inside Vietnamese sentences, and in the messages no phrase translates
    assertThat(said("vi", null, "baseline 2 covers 2026-01-01..2026-06-30"))
        .isEqualTo("baseline 2 covers 01/01/2026..30/06/2026");
    assertThat(said("vi", "day", "day: not a date: '2026-02-30'")).endsWith("'2026-02-30'");
    assertThat(said("vi", null, "received at 2026-06-04T10:00:00Z"))
        .isEqualTo("received at 2026-06-04T10:00:00Z");
    assertThat(said("en", "to", "to: must not be before from (2026-11-07), got 2026-11-01"))
        .isEqualTo("to: must not be before from (2026-11-07), got 2026-11-01");
  }

  @Test
  void theEntriesPagesSecondCountOfADayIsSaidInVietnamese() {
    assertThat(
            said(
                "vi",
                "ref",
                "ref: a stock count of coal on 2026-12-06 is already stored without a ref: a day"
                    + " has one stock count; send it with no ref to correct it, got ref 'B'"))
        .isEqualTo(
            "số chứng từ (ref): lần kiểm kê coal ngày 06/12/2026 đã được lưu không có số chứng từ:"
                + " mỗi ngày chỉ có một lần kiểm kê; để sửa, hãy gửi không kèm số chứng từ, đã"
                + " nhận số chứng từ “B”");
  }

  @Test
  void theEntriesPagesAmountRowAndLedgerMessagesAreSaidInVietnamese() {
    // a reviewer met them in English on the Vietnamese entries page
    assertThat(
            said(
                "vi",
                "amount",
                "amount: not a non-negative amount (digits, an optional '.' and decimals):"
                    + " '1.234.000.000': write 1234000000 (a point for the decimals, no thousands"
                    + " separators)"))
        .isEqualTo(
            "số tiền (amount): không phải số tiền không âm (chữ số, phần thập phân sau dấu chấm):"
                + " “1.234.000.000”: hãy ghi 1234000000 (dấu chấm cho phần thập phân, không dùng"
                + " dấu phân cách hàng nghìn)");
    assertThat(
            said(
                "vi",
                null,
                "4 cells, the header has 3 (a number with a decimal comma is two cells unless"
                    + " quoted: write 43257.5, or \"43257,5\")"))
        .startsWith("dòng có 4 ô, dòng tiêu đề có 3 cột (số thập phân viết bằng dấu phẩy");
    assertThat(
            said(
                "vi",
                null,
                "coal: delivery note DN-57 is entered on 2 days (2026-12-02, 2026-12-07): one of"
                    + " them may be the same delivery entered twice"))
        .isEqualTo(
            "coal: phiếu giao nhận DN-57 được nhập vào 2 ngày (02/12/2026, 07/12/2026): có thể"
                + " cùng một lần giao được nhập hai lần");
    assertThat(
            said(
                "vi",
                null,
                "coal: invoice HD-57 of 95 t on 2026-12-02 and delivery note DN-57 of 95 t on"
                    + " 2026-12-02 are both counted as received: if they are one shipment, keep"
                    + " one of them (the invoice carries its amount)"))
        .isEqualTo(
            "coal: hoá đơn HD-57 95 t ngày 02/12/2026 và phiếu giao nhận DN-57 95 t ngày"
                + " 02/12/2026 đều được tính là nhập kho: nếu là cùng một lô hàng, chỉ giữ một"
                + " (hoá đơn có số tiền)");
  }
}
