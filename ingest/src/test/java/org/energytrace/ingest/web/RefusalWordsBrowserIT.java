package org.energytrace.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.baseline.DataSet;
import org.energytrace.analytics.baseline.ModelSelector;
import org.energytrace.analytics.baseline.Observation;
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

  @Test
  void theVerificationAndCpEditorsLastRefusalsAreSaidInVietnamese() {
    assertThat(
            said(
                "vi",
                "version",
                "version: baseline version 3, newer than 2, is approved already: approve the newest"
                    + " version only"))
        .isEqualTo(
            "phiên bản (version): đường cơ sở phiên bản 3, mới hơn phiên bản 2, đã được phê duyệt:"
                + " chỉ phê duyệt phiên bản mới nhất");
    assertThat(
            said(
                "vi",
                "model",
                "model: a fitted balance point is found by the change-point search: model auto or"
                    + " changepoint, or state weather.balance_point"))
        .isEqualTo(
            "mô hình (model): điểm cân bằng nhiệt độ được tìm bằng phép dò điểm gãy: hãy chọn mô"
                + " hình auto hoặc changepoint, hoặc nêu weather.balance_point");
    assertThat(said("vi", null, "ratio model: total 'p1' over the baseline is 0"))
        .isEqualTo("mô hình tỷ số: tổng “p1” trong kỳ cơ sở bằng 0");
    assertThat(said("vi", "to", "to: a span is at most 3660 days"))
        .isEqualTo("đến ngày (to): một khoảng thời gian dài tối đa 3.660 ngày");
    assertThat(said("vi", "districts", "districts: a list of 1 to 100 names is required"))
        .endsWith(": bắt buộc: một danh sách từ 1 đến 100 tên");
    assertThat(said("vi", "parks", "parks: each name must be 1 to 200 printable characters"))
        .endsWith(": mỗi tên phải dài từ 1 đến 200 ký tự in được");
    assertThat(said("vi", "value", "value: a percentage above -100 and below 1000"))
        .isEqualTo("giá trị (value): một tỷ lệ phần trăm lớn hơn -100 và nhỏ hơn 1000");
    assertThat(said("vi", "to", "to: a period of at most 3660 days"))
        .isEqualTo("đến ngày (to): một kỳ dài tối đa 3.660 ngày");
    assertThat(
            said(
                "vi",
                "date",
                "date: ws-07 has attendees recorded: it took place and is not moved to 2027-01-10,"
                    + " a day in the future"))
        .isEqualTo(
            "ngày (date): ws-07 đã có người tham dự được ghi nhận: hoạt động đã diễn ra, không dời"
                + " sang 10/01/2027, một ngày trong tương lai");
    assertThat(said("vi", "period", "period: a half-year 2026-H1 or a year 2026, got '2026-Q1'"))
        .isEqualTo(
            "kỳ (period): nửa năm (ví dụ 2026-H1) hoặc một năm (ví dụ 2026), nhận được “2026-Q1”");
    assertThat(
            said(
                "vi",
                "period",
                "period: 2026-H2 is not closed: it ends on 2026-12-31, not yet passed"))
        .isEqualTo("kỳ (period): kỳ 2026-H2 chưa kết thúc: kỳ kết thúc ngày 31/12/2026, chưa qua");
    assertThat(said("vi", "published", "published: nothing of 2025-H2 to withdraw"))
        .endsWith(": kỳ 2025-H2 chưa có gì được công bố để rút lại");
    assertThat(
            said(
                "vi",
                "period",
                "period: no facility was in the programme in 2019: nothing to publish"))
        .isEqualTo(
            "kỳ (period): không có cơ sở nào trong chương trình ở kỳ 2019: không có gì để công bố");
  }

  @Test
  void aWeatherBaselineNoChangePointFormFitsIsSaidInVietnamese() {
    // the analytics' own refusal of two days (each form needs more points than it has): English
    // after "mô hình (model):" on the verification page
    List<Observation> days = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      days.add(
          new Observation(
              LocalDate.of(2026, 6, 1 + i).atStartOfDay(), 100 + 7 * i, List.of(20.0 + 3 * i)));
    }
    DataSet baseline = new DataSet(List.of(ModelSelector.TEMPERATURE), days);
    String message =
        catchThrowableOfType(
                AnalyticsException.class,
                () -> ModelSelector.select(baseline, ModelSelector.Request.CHANGEPOINT))
            .getMessage();
    assertThat(message).startsWith("no change-point model can be fitted to the baseline: ");
    assertThat(said("vi", "model", "model: " + message))
        .startsWith(
            "mô hình (model): không khớp được mô hình điểm gãy nào với số liệu kỳ cơ sở: điểm gãy 3"
                + " tham số, làm mát (changepoint-3p-cooling) không khớp được: ")
        .contains("kỳ cơ sở có 2 điểm số liệu")
        .doesNotContain("not fitted", "baseline points", "are needed");
  }

  @Test
  void whatAProgramsRequestIsRefusedIsSaidInVietnamese() {
    // BadInputIT checks every refusal of its bad requests; these read as a person reads them
    assertThat(said("vi", "attachment", "attachment: must be an object, got text"))
        .isEqualTo("tệp đính kèm (attachment): phải là một đối tượng JSON, nhận được văn bản");
    assertThat(said("vi", null, "not allowed for role auditor"))
        .isEqualTo("vai trò “Kiểm toán viên” không được làm việc này");
    assertThat(said("vi", null, "no meter m9 of enterprise demo-brewery"))
        .isEqualTo("doanh nghiệp “demo-brewery” không có công tơ “m9”");
    // state and scope refusals the suite's other requests met in English
    assertThat(
            said(
                "vi",
                "comments",
                "comments: required with the opinion not_verified: state the reservations"))
        .isEqualTo(
            "nhận xét (comments): bắt buộc với ý kiến “không xác nhận”: hãy nêu các điểm bảo lưu");
    assertThat(
            said(
                "vi",
                null,
                "not an auditor assigned to demo-brewery now (no assignment, or it expired)"))
        .isEqualTo(
            "không phải kiểm toán viên đang được giao doanh nghiệp “demo-brewery” (chưa được giao,"
                + " hoặc việc giao đã hết hạn)");
    // a value quoted back that is not a day of ours stays as it came (it read 01/01/1)
    assertThat(said("vi", null, "no enterprise 0000-01-01"))
        .isEqualTo("không có doanh nghiệp “0000-01-01”");
  }

  @Test
  void theFormsAndUploadsRefusalsAreSaidInVietnamese() {
    // each was English on a Vietnamese page: an upload's file as a whole (UploadTable, XlsxSheet)
    assertThat(said("vi", null, "the file is empty (a header row is required)"))
        .isEqualTo("tệp trống (cần có dòng tiêu đề)");
    assertThat(said("vi", null, "the first sheet is empty (a header row is required)"))
        .isEqualTo("trang tính đầu tiên trống (cần có dòng tiêu đề)");
    assertThat(said("vi", null, "more than 50000 data rows"))
        .isEqualTo("tệp có hơn 50.000 dòng dữ liệu: hãy chia thành nhiều tệp");
    assertThat(
            said(
                "vi",
                null,
                "the first sheet has more than 10000 data rows: split it into files of at most"
                    + " 10000 rows"))
        .isEqualTo(
            "trang tính đầu tiên có hơn 10.000 dòng dữ liệu: hãy chia thành các tệp, mỗi tệp tối"
                + " đa 10.000 dòng");
    assertThat(said("vi", "amount", "amount: a date (2026-11-03), not an amount"))
        .isEqualTo("số tiền (amount): một ngày (03/11/2026), không phải số tiền");
    assertThat(said("vi", "day", "day: not a day of the years 0001 to 9999: '+12026-01-01'"))
        .isEqualTo("ngày (day): không phải một ngày trong các năm 0001 đến 9999: “+12026-01-01”");
    assertThat(
            said(
                "vi",
                null,
                "not a readable CSV file at line 4: a quoted cell is not closed, or has text after"
                    + " its closing quote (RFC 4180)"))
        .isEqualTo(
            "không đọc được tệp CSV ở dòng 4: có ô mở dấu ngoặc kép mà không đóng, hoặc có chữ"
                + " sau dấu ngoặc kép đóng (RFC 4180)");
    assertThat(
            said(
                "vi",
                null,
                "not a readable XLSX file: not an Office Open XML workbook (.xlsx), or a damaged"
                    + " one"))
        .isEqualTo(
            "không đọc được tệp XLSX: không phải sổ làm việc Office Open XML (.xlsx), hoặc tệp bị"
                + " hỏng");
    assertThat(said("vi", null, "a value in a column without a header: '12'"))
        .isEqualTo("có giá trị trong một cột không có tiêu đề: “12”");
    // a day cell holding a number (EntryFile, ProductionFile): no example day, which a
    // Vietnamese page would write dd/mm/yyyy where the file wants yyyy-mm-dd
    assertThat(said("vi", null, "a number, not a date: write an ISO date (e.g. 2026-01-31)"))
        .isEqualTo("một số, không phải ngày: hãy ghi ngày dạng yyyy-mm-dd");
    assertThat(
            said(
                "vi",
                null,
                "a number (46023), not a date: format the cell as a date or write an ISO date"
                    + " (e.g. 2026-01-31)"))
        .isEqualTo(
            "một số (46023), không phải ngày: hãy định dạng ô là kiểu ngày, hoặc ghi ngày dạng"
                + " yyyy-mm-dd");
    assertThat(said("vi", null, "a currency without an amount"))
        .isEqualTo("có tiền tệ nhưng không có số tiền");
    // the meter page: the same event sent twice (PgCounterEvents), its time in the site's zone
    assertThat(
            said(
                "vi",
                null,
                "channel 'import' of meter 'm1' already has an event at 2026-11-20T08:00:00Z;"
                    + " delete it first to record another"))
        .startsWith("kênh “import” của công tơ “m1” đã có một sự kiện lúc ")
        .contains("20/11/2026", "15:00")
        .endsWith(": muốn ghi sự kiện khác, hãy xoá sự kiện đó trước");
    assertThat(
            said(
                "vi",
                "unit",
                "unit: unit 'kWh' cannot be converted to the unit of channel 'gas' (m3, published"
                    + " as m3)"))
        .isEqualTo(
            "đơn vị (unit): đơn vị “kWh” không quy đổi được sang đơn vị của kênh “gas” (m3, kênh"
                + " gửi dữ liệu theo m3)");
    assertThat(said("vi", "multiplier", "multiplier: must be positive, got 0.0"))
        .isEqualTo("hệ số nhân (multiplier): phải lớn hơn 0, nhận được 0.0");
    assertThat(
            said(
                "vi",
                "corrects",
                "corrects: calibration record 5 was corrected already: correct the correction"))
        .isEqualTo(
            "bản ghi được đính chính (corrects): bản ghi hiệu chuẩn số 5 đã được đính chính: hãy"
                + " đính chính bản ghi đính chính của nó");
    // an attached file too large or empty (PeriodRequests, Adjustment, CpStepRoutes)
    assertThat(
            said(
                "vi",
                "attachment.content_base64",
                "attachment.content_base64: at most 524288 bytes (decoded)"))
        .isEqualTo("tệp đính kèm (attachment.content_base64): tệp tối đa 524288 byte (512 KiB)");
    assertThat(
            said(
                "vi",
                "attachment.content_base64",
                "attachment.content_base64: at most 524288 bytes, got 600000"))
        .endsWith(": tệp tối đa 524288 byte (512 KiB), nhận được 600000 byte");
    assertThat(said("vi", "attachment.data", "attachment.data: at most 524288 bytes once decoded"))
        .isEqualTo("attachment.data: tệp tối đa 524288 byte (512 KiB)");
    assertThat(said("vi", "attachment.data", "attachment.data: an empty file"))
        .isEqualTo("attachment.data: tệp trống");
    assertThat(
            said("vi", "attachment.content_base64", "attachment.content_base64: the file is empty"))
        .isEqualTo("tệp đính kèm (attachment.content_base64): tệp trống");
    // the verification page: a step its state no longer allows (a second click), in its words
    assertThat(
            said(
                "vi",
                "version",
                "baseline version 2 is submitted: only a draft or returned baseline can be"
                    + " submitted"))
        .isEqualTo(
            "phiên bản (version): đường cơ sở phiên bản 2 đang ở trạng thái “đã gửi duyệt”: chỉ"
                + " đường cơ sở ở trạng thái “bản nháp” hoặc “bị trả lại” mới được gửi duyệt");
    assertThat(
            said(
                "vi",
                "version",
                "baseline version 2 is returned: only a submitted baseline can be returned"))
        .endsWith(
            "đang ở trạng thái “bị trả lại”: chỉ đường cơ sở ở trạng thái “đã gửi duyệt”"
                + " mới được trả lại");
    assertThat(
            said(
                "vi",
                null,
                "adjustment 4 is approved: only a proposed adjustment can be rejected; propose a"
                    + " new one"))
        .isEqualTo(
            "điều chỉnh ngoài thường lệ số 4 đang ở trạng thái “đã phê duyệt”: chỉ điều chỉnh đang"
                + " đề xuất mới được từ chối; hãy đề xuất một điều chỉnh mới");
    assertThat(
            said(
                "vi",
                null,
                "baseline version 1 is superseded: a period is signed off against an approved"
                    + " baseline only"))
        .isEqualTo(
            "đường cơ sở phiên bản 1 đang ở trạng thái “đã được thay thế”: chỉ ký xác nhận kỳ theo"
                + " một đường cơ sở đã được phê duyệt");
    assertThat(
            said(
                "vi",
                "dossier_sha256",
                "dossier_sha256: must be the SHA-256 of the dossier: 64 hexadecimal digits"))
        .isEqualTo(
            "mã SHA-256 của hồ sơ (dossier_sha256): phải là mã SHA-256 của hồ sơ: 64 chữ số thập"
                + " lục phân");
    // a fit without enough data (the analytics' BaselineFitter, LeastSquares), said on a 422
    assertThat(said("vi", null, "the baseline needs at least two periods, it has 1"))
        .isEqualTo("đường cơ sở cần số liệu của ít nhất hai kỳ, mới có 1");
    assertThat(
            said(
                "vi", null, "ols model: 2 baseline points for 2 parameters; at least 3 are needed"))
        .isEqualTo(
            "mô hình hồi quy tuyến tính (OLS): kỳ cơ sở có 2 điểm số liệu cho 2 tham số; cần ít"
                + " nhất 3");
    assertThat(said("vi", null, "ols: the variables are constant or collinear over the baseline"))
        .isEqualTo(
            "mô hình hồi quy tuyến tính (OLS): các biến không đổi hoặc phụ thuộc tuyến tính lẫn"
                + " nhau (đa cộng tuyến) trong kỳ cơ sở");
    // the programme page: the same training recorded twice (PgCpOfficers)
    assertThat(
            said(
                "vi",
                "course",
                "course: course 'Sản xuất sạch hơn cơ bản' on 2026-03-05 is already recorded"))
        .isEqualTo(
            "khoá học (course): khoá học “Sản xuất sạch hơn cơ bản” ngày 05/03/2026 đã được ghi"
                + " nhận");
    // tokens and accounts (TokenRoutes, AccountRoutes, SessionRoutes)
    assertThat(said("vi", "name", "name: a name of 1 to 100 printable characters is required"))
        .isEqualTo("tên (name): bắt buộc: một tên dài từ 1 đến 100 ký tự in được");
    assertThat(
            said("vi", "expires_at", "expires_at: must be in the future and at most 366 days away"))
        .isEqualTo(
            "hết hạn (expires_at): phải là thời điểm trong tương lai, không quá 366 ngày kể từ bây"
                + " giờ");
    assertThat(
            said(
                "vi",
                "assignments[0].expires_at",
                "assignments[0].expires_at: must be an ISO-8601 instant in the years 0001 to"
                    + " 9999, such as 2026-11-29T08:00:00Z"))
        .isEqualTo(
            "hết hạn (assignments[0].expires_at): phải là một thời điểm ISO-8601, ví dụ"
                + " 2026-11-29T08:00:00Z");
    assertThat(
            said(
                "vi",
                "new_password",
                "new_password: current_password and new_password are required"))
        .isEqualTo("mật khẩu mới (new_password): cần nhập cả mật khẩu hiện tại và mật khẩu mới");
  }

  /**
   * The API's own refusal of {@code uri} (called as the system administrator): parameter, message.
   */
  static String[] refusal(String uri) {
    var r =
        svc.withToken(io.vertx.core.http.HttpMethod.GET, uri, svc.access.systemAdminToken())
            .send()
            .await();
    assertThat(r.statusCode()).as(uri + " " + r.bodyAsString()).isEqualTo(400);
    var body = r.bodyAsJsonObject();
    return new String[] {body.getString("parameter"), body.getString("message")};
  }

  @Test
  void aQueryParametersHintAndTheLastEnglishRefusalsAreSaidInVietnamese() {
    // what a query parameter's schema asks for, as the API adds it ("; expected …")
    String[] limit = refusal("/api/v1/audit?limit=abc");
    assertThat(limit[1]).contains("; expected an integer from ");
    assertThat(said("vi", limit[0], limit[1]))
        .matches(
            "số dòng \\(limit\\): phải là số nguyên; cần một số nguyên từ \\d+ đến \\d+, nhận được “abc”");
    String[] from = refusal("/api/v1/enterprises/x/counter-anomalies?from=yesterday");
    assertThat(from[1]).endsWith("; expected an instant such as 2026-01-31T17:00:00Z");
    assertThat(said("vi", from[0], from[1]))
        .endsWith("; cần một thời điểm, ví dụ 2026-01-31T17:00:00Z")
        .doesNotContain("expected");
    assertThat(said("en", from[0], from[1])).isEqualTo(from[1]);
    // the balance point, a calibration record, a register reading, a calibration's validity
    assertThat(
            said(
                "vi",
                "weather.balance_point",
                "weather.balance_point: a temperature in °C between 0 and 40, got 55.0"))
        .isEqualTo(
            "weather.balance_point: phải là một nhiệt độ (°C) từ 0 đến 40, nhận được “55.0”");
    assertThat(said("vi", "corrects", "corrects: meter m1 has no calibration record 7"))
        .endsWith(": công tơ m1 không có bản ghi hiệu chuẩn số 7");
    assertThat(said("vi", "old_register", "old_register: must be a register reading >= 0, got -3"))
        .endsWith(": phải là một chỉ số đọc của công tơ >= 0, nhận được “-3”");
    assertThat(
            said(
                "vi",
                "valid_until",
                "valid_until: ends (2026-01-01) before the calibration (calibrated_on 2026-02-01)"))
        .endsWith(": kết thúc (01/01/2026) trước ngày hiệu chuẩn (calibrated_on 01/02/2026)");
  }
}
