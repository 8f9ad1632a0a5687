// Language (vi default, en) and locale-correct numbers and dates through Intl (docs/dashboards.md).
const DICT = {
  vi: {
    "sec.model": "Mô hình cơ sở ở cùng sản lượng", "sec.baselineperiod": "TB kỳ cơ sở", "savings.money": "Chi phí tiết kiệm đến nay",
    "savings.co2": "CO₂ tránh phát thải đến nay", "carrier.electricity": "điện", "carrier.natural_gas": "khí đốt", "carrier.diesel": "dầu DO",
    "co2.gridyear": "hệ số lưới {year}", "series.flow": "Lưu lượng TB", "series.volume": "Thể tích", "series.rate": "Trung bình",
    "trends.power.gas": "Lưu lượng và thể tích theo khoảng", "summary.rate": "{what}: thấp nhất {min} {unit}, cao nhất {max} {unit}, trung bình {avg} {unit}; tổng {total} {qunit}.",
    "summary.secmodel": "SEC trung bình {avg} {unit}; mô hình cơ sở ở cùng sản lượng {base} {unit}.",
    "sec.derived": "(tính từ bộ đếm)",
    "app.title": "EnergyTrace", "nav.overview": "Tổng quan", "nav.trends": "Xu hướng", "nav.live": "Trực tiếp",
    "nav.showcase": "Trưng bày", "nav.signin": "Đăng nhập", "nav.signout": "Đăng xuất", "lang.switch": "English",
    "live.connecting": "đang kết nối…", "live.live": "trực tiếp", "live.stale": "dữ liệu cũ", "live.offline": "mất kết nối – đang thử lại",
    "overview.title": "Tổng quan doanh nghiệp", "kpi.power": "Công suất hiện tại", "kpi.energy": "Năng lượng hôm nay (quy đổi kWh)", "kpi.energy.notcounted": "chưa tính: {meters}",
    "kpi.toe": "Năng lượng hôm nay (TOE)", "kpi.co2": "Phát thải CO₂ hôm nay", "kpi.online": "Công tơ trực tuyến",
    "meters.title": "Công suất theo công tơ / dây chuyền", "col.meter": "Công tơ", "col.site": "Nhà máy", "col.power": "Công suất (kW)",
    "col.lastseen": "Lần cuối", "col.status": "Trạng thái", "col.energy": "Điện năng hôm nay", "col.coverage": "Độ phủ dữ liệu",
    "col.channel": "Kênh", "col.value": "Giá trị", "col.unit": "Đơn vị", "col.time": "Thời điểm", "col.quality": "Chất lượng",
    "col.kind": "Loại", "col.event": "Sự kiện", "col.from": "Từ", "col.to": "Đến", "col.duration": "Thời lượng",
    "status.online": "trực tuyến", "status.offline": "ngoại tuyến", "quality.good": "tốt", "quality.uncertain": "không chắc chắn", "quality.bad": "xấu",
    "enpi.title": "Suất tiêu hao năng lượng (SEC) và tiết kiệm", "sec.lastday": "SEC ngày hoàn chỉnh gần nhất", "sec.month": "SEC tháng này",
    "sec.baseline": "Đường cơ sở", "savings.todate": "Tiết kiệm đến nay", "savings.band": "khoảng tin cậy 90 %",
    "target.8": "Mục tiêu 8 %", "target.13": "Mục tiêu 13 %", "target.MET": "đạt", "target.NOT_MET": "chưa đạt", "target.INCONCLUSIVE": "chưa kết luận",
    "enpi.none": "Chưa có chỉ số EnPI nào được định nghĩa cho doanh nghiệp này.", "baseline.none": "Chưa có đường cơ sở.",
    "savings.none": "Chưa có ngày nào sau biện pháp để tính tiết kiệm.", "value.none": "—",
    "meter.title": "Chi tiết công tơ", "meter.channels": "Giá trị mới nhất của các kênh", "meter.events": "Sự kiện bộ đếm (tràn, đặt lại, thay thế)",
    "meter.gaps": "Khoảng trống dữ liệu (7 ngày)", "meter.noevents": "Không có sự kiện bộ đếm.", "meter.nogaps": "Không có khoảng trống.",
    "trends.title": "Xu hướng", "trends.meter": "Công tơ", "trends.resolution": "Độ phân giải", "trends.from": "Từ ngày", "trends.to": "Đến ngày",
    "trends.compare": "So sánh với", "trends.compare.none": "không so sánh", "trends.compare.prev": "kỳ trước", "trends.compare.year": "cùng kỳ năm trước",
    "trends.show": "Hiển thị", "trends.csv": "Tải CSV", "trends.power": "Công suất và điện năng theo khoảng", "trends.sec": "SEC theo ngày so với đường cơ sở",
    "trends.scatter": "Năng lượng theo sản lượng, với mô hình đường cơ sở", "trends.production": "Sản lượng theo ngày",
    "trends.periodA": "Kỳ A", "trends.periodB": "Kỳ B", "series.power": "Công suất TB (kW)", "series.energy": "Điện năng (kWh)",
    "series.sec": "SEC", "series.production": "Sản lượng", "series.days": "Ngày", "series.model": "Mô hình cơ sở",
    "summary.power": "Công suất: thấp nhất {min} kW, cao nhất {max} kW, trung bình {avg} kW; điện năng {energy} kWh.",
    "summary.sec": "SEC trung bình {avg} {unit}; đường cơ sở {base} {unit}.", "summary.empty": "Không có dữ liệu trong kỳ này.",
    "showcase.title": "Điểm trình diễn sản xuất sạch hơn", "showcase.power": "Công suất hiện tại", "showcase.energy": "Điện năng hôm nay",
    "showcase.saved": "Năng lượng tiết kiệm từ khi áp dụng biện pháp", "showcase.money": "Chi phí tiết kiệm", "showcase.co2": "CO₂ tránh phát thải",
    "showcase.sec": "Xu hướng SEC 30 ngày", "showcase.since": "kể từ {date}", "showcase.pause": "Tạm dừng", "showcase.play": "Tiếp tục",
    "showcase.pick": "Các nhà máy đã công bố", "showcase.nosites": "Chưa có nhà máy nào được công bố.",
    "login.title": "Đăng nhập", "login.username": "Tên đăng nhập", "login.password": "Mật khẩu", "login.submit": "Đăng nhập",
    "login.failed": "Tên đăng nhập hoặc mật khẩu không đúng.", "login.throttled": "Quá nhiều lần thử. Vui lòng thử lại sau.",
    "login.mustchange": "Bạn phải đổi mật khẩu ban đầu trước khi tiếp tục (POST /api/v1/auth/password).",
    "enterprise.pick": "Doanh nghiệp", "updated": "Cập nhật {time}",
    "err.notfound.meter": "Không tìm thấy công tơ “{meter}” của doanh nghiệp “{enterprise}”.",
    "err.notfound": "Không tìm thấy: trang yêu cầu một doanh nghiệp, công tơ hoặc kỳ không tồn tại.",
    "err.forbidden": "Bạn không có quyền xem dữ liệu này.", "err.signin": "Vui lòng đăng nhập để xem trang này.",
    "err.bad": "Yêu cầu không hợp lệ: {message}", "err.unavailable": "Máy chủ tạm thời không phản hồi. Vui lòng thử lại.",
    "err.network": "Không kết nối được máy chủ.", "err.period": "Kỳ không hợp lệ: ngày bắt đầu phải trước ngày kết thúc.",
    "err.noenterprise": "Chọn một doanh nghiệp.", "err.notpublished": "Nhà máy này không có trên trang trưng bày.",
  },
  en: {
    "sec.model": "Baseline model at the same output", "sec.baselineperiod": "Baseline period average", "savings.money": "Money saved to date",
    "savings.co2": "CO₂ avoided to date", "carrier.electricity": "electricity", "carrier.natural_gas": "natural gas", "carrier.diesel": "diesel",
    "co2.gridyear": "grid factor {year}", "series.flow": "Mean flow", "series.volume": "Volume", "series.rate": "Mean",
    "trends.power.gas": "Flow and interval volume", "summary.rate": "{what}: lowest {min} {unit}, highest {max} {unit}, mean {avg} {unit}; total {total} {qunit}.",
    "summary.secmodel": "Mean SEC {avg} {unit}; baseline model at the same output {base} {unit}.",
    "sec.derived": "(derived from the counter)",
    "app.title": "EnergyTrace", "nav.overview": "Overview", "nav.trends": "Trends", "nav.live": "Live",
    "nav.showcase": "Showcase", "nav.signin": "Sign in", "nav.signout": "Sign out", "lang.switch": "Tiếng Việt",
    "live.connecting": "connecting…", "live.live": "live", "live.stale": "stale data", "live.offline": "disconnected – retrying",
    "overview.title": "Enterprise overview", "kpi.power": "Power now", "kpi.energy": "Energy today (kWh final)", "kpi.energy.notcounted": "not counted: {meters}",
    "kpi.toe": "Energy today (TOE)", "kpi.co2": "CO₂ today", "kpi.online": "Meters online",
    "meters.title": "Power per meter / line", "col.meter": "Meter", "col.site": "Site", "col.power": "Power (kW)",
    "col.lastseen": "Last seen", "col.status": "Status", "col.energy": "Energy today", "col.coverage": "Data coverage",
    "col.channel": "Channel", "col.value": "Value", "col.unit": "Unit", "col.time": "Time", "col.quality": "Quality",
    "col.kind": "Kind", "col.event": "Event", "col.from": "From", "col.to": "To", "col.duration": "Duration",
    "status.online": "online", "status.offline": "offline", "quality.good": "good", "quality.uncertain": "uncertain", "quality.bad": "bad",
    "enpi.title": "Specific energy consumption (SEC) and savings", "sec.lastday": "SEC, last complete day", "sec.month": "SEC this month",
    "sec.baseline": "Baseline", "savings.todate": "Savings to date", "savings.band": "90 % confidence band",
    "target.8": "8 % target", "target.13": "13 % target", "target.MET": "met", "target.NOT_MET": "not met", "target.INCONCLUSIVE": "inconclusive",
    "enpi.none": "No EnPI is defined for this enterprise yet.", "baseline.none": "No baseline yet.",
    "savings.none": "No day after the measure to compute savings from yet.", "value.none": "—",
    "meter.title": "Meter detail", "meter.channels": "Latest value of every channel", "meter.events": "Counter events (wraps, resets, replacements)",
    "meter.gaps": "Data gaps (7 days)", "meter.noevents": "No counter events.", "meter.nogaps": "No gaps.",
    "trends.title": "Trends", "trends.meter": "Meter", "trends.resolution": "Resolution", "trends.from": "From", "trends.to": "To",
    "trends.compare": "Compare with", "trends.compare.none": "no comparison", "trends.compare.prev": "previous period", "trends.compare.year": "same period last year",
    "trends.show": "Show", "trends.csv": "Download CSV", "trends.power": "Power and interval energy", "trends.sec": "Daily SEC against the baseline",
    "trends.scatter": "Energy against production, with the baseline model", "trends.production": "Production per day",
    "trends.periodA": "Period A", "trends.periodB": "Period B", "series.power": "Mean power (kW)", "series.energy": "Energy (kWh)",
    "series.sec": "SEC", "series.production": "Production", "series.days": "Days", "series.model": "Baseline model",
    "summary.power": "Power: lowest {min} kW, highest {max} kW, mean {avg} kW; energy {energy} kWh.",
    "summary.sec": "Mean SEC {avg} {unit}; baseline {base} {unit}.", "summary.empty": "No data in this period.",
    "showcase.title": "Cleaner production pilot site", "showcase.power": "Power now", "showcase.energy": "Energy today",
    "showcase.saved": "Energy saved since the measure", "showcase.money": "Money saved", "showcase.co2": "CO₂ avoided",
    "showcase.sec": "SEC trend, 30 days", "showcase.since": "since {date}", "showcase.pause": "Pause", "showcase.play": "Play",
    "showcase.pick": "Published sites", "showcase.nosites": "No site is published yet.",
    "login.title": "Sign in", "login.username": "Username", "login.password": "Password", "login.submit": "Sign in",
    "login.failed": "Invalid username or password.", "login.throttled": "Too many attempts. Please try again later.",
    "login.mustchange": "You must change your initial password first (POST /api/v1/auth/password).",
    "enterprise.pick": "Enterprise", "updated": "Updated {time}",
    "err.notfound.meter": "Meter “{meter}” of enterprise “{enterprise}” was not found.",
    "err.notfound": "Not found: the page asked for an enterprise, meter or period that does not exist.",
    "err.forbidden": "You may not see this data.", "err.signin": "Please sign in to see this page.",
    "err.bad": "Invalid request: {message}", "err.unavailable": "The server is temporarily unavailable. Please try again.",
    "err.network": "Cannot reach the server.", "err.period": "Invalid period: the start must be before the end.",
    "err.noenterprise": "Choose an enterprise.", "err.notpublished": "This site is not on the showcase.",
  },
};

