// Public showcase of one published site (issue 20): who the enterprise is, what it did (the
// measures), what it got (SEC before and after, energy, money and CO2 saved with their band,
// payback) and whether that was verified; live power and energy today in the footer. Panels rotate
// at a reading pace and can be paused; only what the showcase endpoint returns for a published site.
import { t, num, pct, money, moneyShort, currencyUnit, date, lang, locale, onLangChange, setZone, unitText, periodVerifiedText, secScale } from "./i18n.js";
import { getJson, header, message, errorText, param, LiveChannel, el } from "./app.js";

const enterprise = param("enterprise"), site = param("site");
// seconds each panel stays: the story has the most to read
const BASE = [["panel-story", 20], ["panel-savings", 15], ["panel-sec", 15]];
// the site's resources (issue 17) get a panel of their own when it has any
let PANELS = BASE;
let data = null, panel = 0, paused = false, chart = null, timer = null;
// each meter's last power and when it was measured: kept across reloads (a meter not heard since
// the last reload still counts, with its age), the newest value of each meter wins
const power = new Map();
let skewMs = 0, staleMs = 120000;

const m = await header("showcase");
onLangChange(render);
if (!enterprise || !site) {
  // what is published, whoever looks (an administrator's scope is "all", not a list of sites)
  const sites = m.showcase_sites || (m.scope && m.scope.published_sites) || [];
  document.getElementById("pick").hidden = false;
  // each site by the names its story gives (the showcase's own answer), its codes beside them;
  // by its codes alone until that answer is in, or when it cannot be had
  const named = new Map();
  const renderSites = () => document.getElementById("sites").replaceChildren(...(sites.length ? sites.map(s => {
    const [e, p] = s.split("/"), n = named.get(s);
    const words = n ? [local(n.site_name), local(n.enterprise_name)].filter(Boolean).join(" — ") : "";
    const link = el("a", { href: "/showcase.html?enterprise=" + encodeURIComponent(e) + "&site=" + encodeURIComponent(p), text: words || e + " / " + p });
    return words ? el("li", {}, link, " ", el("span", { class: "sub", translate: "no", text: "(" + e + " / " + p + ")" })) : el("li", {}, link);
  }) : [el("li", { text: t("showcase.nosites") })]));
  renderSites();
  onLangChange(renderSites);
  await Promise.all(sites.map(async s => {
    const [e, p] = s.split("/");
    try { named.set(s, await getJson("/api/v1/showcase/" + encodeURIComponent(e) + "/" + encodeURIComponent(p))); } catch (err) { /* the codes stay */ }
  }));
  renderSites();
} else {
  await load();
  if (data) {
    new LiveChannel("/api/v1/live?enterprise=" + encodeURIComponent(enterprise), r => {
      if (r.site !== site || r.kind !== "gauge" || r.unit !== "KWT") return;
      keepPower(r.meter, r.value, r.ts);
      renderPower();
    }, { staleAfterMs: 30000 });
    setInterval(renderPower, 5000); // ages grow between readings
    setInterval(load, 30000);
    schedule();
    document.getElementById("prev").addEventListener("click", () => show(panel - 1));
    document.getElementById("next").addEventListener("click", () => show(panel + 1));
    document.getElementById("pause").addEventListener("click", togglePause);
    document.addEventListener("keydown", e => {
      if (e.key === "ArrowRight") show(panel + 1);
      if (e.key === "ArrowLeft") show(panel - 1);
      if (e.key === " " && e.target === document.body) { e.preventDefault(); togglePause(); }
    });
  }
}

window.addEventListener("resize", () => { if (chart) chart.resize(); });

function togglePause() {
  paused = !paused;
  const b = document.getElementById("pause");
  b.dataset.i18n = paused ? "showcase.play" : "showcase.pause";
  b.textContent = t(b.dataset.i18n);
  schedule();
}

/** The next turn of the panels, after the current panel's own time (none while paused). */
function schedule() {
  clearTimeout(timer);
  if (!paused) timer = setTimeout(() => show(panel + 1), PANELS[panel][1] * 1000);
}

