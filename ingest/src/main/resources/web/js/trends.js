// Trends: zoomable power and interval energy of a meter for two periods side by side, daily SEC of
// the enterprise's EnPI against its baseline, energy against production with the baseline model
// line, production per day; CSV of exactly what is shown.
import { t, num, fixed, pct, date, dateTime, apply, onLangChange, setZone, unitText, unitSymbol, locale, modelName, secText, secScale } from "./i18n.js";
import { getJson, header, enterpriseOf, message, errorText, param, el, addDays, siteDays, dayStart, zoneOffsetMs, baselinePeriodSecOf, downloadCsv, errorParts, productNames } from "./app.js";

// display units of the UNECE codes the meters report (docs/asyncapi.yaml)
const ENERGY = new Set(["KWH", "MWH", "KJ"]);
const HOURS = { "15m": 0.25, "1h": 1, "1d": 24 };
const charts = {};
let shown = { a: null, b: null, sec: null, res: null };
let enterprise = null, meters = [], overview = null, days = siteDays(null), resources = [];

const me = await header("trends", { signIn: true });
enterprise = await enterpriseOf(me);
onLangChange(() => { apply(); draw(); });
if (!enterprise) message(t("err.noenterprise"));
else {
  document.getElementById("enterprise-name").textContent = "– " + enterprise;
  try {
    meters = (await getJson("/api/v1/meters")).meters.filter(m => m.enterprise === enterprise);
    // the site's zone and today: the periods are the site's days, as on the overview
    overview = await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/overview");
    // the registry's name when the enterprise is in the programme, with its code, as the overview
    if (overview.enterprise_name) document.getElementById("enterprise-name").textContent = "– " + overview.enterprise_name + " (" + enterprise + ")";
    days = siteDays(overview);
    setZone(days.zone);
  } catch (e) { message(errorText(e)); }
  // the resources the site tracks (issue 17): one at a time, chosen here
  try { resources = (await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/resources")).resources; }
  catch (e) { resources = []; }
  const rs = document.getElementById("res-select");
  rs.replaceChildren(...resources.map(r => el("option", { value: r.resource, text: r.name || r.resource })));
  if (param("resource")) rs.value = param("resource");
  rs.addEventListener("change", async () => { shown.res = await resData(); drawRes(); });
  const sel = document.getElementById("meter");
  sel.replaceChildren(...meters.map(m => el("option", { value: m.meter, text: m.meter })));
  if (param("meter")) sel.value = param("meter");
  document.getElementById("from").value = param("from") || addDays(days.today, -7);
  document.getElementById("to").value = param("to") || days.today;
  document.getElementById("controls").addEventListener("submit", e => { e.preventDefault(); load(); });
  document.getElementById("csv").addEventListener("click", csv);
  load();
}

window.addEventListener("resize", () => Object.values(charts).forEach(c => c.resize()));

function chart(id) { return charts[id] || (charts[id] = echarts.init(document.getElementById(id))); }

async function load() {
  const fromDay = document.getElementById("from").value, toDay = document.getElementById("to").value;
  if (!fromDay || !toDay || fromDay > toDay) { message(t("err.period")); return; }
  message(null);
  const meter = meters.find(m => m.meter === document.getElementById("meter").value);
  if (!meter) { message(t("err.notfound.meter", { meter: document.getElementById("meter").value || "", enterprise })); return; }
  const res = document.getElementById("resolution").value;
  // the site's local days: from its midnight to the midnight after the last day
  const z = days.zone, a = { from: dayStart(fromDay, z), to: dayStart(addDays(toDay, 1), z) };
  const cmp = document.getElementById("compare").value;
  const lastYear = d => (Number(d.slice(0, 4)) - 1) + (d.slice(4) === "-02-29" ? "-02-28" : d.slice(4));
  const nDays = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86400000) + 1;
  const b = cmp === "none" ? null : cmp === "year"
    ? { from: dayStart(lastYear(fromDay), z), to: dayStart(addDays(lastYear(toDay), 1), z) }
    : { from: dayStart(addDays(fromDay, -nDays), z), to: dayStart(fromDay, z) };
  try {
    shown.a = await period(meter, res, a);
    shown.b = b ? await period(meter, res, b) : null;
    shown.sec = await secData(fromDay, toDay);
    shown.res = await resData();
  } catch (e) { message(errorText(e)); return; }
  draw();
}

// the charts' numbers and dates in the reader's language (ECharts writes "70,000" and "Dec"
// whatever the page's language): a value axis labels through num(), a time axis through Intl
// (a small per-unit axis, 0,0002 … 0,0006 t/crate, with its significant digits: it read "0" at every step)
const axisNum = v => v === 0 || Math.abs(v) >= 0.1 ? num(v, 2) : new Intl.NumberFormat(locale(), { maximumSignificantDigits: 3 }).format(v);
const valueAxis = (name, extra = {}) => ({ type: "value", name, nameTextStyle: { align: "left" }, axisLabel: { formatter: axisNum }, ...extra });
function timeLabel(v) {
  // the instants are already moved to the site's wall clock and labelled in UTC (useUTC)
  const d = new Date(v), p = n => String(n).padStart(2, "0");
  // a day as the pages write dates (dd/MM), an hour as Intl writes times
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? p(d.getUTCDate()) + "/" + p(d.getUTCMonth() + 1)
    : new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(d);
}

function unitLabel(code) { return unitSymbol(code); }

/**
 * One period of a meter: its rate (a power gauge in kW, or a flow gauge) and its counter's interval
 * quantity, each with its own unit. A meter without a rate gauge (a gas meter reporting only its
 * volume counter) gets the mean rate derived from the counter: quantity of the interval / hours.
 */
async function period(meter, res, p) {
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/meters/" + encodeURIComponent(meter.meter) + "/channels/";
  const q = "?resolution=" + res + "&limit=10000&from=" + p.from.toISOString() + "&to=" + p.to.toISOString();
  const ec = meter.channels.find(c => c.kind === "counter");
  const pc = meter.channels.find(c => c.kind === "gauge" && c.unit === "KWT")
    || (ec && !ENERGY.has(ec.unit) ? meter.channels.find(c => c.kind === "gauge" && c.unit === "MQH") : null);
  const isEnergy = ec ? ENERGY.has(ec.unit) : true;
  const qtyUnit = ec ? unitLabel(ec.unit) : "kWh";
  const out = { ...p, power: [], energy: [], isEnergy, qtyUnit, qtyCode: ec ? ec.unit : null,
    rateUnit: pc ? unitLabel(pc.unit) : isEnergy ? "kW" : qtyUnit + "/h", derived: !pc };
  if (pc) out.power = (await getJson(base + pc.name + "/series" + q)).rows.map(r => [r.bucket || r.ts, r.avg != null ? r.avg : r.value]);
  if (ec) {
    const rows = (await getJson(base + ec.name + "/series" + q)).rows;
    out.energy = rows.map(r => [r.bucket || r.start, r.energy]);
    if (!pc) {
      out.power = rows.map(r => {
        const h = r.bucket ? HOURS[res] : (new Date(r.end) - new Date(r.start)) / 3600000;
        return [r.bucket || r.start, r.energy != null && h > 0 ? r.energy / h : null];
      });
    }
  }
  return out;
}

async function secData(fromDay, toDay) {
  const ov = overview || await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/overview");
  if (!ov.enpis.length) return { none: true };
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/enpis/" + encodeURIComponent(ov.enpis[0].enpi);
  const out = { enpi: ov.enpis[0] };
  out.days = await getJson(base + "/sec?bucket=day&from=" + fromDay + "&to=" + toDay).catch(e => ({ points: [], error: e.message }));
  const bl = (await getJson(base + "/baselines").catch(() => ({ baselines: [] }))).baselines;
  const approved = bl.filter(x => x.status === "approved");
  out.baseline = (approved.length ? approved : bl).sort((x, y) => y.version - x.version)[0] || null;
  if (out.baseline) {
    // the period's days with the baseline model's SEC and energy for each day's own output
    out.days = await getJson(base + "/sec?bucket=day&from=" + fromDay + "&to=" + toDay + "&baseline=" + out.baseline.version).catch(() => out.days);
    out.baseDays = await getJson(base + "/sec?bucket=day&from=" + out.baseline.from + "&to=" + out.baseline.to).catch(() => ({ points: [] }));
    // the same definition as the overview's (app.js): every day of the period counted
    out.baselineSec = baselinePeriodSecOf(out.baseDays.points);
  }
  return out;
}

/**
 * The chosen resource per unit of the EnPI's first product over the days shown (from the day after
 * the EnPI baseline, to yesterday at the latest) against the baseline's period: the API's indicator
 * (GET .../resources/{resource}/indicator), nothing computed here.
 */
async function resData() {
  const code = document.getElementById("res-select").value;
  if (!resources.length || !code) return { none: "trends.res.none" };
  const s = shown.sec;
  if (!s || s.none || !s.baseline) return { none: "res.noenpi" };
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise);
  const enpi = await getJson(base + "/enpis/" + encodeURIComponent(s.enpi.enpi));
  if (!enpi.products.length) return { none: "res.noenpi" };
  const fromDay = document.getElementById("from").value, toDay = document.getElementById("to").value;
  const after = addDays(s.baseline.to, 1), yesterday = addDays(days.today, -1);
  const from = fromDay > after ? fromDay : after, to = toDay < yesterday ? toDay : yesterday;
  const out = { code, product: enpi.products[0], baseline: s.baseline, from, to };
  out.productName = (await productNames(enterprise))[out.product] || out.product;
  if (to < from) return { ...out, inBaseline: true };
  const q = "?product=" + encodeURIComponent(out.product) + "&baseline_from=" + s.baseline.from + "&baseline_to=" + s.baseline.to + "&from=" + from + "&to=" + to;
  try { out.ind = await getJson(base + "/resources/" + encodeURIComponent(code) + "/indicator" + q); }
  catch (e) { out.error = e; }
  return out;
}


