// A quarantined message's reason in the reader's words (docs/ingest.md, "Validation and
// quarantine"). The service records each reason in English, as its rules and its JSON parser and
// schema library word them: "some points refused: /points/3/value: string found, number expected;
// meter 'm1' channel 'P' at 2026-12-01T00:00:00Z: unknown meter or channel (…)". A Vietnamese page
// shows each part in Vietnamese, the JSON pointer, codes and values as they were, above the record
// (which the filter searches). English pages show the record as it is.
import { lang } from "./i18n.js";

/** JSON kinds as the schema library names them ("string found, number expected"). */
const KIND = {
  string: "văn bản", number: "một số", integer: "một số nguyên", object: "một đối tượng JSON",
  array: "một danh sách", boolean: "giá trị đúng/sai", null: "null", unknown: "một giá trị không xác định"
};

/** What goes wrong where a part of a message is named: the schema's and the service's own rules. */
const RULES = [
  [/^(\w+) found, (\w+) expected$/, m => "cần " + (KIND[m[2]] || m[2]) + ", nhận được " + (KIND[m[1]] || m[1])],
  [/^required property '(.*)' not found$/s, m => "thiếu trường bắt buộc “" + m[1] + "”"],
  [/^property '(.*)' is not defined in the schema and the schema does not allow additional properties$/s,
    m => "trường “" + m[1] + "” không có trong hợp đồng dữ liệu (không được thêm trường khác)"],
  [/^does not match the regex pattern (.+)$/s, m => "không khớp mẫu " + m[1]],
  [/^does not match the ([\w-]+) pattern must be a valid (.+)$/s, m => "không phải " + m[1] + " hợp lệ theo " + m[2]],
  [/^does not have a value in the enumeration (.+)$/s, m => "phải là một trong các giá trị " + m[1]],
  [/^must be the constant value '(.*)'$/s, m => "phải đúng là “" + m[1] + "”"],
  [/^must have at (least|most) (\d+) items but found (\d+)$/,
    m => (m[1] === "least" ? "phải có ít nhất " : "chỉ được có tối đa ") + m[2] + " phần tử, nhận được " + m[3]],
  [/^must be at (least|most) (\d+) characters long$/, m => "phải dài " + (m[1] === "least" ? "ít nhất " : "tối đa ") + m[2] + " ký tự"],
  [/^must have a (minimum|maximum) value of (\S+)$/, m => "không được " + (m[1] === "minimum" ? "nhỏ" : "lớn") + " hơn " + m[2]],
  [/^contains a NUL character \(U\+0000\), which cannot be stored$/, () => "chứa ký tự NUL (U+0000), không lưu được"],
  [/^property name contains a NUL character \(U\+0000\)$/, () => "tên trường chứa ký tự NUL (U+0000)"],
  [/^'(.*)' is not a valid date-time$/s, m => "“" + m[1] + "” không phải một thời điểm hợp lệ"],
  [/^must be before ts$/, () => "phải trước ts"],
  [/^unknown UNECE unit code '(.*)'$/s, m => "mã đơn vị UNECE “" + m[1] + "” không tồn tại"],
  [/^a number too large for a double \(at most ±1\.8E308\)$/, () => "số quá lớn cho một số thực double (tối đa ±1.8E308)"],
  [/^(.+?) (\(\d+ characters\) )?is not a finite double$/s,
    m => m[1] + " " + (m[2] ? "(" + m[2].match(/\d+/)[0] + " ký tự) " : "") + "không phải một số thực hữu hạn"],
  [/^(\S+) is a leap second \(second 60\); .*$/s,
    m => m[1] + " là một giây nhuận (giây thứ 60); thời điểm được lưu theo giờ POSIX, vốn không có giây nhuận, nên bị từ chối thay vì lùi về giây 59"],
  [/^(\S+) is in the future \(later than now \+ (\S+)\)$/, m => m[1] + " ở tương lai (muộn hơn bây giờ + " + duration(m[2]) + ")"],
  [/^(\S+) is older than the maximum age (\S+)$/, m => m[1] + " cũ hơn thời hạn tối đa " + duration(m[2])],
  [/^'(.*)' does not match the topic's gateway '(.*)'$/s, m => "“" + m[1] + "” khác gateway của chủ đề “" + m[2] + "”"],
  [/^empty, expected a JSON object$/, () => "rỗng, cần một đối tượng JSON"],
  [/^not acceptable JSON(?: at line (\d+) column (\d+))?: (.*)$/s,
    (m, u) => "không phải JSON hợp lệ" + (m[1] ? " ở dòng " + m[1] + " cột " + m[2] : "") + ": " + parser(m[3], u)],
  [/^(\d+) bytes exceeds the limit of (\d+) bytes \((\S+)\)$/, m => m[1] + " byte, vượt giới hạn " + m[2] + " byte (" + m[3] + ")"],
  [/^starts with a UTF-8 byte order mark \(EF BB BF\); .*$/s,
    () => "bắt đầu bằng dấu thứ tự byte UTF-8 (EF BB BF); hợp đồng dữ liệu chỉ nhận JSON UTF-8 không có dấu này (RFC 8259 §8.1)"],
  [/^expected (\S+), got '(.*)'$/s, m => "cần dạng " + m[1] + ", nhận được “" + m[2] + "”"],
  [/^unknown kind '(.*)' \(expected telemetry, status or production\)$/s,
    m => "loại bản tin “" + m[1] + "” không tồn tại (cần telemetry, status hoặc production)"],
  [/^(enterprise|site|gateway) '(.*)' does not match (.+)$/s,
    m => ({ enterprise: "mã doanh nghiệp", site: "mã cơ sở", gateway: "mã gateway" })[m[1]] + " “" + m[2] + "” không khớp mẫu " + m[3]],
  [/^gateway '(.*)' belongs to another enterprise and may not publish for enterprise '(.*)'$/s,
    m => "gateway “" + m[1] + "” thuộc doanh nghiệp khác, không được gửi dữ liệu cho doanh nghiệp “" + m[2] + "”"],
  [/^gateway '(.*)' of enterprise '(.*)' is not registered \(register it with (.+) or (.+?); auto-registration adds only meters and channels\)$/s,
    m => "gateway “" + m[1] + "” của doanh nghiệp “" + m[2] + "” chưa được đăng ký (đăng ký bằng " + m[3] + " hoặc " + m[4]
      + "; tự động đăng ký chỉ thêm công tơ và kênh)"],
  [/^gateway '(.*)' may not publish for site '(.*)' \(not its own site and not granted in gateway_site(; the site is not registered)?\)$/s,
    m => "gateway “" + m[1] + "” không được gửi dữ liệu cho cơ sở “" + m[2] + "” (không phải cơ sở của nó và chưa được cấp quyền trong gateway_site"
      + (m[3] ? "; cơ sở chưa được đăng ký" : "") + ")"],
  [/^the meter is registered at a site gateway '(.*)' may not publish for$/s,
    m => "công tơ được đăng ký ở một cơ sở mà gateway “" + m[1] + "” không được gửi dữ liệu"],
  [/^unknown meter or channel \(ingest\.auto_register is off and gateway '(.*)' may not register meters\)$/s,
    m => "công tơ hoặc kênh chưa được đăng ký (ingest.auto_register đang tắt và gateway “" + m[1] + "” không được tự đăng ký công tơ)"],
  [/^unit '(.*)' cannot be converted to the channel's unit '(.*)'$/s,
    m => "đơn vị “" + m[1] + "” không đổi được sang đơn vị của kênh “" + m[2] + "”"],
  [/^value (\S+) (\S+) is beyond the range of a double in (\S+)$/,
    m => "giá trị " + m[1] + " " + m[2] + " đổi sang " + m[3] + " vượt quá phạm vi của một số thực double"],
  [/^the point is a (counter|gauge) (?:\(no kind given is a gauge\) )?and the channel a registered (\w+): correct the gateway's point or the channel's registration$/,
    m => "điểm đo là " + pointKind(m[1]) + (m[1] === "gauge" ? " (không ghi kind thì là giá trị tức thời)" : "")
      + " còn kênh được đăng ký là " + pointKind(m[2]) + ": hãy sửa điểm đo của gateway hoặc đăng ký của kênh"],
  [/^counter_bits (\d+) differs from the channel's registered (\d+): correct the gateway's point or the channel's registration$/,
    m => "counter_bits " + m[1] + " khác giá trị đã đăng ký của kênh (" + m[2] + "): hãy sửa điểm đo của gateway hoặc đăng ký của kênh"],
  [/^another reading is stored for this time \(stored (.+), this message (.+)\); the stored reading is kept$/s,
    m => "đã có một số đọc khác được lưu cho thời điểm này (đã lưu " + m[1] + ", bản tin này " + m[2] + "); giữ số đọc đã lưu"],
  [/^validating this message failed \((.*)\)$/s, m => "lỗi khi kiểm tra bản tin này (“" + m[1] + "”)"]
];

/** What the JSON parser found wrong, in words (Jackson's messages; the character it quotes as it was). */
const PARSER = [
  [/^Unexpected end-of-input(?::? ?(.*))?$/s, (m, u) => "dữ liệu kết thúc giữa chừng" + (m[1] ? " (" + parser(m[1], u) + ")" : "")],
  [/^within\/between (Object|Array) entries$/, m => m[1] === "Object" ? "giữa các mục của một đối tượng" : "giữa các phần tử của một danh sách"],
  [/^inside a text value$/, () => "trong một chuỗi văn bản"],
  [/^expected close marker for (Object|Array)$/, m => "thiếu dấu đóng của " + (m[1] === "Object" ? "một đối tượng" : "một danh sách")],
  [/^was expecting closing quote for a string value$/, () => "thiếu dấu nháy đóng của một chuỗi văn bản"],
  [/^Invalid UTF-8 (start|middle) byte (\S+)$/, m => "byte " + (m[1] === "start" ? "đầu" : "giữa") + " của một ký tự UTF-8 không hợp lệ: " + m[2]],
  [/^Invalid UTF-8: incomplete multi-byte sequence in property name$/, () => "một ký tự UTF-8 nhiều byte bị cắt dở trong tên trường"],
  [/^Illegal unquoted character \(\(CTRL-CHAR, code (\d+)\)\): has to be escaped using backslash to be included in (name|string value)$/,
    m => "ký tự điều khiển (mã " + m[1] + ") phải được viết thoát bằng dấu gạch chéo ngược trong " + (m[2] === "name" ? "tên trường" : "chuỗi văn bản")],
  [/^Illegal character \(\(CTRL-CHAR, code (\d+)\)\): only regular white space \(\\r, \\n, \\t\) is allowed between tokens$/,
    m => "ký tự điều khiển (mã " + m[1] + ") không được phép: giữa các thành phần chỉ được có khoảng trắng thường (\\r, \\n, \\t)"],
  [/^Unexpected character (\(\(CTRL-CHAR, code \d+\)\)|\('.*?' \(code [^)]*\)\))(?: in (numeric value))?: (.*)$/s,
    (m, u) => "ký tự không mong đợi " + character(m[1]) + (m[2] ? " trong một số" : "") + ": " + parser(m[3], u)],
  [/^was expecting comma to separate (Object|Array) entries$/, m => "cần dấu phẩy giữa các " + (m[1] === "Object" ? "mục của một đối tượng" : "phần tử của một danh sách")],
  [/^was expecting a colon to separate property name and value$/, () => "cần dấu hai chấm giữa tên trường và giá trị"],
  [/^was expecting double-quote to start property name$/, () => "cần dấu nháy kép mở đầu tên trường"],
  [/^expected a valid value \(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\)$/,
    () => "cần một giá trị hợp lệ (chuỗi, số, danh sách, đối tượng hoặc null, true, false)"],
  [/^expected a value$/, () => "cần một giá trị"],
  [/^expected a hex-digit for character escape sequence$/, () => "cần một chữ số thập lục phân trong chuỗi thoát \\u"],
  [/^Decimal point not followed by a digit$/, () => "sau dấu thập phân không có chữ số"],
  [/^Unrecognized token '(.*)': was expecting \(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\)$/s,
    m => "không hiểu “" + m[1] + "”: cần chuỗi, số, danh sách, đối tượng hoặc null, true, false"],
  [/^Unrecognized character escape '(.*)' \(code (\d+)\)$/s, m => "chuỗi thoát không hợp lệ “\\" + m[1] + "” (mã " + m[2] + ")"],
  [/^Unexpected low surrogate in property name \((\w+)\) without preceding high surrogate$/,
    m => "nửa sau của một cặp thay thế UTF-16 (" + m[1] + ") trong tên trường mà không có nửa đầu"],
  [/^Broken surrogate pair in property name: expected low surrogate \(DC00-DFFF\), got (\w+)$/,
    m => "cặp thay thế UTF-16 hỏng trong tên trường: cần nửa sau (DC00-DFFF), nhận được " + m[1]],
  [/^Broken surrogate pair in property name: expected '\\' to start low surrogate, got (\w+)$/,
    m => "cặp thay thế UTF-16 hỏng trong tên trường: cần “\\” mở đầu nửa sau, nhận được " + m[1]],
  [/^Unexpected close marker '(.)': expected '(.)'(?: \(for (?:Object|Array) starting at .*\))?$/s, m => "dấu đóng “" + m[1] + "” sai chỗ: cần “" + m[2] + "”"],
  [/^Document nesting depth \((\d+)\) exceeds the maximum allowed \((\d+)\)$/, m => "độ lồng nhau của tài liệu (" + m[1] + ") vượt mức tối đa cho phép (" + m[2] + ")"],
  [/^Non-standard token '(.*)': enable .*$/s, m => "giá trị không chuẩn “" + m[1] + "” (JSON không có NaN hay Infinity)"],
  [/^the key "(.*)" appears twice in an object$/s, m => "khoá “" + m[1] + "” xuất hiện hai lần trong một đối tượng"]
];