async function load() {
  try {
    data = await getJson("/api/v1/showcase/" + encodeURIComponent(enterprise) + "/" + encodeURIComponent(site));
    skewMs = Date.now() - Date.parse(data.at);
    setZone(data.time_zone);
    const live = data.live || data;
    staleMs = durationMs(live.online_within) || staleMs;
    for (const p of live.power_meters || []) keepPower(p.meter, p.power_kw, p.power_ts);
    message(null);
    document.getElementById("content").hidden = false;
    render();
  } catch (e) {
    data = null;
    document.getElementById("content").hidden = true;
    message(e.status === 403 || e.status === 404 || e.status === 401 ? t("err.notpublished") : errorText(e));
  }
}

function show(i) {
  panel = (i + PANELS.length) % PANELS.length;
  for (const id of ["panel-story", "panel-savings", "panel-sec", "panel-resources"]) {
    document.getElementById(id).classList.toggle("active", PANELS[panel][0] === id);
  }
  document.getElementById("panel-pos").textContent = (panel + 1) + " / " + PANELS.length;
  if (PANELS[panel][0] === "panel-sec" && chart) chart.resize();
  schedule();
}

function keepPower(meter, kw, ts) {
  const old = power.get(meter);
  // instants compared as instants: "…:00Z" and "…:00.123Z" do not sort as strings
  if (kw == null || (old && old.ts && ts && Date.parse(old.ts) > Date.parse(ts))) return;
  power.set(meter, { kw, ts });
}

/** PT2M, PT30S, PT1H30M as milliseconds (the ISO-8601 durations the API sends). */
function durationMs(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || "");
  return m ? ((+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0)) * 1000 : null;
}

function age(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? t("age.s", { n: s }) : s < 7200 ? t("age.min", { n: Math.round(s / 60) }) : t("age.h", { n: Math.round(s / 3600) });
}

/** A {vi, en} text in the page's language, else the other one; null when neither. */
function local(text) {
  if (!text) return null;
  return text[lang()] || text.vi || text.en || null;
}

function setText(id, text) { document.getElementById(id).textContent = text == null ? "" : text; }

/** The sum of every meter's last power; the meters whose value is older than online_within named with its age. */
function renderPower() {
  if (!data) return;
  const now = Date.now() - skewMs, all = [...power.entries()];
  const stale = all.filter(([, p]) => !p.ts || now - Date.parse(p.ts) > staleMs).sort((a, b) => a[0] < b[0] ? -1 : 1);
  const live = data.live || data;
  const total = all.length ? all.reduce((a, [, p]) => a + p.kw, 0) : live.power_kw;
  const value = document.getElementById("show-power");
  value.textContent = num(total, 0);
  value.dataset.value = total == null ? "" : String(total);
  value.classList.toggle("stale", stale.length > 0);
  const note = document.getElementById("show-power-note");
  note.classList.toggle("stale", stale.length > 0);
  note.dataset.stale = stale.map(([m]) => m).join(",");
  note.textContent = stale.length
    ? t("showcase.power.stale", { meters: stale.map(([m, p]) => m + " (" + (p.ts ? age(now - Date.parse(p.ts)) : "?") + ")").join(", ") })
    : all.length ? t("showcase.power.fresh", { n: all.length }) : "";
}

function render() {
  if (!data) return;
  renderPower();
  setText("show-energy", num((data.live || data).energy_today_kwh, 0));
  renderWho();
  renderMeasures();
  renderSavings();
  renderVerification();
  renderSec();
  renderResources();
  document.getElementById("panel-pos").textContent = (panel + 1) + " / " + PANELS.length;
}

function renderWho() {
  setText("enterprise-name", local(data.enterprise_name) || data.enterprise);
  setText("site-name", local(data.site_name) || data.site);
  setText("sector", local(data.sector));
  const qr = document.getElementById("qr");
  if (data.qr_svg) {
    // an image, not markup in the page: the SVG cannot run anything (and img-src allows data:)
    const src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(data.qr_svg);
    if (qr.getAttribute("src") !== src) qr.src = src;
  }
  qr.alt = t("showcase.qr.alt", { site: local(data.site_name) || data.site });
  qr.closest("figure").hidden = !data.qr_svg;
}