function drawRes() {
  const r = shown.res, sum = document.getElementById("sum-res"), c = chart("chart-res");
  if (!r || r.none || r.inBaseline || r.error) {
    c.clear();
    if (r && r.error) { sum.replaceChildren(...errorParts(r.error)); return; }
    sum.textContent = !r ? "" : r.none ? t(r.none)
      : t("trends.res.inbaseline", { from: date(r.baseline.from), to: date(r.baseline.to) });
    return;
  }
  const ind = r.ind, periods = ind.reporting.periods;
  // one unit that reads well for the periods and the baseline: 11,9 g/sp, not 0,0000119 t/sp (the
  // CSV keeps the resource's own unit)
  const scale = secScale([...periods.map(p => p.sec), ind.baseline_sec, ind.reporting_sec], ind.sec_unit);
  const unit = unitText(scale.unit);
  const label = p => p.from === p.to ? date(p.from) : date(p.from) + "–" + date(p.to);
  c.setOption({
    animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 70, right: 30, top: 40, bottom: 60 },
    xAxis: { type: "category", data: periods.map(label) }, yAxis: valueAxis(unit, { scale: true }),
    dataZoom: [{ type: "inside" }, { type: "slider" }],
    series: [{ name: t("trends.res.period"), type: "line", data: periods.map(p => scale.of(p.sec)),
      markLine: ind.baseline_sec == null ? undefined : { symbol: "none", label: { formatter: t("sec.baselineperiod"), position: "insideEndTop" }, data: [{ yAxis: scale.of(ind.baseline_sec) }] } }],
  }, true);
  const name = (resources.find(x => x.resource === r.code) || {}).name || r.code;
  const v = ind.verifiability || {};
  const failed = (v.failed_checks || []).map(f => t("check." + f));
  const gaps = (ind.reporting.gaps || []).length;
  sum.textContent = t("trends.res.summary", { name, sec: secText(scale.of(ind.reporting_sec)), unit, product: r.productName || r.product, from: date(r.from), to: date(r.to),
      bfrom: date(r.baseline.from), bto: date(r.baseline.to), base: secText(scale.of(ind.baseline_sec)), fraction: pct(ind.savings_fraction), model: modelName(ind.model) })
    // the EnPI's baseline status is not this resource's: against its period the saving is indicative
    + " " + t("res.unapproved").replace(/\.$/, "")
    + (v.status !== "verifiable" ? " · " + t("verify.notverifiable") + (failed.length ? " (" + t("verify.failed", { flags: failed.join(", ") }) + ")" : "") : "")
    + (gaps ? " · " + t("trends.res.gaps", { n: gaps }) : "") + ".";
}