/** Where a part of a reason points: the message's payload, its topic, the store, a reading. */
const PLACES = [
  [/^payload$/, () => "nội dung bản tin"],
  [/^topic$/, () => "chủ đề MQTT"],
  [/^ingest$/, () => "ingest"],
  [/^meter '(.*)' channel '(.*)' at (\S+)$/s, m => "công tơ “" + m[1] + "” kênh “" + m[2] + "” lúc " + m[3]]
];

/** A part of a reason begins where a place does (the JSON pointers begin with "/"). */
const PART = /; (?=\/|payload: |topic: |store: |ingest: |meter '|… and \d+ more refused$)/;

/**
 * The reason in Vietnamese on a Vietnamese page, or null (an English page, or no reason): the parts
 * the service joined with "; " each said in words, the pointer or place first.
 */
export function quarantineReason(reason) {
  if (lang() !== "vi" || !reason) return null;
  return quarantineParts(reason).join("; ");
}

/**
 * The parts of a reason in Vietnamese words, one a part ("một số điểm bị từ chối: " before the
 * first where some points were stored). What has no words is left as the service wrote it and, for
 * the test of every recorded reason, added to {@code unsaid} where one is given.
 */
export function quarantineParts(reason, unsaid = []) {
  let rest = reason;
  let cut = "";
  const cutAt = rest.match(/… \(reason cut at (\d+)\)$/);
  if (cutAt) {
    rest = rest.slice(0, cutAt.index);
    cut = " … (lý do bị cắt sau " + cutAt[1] + " ký tự)";
  }
  const some = rest.startsWith("some points refused: ");
  if (some) rest = rest.slice("some points refused: ".length);
  const parts = rest.split(PART).map(p => part(p, unsaid));
  if (some) parts[0] = "một số điểm bị từ chối: " + parts[0];
  parts[parts.length - 1] += cut;
  return parts;
}

function part(p, unsaid) {
  const more = p.match(/^… and (\d+) more refused$/);
  if (more) return "… và " + more[1] + " điểm khác bị từ chối";
  const store = p.match(/^store: (.*)$/s);
  if (store) return "không lưu được vào cơ sở dữ liệu (“" + store[1] + "”)";
  // the place ends at the first ": " after which a rule is met (a JSON pointer may hold ": ")
  for (let at = p.indexOf(": "); at >= 0; at = p.indexOf(": ", at + 1)) {
    const what = said(p.slice(at + 2), RULES, unsaid);
    if (what != null) return place(p.slice(0, at), unsaid) + ": " + what;
  }
  unsaid.push(p);
  return p;
}

function place(where, unsaid) {
  if (where.startsWith("/")) return where;
  const words = said(where, PLACES, unsaid);
  if (words == null) unsaid.push(where);
  return words ?? where;
}

function parser(detail, unsaid) {
  const words = said(detail, PARSER, unsaid);
  if (words == null) unsaid.push(detail);
  return words ?? detail;
}

function said(text, rules, unsaid) {
  for (const [re, say] of rules) {
    const m = text.match(re);
    if (m) return say(m, unsaid);
  }
  return null;
}

/** A character the parser quotes: "“x” (mã 120)", or a control character by its code. */
function character(c) {
  const ctrl = c.match(/CTRL-CHAR, code (\d+)/);
  if (ctrl) return "(ký tự điều khiển, mã " + ctrl[1] + ")";
  const m = c.match(/^\('(.*?)' \(code ([^)]*)\)\)$/s);
  return m ? "“" + m[1] + "” (mã " + m[2] + ")" : c;
}

function pointKind(k) {
  return k === "counter" ? "bộ đếm tích luỹ (counter)" : k === "gauge" ? "giá trị tức thời (gauge)" : k;
}

/** An ISO-8601 duration as written in a reason (PT5M, P400D, PT1H30M) in words. */
function duration(iso) {
  const m = iso.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/);
  if (!m || iso === "P" || iso === "PT") return iso;
  const words = [[m[1], "ngày"], [m[2], "giờ"], [m[3], "phút"], [m[4], "giây"]].filter(([n]) => n != null).map(([n, w]) => n + " " + w);
  return words.length ? words.join(" ") : iso;
}