function renderMeasures() {
  const list = document.getElementById("measures");
  const measures = data.measures || [];
  list.replaceChildren(...(measures.length ? measures.map((x, i) => el("li", { class: "measure", id: "measure-" + i },
    el("div", { class: "measure-title", text: local(x.title) }),
    el("div", { class: "measure-meta" },
      el("span", { class: "measure-date", text: date(x.date) }),
      x.investment != null ? el("span", { class: "measure-investment", text: t("showcase.investment", { amount: moneyShort(x.investment, x.currency) }) }) : ""),
    local(x.description) ? el("div", { class: "measure-description", text: local(x.description) }) : "")) :
    [el("li", { class: "measure", text: t("showcase.nomeasures") })]));
  list.dataset.count = String(Math.max(1, measures.length));
}

/** The saving's days: "06/11/2026 – 05/12/2026", or "since 06/11/2026" while it has no end. */
function span(s) {
  return s && s.to ? t("showcase.span", { from: date(data.measure_from), to: date(s.to) }) : t("showcase.since", { date: date(data.measure_from) });
}

function renderSavings() {
  const s = data.savings;
  setText("show-saved", s ? num(s.energy, 0) : t("value.none"));
  setText("show-saved-unit", s ? s.unit : "");
  const band = s && s.band;
  setText("show-band", band && band.low != null ? t("showcase.band", { c: band.confidence, low: num(band.low, 0), high: num(band.high, 0), unit: band.unit }) : "");
  setText("show-since", data.measure_from ? span(s) + (s && s.fraction != null ? " · " + pct(s.fraction, 1) : "")
    + (s && s.non_routine ? " · " + t("savings.split", { routine: num(s.routine, 0), nonroutine: num(s.non_routine, 0), unit: s.unit }) : "") : "");
  setText("show-money", s && s.money != null ? moneyShort(s.money, s.currency) : t("value.none"));
  const tariffs = [data.tariff_per_kwh ? num(data.tariff_per_kwh, 2) + " " + currencyUnit(data.currency + "/kWh") : null,
    data.tariff_per_nm3_gas ? num(data.tariff_per_nm3_gas, 0) + " " + currencyUnit(data.currency + "/Nm³") : null].filter(x => x);
  setText("show-tariff", s && s.money == null && s.money_note ? s.money_note
    : (s && s.money != null ? money(s.money, s.currency) + " · " : "") + tariffs.join(" · "));
  setText("show-co2", s && s.co2 != null ? num(s.co2, 1) : t("value.none"));
  const co2Parts = (s && s.co2_by_carrier || []).map(x => t("carrier." + x.carrier) + " " + num(x.avoided_t, 1) + " t").join(" · ");
  setText("show-co2-note", s && s.co2 != null
    ? co2Parts + (data.grid_factor_year ? " · " + t("co2.gridyear", { year: data.grid_factor_year }) : "") : (s && s.co2_note) || "");
  const p = data.payback || {};
  setText("show-payback", p.years != null ? t("showcase.years", { n: num(p.years, 1) }) : t("value.none"));
  setText("show-investment", p.investment != null
    ? t("showcase.investment", { amount: moneyShort(p.investment, p.currency) }) + (p.money_per_year != null ? " · " + t("showcase.peryear", { amount: moneyShort(p.money_per_year, p.currency) })
      // less than a year of savings scaled to one: a season or a shutdown may not be in it
      + (p.days < 365 ? " (" + t("showcase.peryear.from", { d: num(p.days, 0) }) + ")" : "") : "")
    : p.note ? t("showcase.payback." + p.note) : "");
  // the story panel's summary of the same figures
  setText("story-fraction", s && s.fraction != null ? pct(s.fraction, 1) : t("value.none"));
  // the headline's fraction with its band and its period: "verified" above a bare 10,5 % since a
  // day read as more certain and more current than it is
  setText("story-saved", s ? num(s.energy, 0) + " " + s.unit + (data.measure_from ? " · " + span(s) : "")
    + (band && band.low != null && s.energy && s.fraction != null
      ? " · " + t("showcase.fraction.band", { c: band.confidence, low: pct(s.fraction * band.low / s.energy, 1), high: pct(s.fraction * band.high / s.energy, 1) }) : "") : "");
  setText("story-money", s && s.money != null ? moneyShort(s.money, s.currency) : t("value.none"));
  setText("story-payback", p.years != null ? t("showcase.payback") + ": " + t("showcase.years", { n: num(p.years, 1) }) : "");
}