function stats(rows) {
  const v = rows.map(r => r[1]).filter(x => x != null);
  return v.length ? { min: Math.min(...v), max: Math.max(...v), avg: v.reduce((a, x) => a + x, 0) / v.length } : null;
}

function drawPeriod(id, sumId, labelId, p) {
  const c = chart(id);
  if (!p) { c.clear(); document.getElementById(sumId).textContent = t("summary.empty"); document.getElementById(labelId).textContent = ""; return; }
  document.getElementById(labelId).textContent = "(" + date(p.from.toISOString()) + " – " + date(new Date(p.to - 1).toISOString()) + ")";
  const caption = document.querySelector("#" + id).closest("figure").querySelector("[data-i18n^='trends.power']");
  if (caption) { caption.dataset.i18n = p.isEnergy ? "trends.power" : "trends.power.gas"; caption.textContent = t(caption.dataset.i18n); }
  const rateName = (p.isEnergy ? t("series.power").replace(/ \(.*\)$/, "") : t("series.flow")) + " (" + p.rateUnit + ")" + (p.derived ? " " + t("sec.derived") : "");
  const qtyName = (p.isEnergy ? t("series.energy").replace(/ \(.*\)$/, "") : t("series.volume")) + " (" + p.qtyUnit + ")";
  // ECharts labels a time axis in the browser's zone, or in UTC: the instants are moved by the
  // site's offset and labelled in UTC, so the axis and tooltips read the site's wall clock
  const wall = rows => days.zone ? rows.map(r => { const at = Date.parse(r[0]); return [at + zoneOffsetMs(days.zone, at), r[1]]; }) : rows;
  c.setOption({
    useUTC: !!days.zone,
    animation: false, tooltip: { trigger: "axis" }, legend: { data: [rateName, qtyName] },
    grid: { left: 60, right: 60, top: 40, bottom: 70 },
    xAxis: days.zone ? { type: "time", axisLabel: { formatter: timeLabel } } : { type: "time" },
    yAxis: [valueAxis(p.rateUnit), valueAxis(p.qtyUnit, { nameTextStyle: { align: "right" } })],
    dataZoom: [{ type: "inside" }, { type: "slider" }],
    series: [{ name: rateName, type: "line", showSymbol: false, data: wall(p.power) },
      { name: qtyName, type: "bar", yAxisIndex: 1, data: wall(p.energy), itemStyle: { color: "#7aa6d6" } }],
  }, true);
  const s = stats(p.power), total = p.energy.reduce((a, r) => a + (r[1] || 0), 0);
  // energy without power readings (raw power is kept a shorter time than energy): the total is
  // still the period's, said so, not "no data"; a mean of power over a part of the period says which
  const firstRate = p.power.length ? Date.parse(p.power[0][0]) : null;
  const partly = firstRate != null && firstRate - p.from > 86_400_000
    ? " (" + t("summary.ratefrom", { what: rateName, date: date(new Date(firstRate).toISOString()) }) + ")" : "";
  document.getElementById(sumId).textContent = s
    ? t("summary.rate", { what: rateName, min: num(s.min), max: num(s.max), avg: num(s.avg), unit: p.rateUnit, total: num(total), qunit: p.qtyUnit }).replace(/\.$/, partly + ".")
    : p.energy.length ? t("summary.totalonly", { what: rateName.toLowerCase(), total: num(total), qunit: p.qtyUnit })
    : t("summary.empty");
}