const LOCALES = { vi: "vi-VN", en: "en-GB" };
const listeners = [];

export function lang() {
  const q = new URLSearchParams(location.search).get("lang");
  if (q && DICT[q]) return q;
  const s = localStorage.getItem("et.lang");
  return s && DICT[s] ? s : "vi";
}

export function locale() { return LOCALES[lang()]; }

export function t(key, vars = {}) {
  const s = DICT[lang()][key] ?? DICT.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ""));
}

export function setLang(l) {
  localStorage.setItem("et.lang", l);
  const u = new URL(location.href);
  if (u.searchParams.has("lang")) { u.searchParams.set("lang", l); history.replaceState(null, "", u); }
  apply();
  listeners.forEach(f => f());
}

/** Re-render hooks run after a language change. */
export function onLangChange(f) { listeners.push(f); }

/** Fills every [data-i18n] element (and [data-i18n-attr="attr:key"]) with the current language. */
export function apply(root = document) {
  document.documentElement.lang = lang();
  root.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-attr]").forEach(el => {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      el.setAttribute(attr, t(key));
    }
  });
}

/** A number in the current locale (vi-VN: 1.234,5); "—" when missing. */
export function num(v, digits = 1) {
  if (v == null || Number.isNaN(Number(v))) return t("value.none");
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(Number(v));
}

/** A ratio such as an SEC, with a fixed number of decimals so 1,000 and 0,835 compare at a glance. */
export function fixed(v, digits = 3) {
  if (v == null || Number.isNaN(Number(v))) return t("value.none");
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(v));
}

export function pct(v, digits = 1) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: digits }).format(Number(v));
}

/** Money shortened for a wall screen (32,3 Tr ₫ / ₫32.3m); the exact amount goes beside it. */
export function moneyShort(v, currency) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(Number(v));
}

export function money(v, currency) {
  if (v == null) return t("value.none");
  return new Intl.NumberFormat(locale(), { style: "currency", currency, maximumFractionDigits: 0 }).format(Number(v));
}

/** A date (vi-VN: dd/MM/yyyy). Accepts an ISO instant or a yyyy-MM-dd day. */
export function date(v) {
  if (!v) return t("value.none");
  const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(v + "T00:00:00") : new Date(v);
  return new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
}

export function dateTime(v) {
  if (!v) return t("value.none");
  return new Intl.DateTimeFormat(locale(), {
    day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).format(new Date(v));
}

export function time(v) {
  if (!v) return t("value.none");
  return new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(v));
}