function renderVerification() {
  const v = data.verification || { status: "indicative" };
  const box = document.getElementById("verification");
  box.dataset.status = v.status;
  setText("verification-status", t(v.status !== "verified" ? "verify.indicative"
    : v.opinion === "verified_with_reservations" ? "verify.verified.reservations" : "verify.verified"));
  const parts = [];
  if (v.baseline_status === "approved" && v.approved_at) {
    parts.push(t(v.approved_by_auditor ? "verify.approved.auditor" : "verify.approved.enterprise", { date: date(v.approved_at) }));
  } else {
    parts.push(t(data.savings_note === "no_approved_baseline" ? "verify.noapproved" : "verify.notapproved"));
  }
  // the period's own status: "verified on …, before the data changed" once it is to be re-verified
  parts.push(periodVerifiedText({ status: v.period_status, verified_at: v.verified_at }));
  // a saving from a baseline failing the validity rules (docs/mv-method.md): said so, in words
  if (v.verifiable === false) parts.push(t("verify.notverifiable"));
  setText("verification-detail", parts.join(" · "));
}

/** The period of the series holding day d (periods are their first day, in order). */
function periodOf(points, d) {
  let found = null;
  for (const p of points) if (p.period <= d) found = p.period;
  return found;
}

function renderSec() {
  const pts = data.sec_series || [];
  const unit = unitText(data.sec_unit);
  setText("sec-caption", t(data.sec_bucket === "month" ? "showcase.sec.month" : "showcase.sec.week"));
  const dates = [...new Set((data.measures || []).map(x => x.date))];
  if (!dates.length && data.measure_from) dates.push(data.measure_from);
  const first = dates.length ? dates.reduce((a, b) => a < b ? a : b) : null;
  const before = pts.filter(p => p.actual != null && first && p.period < periodOf(pts, first));
  const after = pts.filter(p => p.actual != null && first && p.period > (periodOf(pts, first) || ""));
  const mean = (list, f) => { const xs = list.map(f).filter(x => x != null); return xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null; };
  const sum = document.getElementById("sec-summary");
  // the server's: each period's energy over its production, after the measure over the saving's days
  const ss = data.sec_summary;
  // after against the model at the period's output, and against before, which holds more (a
  // visitor read −11,4 % there beside the headline's 10,1 % without a word on why)
  const why = ss && ss.before && ss.model && ss.after != null
    ? " " + t("showcase.secsummary.why", { saving: pct(1 - ss.after / ss.model), change: pct(1 - ss.after / ss.before) })
      // the model's comparison is the routine saving; a headline with approved adjustments differs
      + (data.savings && data.savings.non_routine ? " " + t("showcase.secsummary.nonroutine") : "") : "";
  sum.textContent = !pts.length ? t("summary.empty") : ss ? t("showcase.secsummary", {
    before: num(ss.before, 3), after: num(ss.after, 3), base: num(ss.model, 3), unit }) + why
    : t("showcase.secsummary", {
      before: num(mean(before, p => p.actual), 3), after: num(mean(after, p => p.actual), 3),
      base: num(mean(after, p => p.baseline), 3), unit });
  if (!window.echarts) return;
  chart = chart || echarts.init(document.getElementById("sec-chart"));
  const marks = dates.map(d => periodOf(pts, d)).filter(x => x).map(p => ({ xAxis: date(p) }));
  chart.setOption({
    // the legend under the chart: on a phone it wrapped onto the axis name above the chart
    textStyle: { fontSize: 18, color: "#fff" }, grid: { left: 90, right: 40, top: 50, bottom: 90 },
    xAxis: { type: "category", data: pts.map(p => date(p.period)), axisLabel: { color: "#fff", fontSize: 16 } },
    yAxis: { type: "value", name: unit, nameTextStyle: { align: "left" }, scale: true, axisLabel: { color: "#fff", fontSize: 16, formatter: v => num(v, 2) } },
    legend: { bottom: 0, textStyle: { color: "#fff", fontSize: 18 } },
    series: [{ name: t("showcase.sec.actual"), type: "line", data: pts.map(p => p.actual), lineStyle: { width: 5 }, symbolSize: 10, itemStyle: { color: "#ffd24d" },
        markLine: { symbol: "none", lineStyle: { color: "#7ee08a", width: 3, type: "solid" }, label: { color: "#fff", fontSize: 16, formatter: t("showcase.measure") }, data: [...new Map(marks.map(x => [x.xAxis, x])).values()] } },
      { name: t("sec.model"), type: "line", data: pts.map(p => p.baseline), lineStyle: { width: 3, type: "dashed" }, symbolSize: 6, itemStyle: { color: "#9fd0ff" } }],
  }, true);
}