function draw() {
  if (!shown.a) return;
  drawRes();
  drawPeriod("chart-a", "sum-a", "label-a", shown.a);
  drawPeriod("chart-b", "sum-b", "label-b", shown.b);
  const s = shown.sec;
  if (!s || s.none) {
    ["sum-sec", "sum-scatter", "sum-prod"].forEach(id => { document.getElementById(id).textContent = t("enpi.none"); });
    return;
  }
  const pts = s.days.points, unit = unitText(s.days.unit);
  const productionUnit = unit.split("/")[1] || "";
  const hasModel = pts.some(p => p.baseline_sec != null);
  chart("chart-sec").setOption({
    animation: false, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 70, right: 30, top: 40, bottom: 60 },
    xAxis: { type: "category", data: pts.map(p => date(p.period)) }, yAxis: valueAxis(unit),
    dataZoom: [{ type: "inside" }, { type: "slider" }],
    series: [{ name: t("series.sec"), type: "line", data: pts.map(p => p.sec),
      // the label inside the plot, above the line's end: at the end of the line it was cut ("Base")
      markLine: s.baselineSec == null ? undefined : { symbol: "none", label: { formatter: t("sec.baselineperiod"), position: "insideEndTop" }, data: [{ yAxis: s.baselineSec }] } },
      ...(hasModel ? [{ name: t("sec.model"), type: "line", lineStyle: { type: "dashed" }, data: pts.map(p => p.baseline_sec) }] : [])],
  }, true);
  const secs = pts.filter(p => p.sec != null);
  // the period's SEC as the overview and the baseline period's line count it: total energy over
  // total production, a day without production adding its standby energy (the plain mean of the
  // daily SECs left those out and read 0,846 beside the overview's 0,901)
  const complete = pts.filter(p => p.complete !== false);
  const modelled = complete.filter(p => p.baseline_energy != null);
  const modelSec = modelled.length ? baselinePeriodSecOf(modelled.map(p => ({ energy: p.baseline_energy, production: p.production }))) : null;
  document.getElementById("sum-sec").textContent = !secs.length ? t("summary.empty") : hasModel
    ? t("summary.secmodel", { avg: fixed(baselinePeriodSecOf(complete), 3), unit, base: fixed(modelSec, 3) })
      + " " + t("sec.baselineperiod") + ": " + fixed(s.baselineSec, 3) + " " + unit + "."
    : t("summary.sec", { avg: fixed(baselinePeriodSecOf(complete), 3), unit, base: fixed(s.baselineSec, 3) });
  // the baseline's status and validity beside any comparison with it (issue 15): a baseline that
  // fails the validity rules gives "indicative, not verifiable" figures
  if (secs.length && s.baseline) {
    const validity = (s.baseline.fit && s.baseline.fit.validity) || {};
    const failed = Object.keys(validity).filter(k => validity[k] === false && k !== "valid");
    document.getElementById("sum-sec").textContent += " " + t("verify.status", { status: t("baseline.status." + s.baseline.status) })
      + (validity.valid === false ? " · " + t("verify.notverifiable") + " (" + t("verify.failed", { flags: failed.map(f => t("check." + f)).join(", ") }) + ")" : "") + ".";
  }
  // energy against production: baseline days, the period's days and the baseline model line
  // days whose data are incomplete (no production recorded, today) come as 0 and 0: not points
  const usable = p => p.energy != null && p.production != null && p.complete !== false;
  const basePts = (s.baseDays ? s.baseDays.points : []).filter(usable);
  const curPts = pts.filter(usable);
  const coef = s.baseline && s.baseline.fit && s.baseline.fit.model ? s.baseline.fit.model.coefficients || {} : {};
  const keys = Object.keys(coef), ik = keys.find(k => /intercept|const|b0|base/i.test(k)), sk = keys.find(k => k !== ik);
  const xs = [...basePts, ...curPts].map(p => p.production);
  const energyUnit = unit.split("/")[0];
  // one production variable: the model is a line; several (one per product): its prediction per day
  const line = keys.length <= 2 && sk && xs.length ? [Math.min(...xs), Math.max(...xs)].map(x => [x, (ik ? coef[ik] : 0) + coef[sk] * x])
    : curPts.filter(p => p.baseline_energy != null).map(p => [p.production, p.baseline_energy]).sort((a, b) => a[0] - b[0]);
  chart("chart-scatter").setOption({
    animation: false, tooltip: {}, legend: {}, grid: { left: 70, right: 30, top: 40, bottom: 60 },
    // axis names under the axis and at the top-left corner: at the axis' end they were cut ("Pro")
    xAxis: valueAxis(t("series.production") + (productionUnit ? " (" + productionUnit + ")" : ""), { nameLocation: "middle", nameGap: 28, nameTextStyle: {}, scale: true }),
    yAxis: valueAxis(energyUnit, { scale: true }),
    series: [{ name: t("sec.baseline"), type: "scatter", data: basePts.map(p => [p.production, p.energy]) },
      { name: t("trends.periodA"), type: "scatter", data: curPts.map(p => [p.production, p.energy]) },
      { name: t("series.model"), type: "line", showSymbol: false, data: line }],
  }, true);
  document.getElementById("sum-scatter").textContent = basePts.length + curPts.length
    ? t("summary.scatter", { base: basePts.length, cur: curPts.length }) : t("summary.empty");
  chart("chart-prod").setOption({
    animation: false, tooltip: { trigger: "axis" }, grid: { left: 70, right: 30, top: 30, bottom: 50 },
    xAxis: { type: "category", data: pts.map(p => date(p.period)) }, yAxis: valueAxis(productionUnit),
    series: [{ name: t("series.production") + (productionUnit ? " (" + productionUnit + ")" : ""), type: "bar", data: pts.map(p => p.production) }],
  }, true);
  const total = pts.reduce((a, p) => a + (p.production || 0), 0);
  document.getElementById("sum-prod").textContent = t("summary.production", { total: num(total, 0), unit: productionUnit });
}