/** A SEC: three decimals, or four significant digits for small ones (coal in t per crate). */
function sec(v) {
  if (v == null) return t("value.none");
  return Math.abs(v) >= 0.1 ? num(v, 3) : new Intl.NumberFormat(locale(), { maximumSignificantDigits: 4 }).format(v);
}

/**
 * A resource's status in words: verifiable; indicative with the validity rules its fit fails; or,
 * its fit passing them, indicative because no auditor approved its baseline (it read "not
 * verifiable" with no failed check).
 */
function status(r, failed) {
  if (r.status === "verifiable") return t("showcase.res.verifiable");
  if (r.label === "to be re-verified") return t("baseline.status.to_be_reverified");
  if (r.label === "indicative, resource baseline not approved" && !failed.length) return t("showcase.res.unapproved");
  return t("verify.notverifiable") + (failed.length ? " (" + t("verify.failed", { flags: failed.join(", ") }) + ")" : "");
}

/**
 * The site's resources per unit of product (issue 17): the SEC since the measure against the
 * approved baseline's, the saving with its band, verifiable or indicative; the API's numbers only.
 */
function renderResources() {
  const list = data.resources || [];
  PANELS = list.length ? [...BASE, ["panel-resources", 15]] : BASE;
  if (panel >= PANELS.length) show(0);
  setText("res-heading", t("showcase.res.title", { product: data.resources_product_name || data.resources_product || "" }));
  const box = document.getElementById("show-resources");
  if (!list.length) { box.replaceChildren(el("p", { class: "sub", text: t("showcase.res.none") })); return; }
  box.replaceChildren(...list.map(r => {
    // both figures in one unit that reads well: 11,9 g/sp, not 0,0000119 t/sp
    const scale = secScale([r.reporting_sec, r.baseline_sec], r.sec_unit || "");
    const id = "show-res-" + r.resource, unit = unitText(scale.unit), own = unitText(r.unit);
    const title = el("div", { class: "label", text: (r.name || r.resource) + " · " + t("res.kind." + r.kind) });
    // not computed for the period (a missing stock count, no reporting day yet): said in the
    // page's language, the server's reason after it, marked as the English it is
    if (r.note) return el("div", { class: "big", id, "data-status": "indicative" }, title,
      el("div", { class: "sub", id: id + "-note" }, t("err.compute"), " ", el("span", { lang: "en", text: r.note })));
    const failed = (r.failed_checks || []).map(f => t("check." + f));
    const targets = (r.targets || []).map(x => t(Math.round(x.target * 100) === 8 ? "target.8" : "target.13") + ": " + t("target." + x.status));
    return el("div", { class: "big", id, "data-status": r.status },
      title,
      el("div", { class: "value" }, el("span", { id: id + "-sec", text: sec(scale.of(r.reporting_sec)) }), " ", el("span", { class: "unit", text: unit })),
      el("div", { class: "sub", id: id + "-base", text: t("showcase.res.before", { base: sec(scale.of(r.baseline_sec)), unit }) }),
      el("div", { class: "sub", id: id + "-saved", text: t("showcase.res.saved", { saved: num(r.savings, 1), own, fraction: pct(r.savings_fraction, 1), date: date(r.from) }) }),
      el("div", { class: "sub", id: id + "-band", text: t("showcase.res.band", { c: r.confidence, low: num(r.savings_low, 1), high: num(r.savings_high, 1), own }) }),
      el("div", { class: "sub", id: id + "-status", text: status(r, failed) + (targets.length ? " · " + targets.join(" · ") : "") }));
  }));
}