function csv() {
  const rows = [["series", "period", "time", "value", "unit"]];
  // a value as measured, without binary arithmetic's noise (10.720000000088476 Nm3/h is 10.72)
  const clean = v => v == null || v === "" ? v : Number(Number(v).toPrecision(12));
  for (const [name, p] of [["A", shown.a], ["B", shown.b]]) {
    if (!p) continue;
    // units as ASCII in the file (Nm3, m3/h) so that any spreadsheet reads them
    const ascii = u => u.replace("³", "3");
    p.power.forEach(r => rows.push([p.isEnergy ? "power" : "flow", name, r[0], clean(r[1]), ascii(p.rateUnit)]));
    p.energy.forEach(r => rows.push([p.isEnergy ? "energy" : "volume", name, r[0], clean(r[1]), ascii(p.qtyUnit)]));
  }
  if (shown.sec && shown.sec.days) {
    const [eu, pu] = (shown.sec.days.unit || "/").split("/");
    shown.sec.days.points.forEach(pt => {
      // a day whose data are incomplete (today, a day without production recorded) has no figures
      const v = x => (pt.complete === false ? "" : clean(x));
      rows.push(["sec", "A", pt.period, v(pt.sec), shown.sec.days.unit]);
      if (pt.baseline_sec !== undefined) rows.push(["baseline_model_sec", "A", pt.period, v(pt.baseline_sec), shown.sec.days.unit]);
      rows.push(["production", "A", pt.period, v(pt.production), pu]);
      rows.push(["daily_energy", "A", pt.period, v(pt.energy), eu]);
    });
    // what the charts draw from the baseline too: its period's average SEC (the SEC chart's line)
    // and its days (the energy-against-production chart's points), period "baseline"
    const b = shown.sec.baseline;
    if (b && shown.sec.baselineSec != null) rows.push(["baseline_period_sec", "baseline", b.from + ".." + b.to, clean(shown.sec.baselineSec), shown.sec.days.unit]);
    ((shown.sec.baseDays && shown.sec.baseDays.points) || []).filter(pt => pt.energy != null && pt.production != null && pt.complete !== false).forEach(pt => {
      rows.push(["daily_energy", "baseline", pt.period, clean(pt.energy), eu]);
      rows.push(["production", "baseline", pt.period, clean(pt.production), pu]);
    });
  }
  if (shown.res && shown.res.ind) {
    const ind = shown.res.ind, ascii = u => String(u).replace("³", "3");
    ind.reporting.periods.forEach(p => rows.push(["resource_sec:" + shown.res.code, "A", p.from, clean(p.sec), ascii(ind.sec_unit)]));
    if (ind.baseline_sec != null) rows.push(["resource_baseline_sec:" + shown.res.code, "baseline", ind.baseline.from + ".." + ind.baseline.to, clean(ind.baseline_sec), ascii(ind.sec_unit)]);
  }
  downloadCsv("energytrace-" + enterprise + "-" + document.getElementById("from").value + ".csv", rows);
}
