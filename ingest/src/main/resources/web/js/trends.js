// Trends: zoomable power and interval energy of a meter for two periods side by side, daily SEC of
// the enterprise's EnPI against its baseline, energy against production with the baseline model
// line, production per day; CSV of exactly what is shown.
import { t, num, date, dateTime, apply, onLangChange } from "./i18n.js";
import { getJson, header, enterpriseOf, message, errorText, param, el, day, downloadCsv } from "./app.js";

const charts = {};
let shown = { a: null, b: null, sec: null };
let enterprise = null, meters = [];

const me = await header("trends");
enterprise = await enterpriseOf(me);
onLangChange(() => { apply(); draw(); });
if (!enterprise) message(t("err.noenterprise"));
else {
  document.getElementById("enterprise-name").textContent = "– " + enterprise;
  try {
    meters = (await getJson("/api/v1/meters")).meters.filter(m => m.enterprise === enterprise);
  } catch (e) { message(errorText(e)); }
  const sel = document.getElementById("meter");
  sel.replaceChildren(...meters.map(m => el("option", { value: m.meter, text: m.meter })));
  if (param("meter")) sel.value = param("meter");
  const to = new Date(), from = new Date(to.getTime() - 7 * 86400000);
  document.getElementById("from").value = param("from") || day(from);
  document.getElementById("to").value = param("to") || day(to);
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
  const a = { from: new Date(fromDay + "T00:00:00"), to: new Date(toDay + "T00:00:00") };
  a.to.setDate(a.to.getDate() + 1);
  const span = a.to - a.from, cmp = document.getElementById("compare").value;
  const b = cmp === "none" ? null : cmp === "year"
    ? { from: new Date(a.from.getFullYear() - 1, a.from.getMonth(), a.from.getDate()), to: new Date(a.to.getFullYear() - 1, a.to.getMonth(), a.to.getDate()) }
    : { from: new Date(a.from.getTime() - span), to: new Date(a.from.getTime()) };
  try {
    shown.a = await period(meter, res, a);
    shown.b = b ? await period(meter, res, b) : null;
    shown.sec = await secData(fromDay, toDay);
  } catch (e) { message(errorText(e)); return; }
  draw();
}

async function period(meter, res, p) {
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/meters/" + encodeURIComponent(meter.meter) + "/channels/";
  const q = "?resolution=" + res + "&limit=10000&from=" + p.from.toISOString() + "&to=" + p.to.toISOString();
  const pc = meter.channels.find(c => c.kind === "gauge" && c.unit === "KWT");
  const ec = meter.channels.find(c => c.kind === "counter");
  const out = { ...p, power: [], energy: [], energyUnit: ec ? ec.unit : null };
  if (pc) out.power = (await getJson(base + pc.name + "/series" + q)).rows.map(r => [r.bucket || r.ts, r.avg != null ? r.avg : r.value]);
  if (ec) out.energy = (await getJson(base + ec.name + "/series" + q)).rows.map(r => [r.bucket || r.start, r.energy]);
  return out;
}

async function secData(fromDay, toDay) {
  const ov = await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/overview");
  if (!ov.enpis.length) return { none: true };
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/enpis/" + encodeURIComponent(ov.enpis[0].enpi);
  const out = { enpi: ov.enpis[0] };
  out.days = await getJson(base + "/sec?bucket=day&from=" + fromDay + "&to=" + toDay).catch(e => ({ points: [], error: e.message }));
  const bl = (await getJson(base + "/baselines").catch(() => ({ baselines: [] }))).baselines;
  const approved = bl.filter(x => x.status === "approved");
  out.baseline = (approved.length ? approved : bl).sort((x, y) => y.version - x.version)[0] || null;
  if (out.baseline) {
    out.baseDays = await getJson(base + "/sec?bucket=day&from=" + out.baseline.from + "&to=" + out.baseline.to).catch(() => ({ points: [] }));
    const pts = out.baseDays.points.filter(p => p.energy != null && p.production);
    const e = pts.reduce((s, p) => s + p.energy, 0), q = pts.reduce((s, p) => s + p.production, 0);
    out.baselineSec = q > 0 ? e / q : null;
  }
  return out;
}

function stats(rows) {
  const v = rows.map(r => r[1]).filter(x => x != null);
  return v.length ? { min: Math.min(...v), max: Math.max(...v), avg: v.reduce((a, x) => a + x, 0) / v.length } : null;
}

function drawPeriod(id, sumId, labelId, p) {
  const c = chart(id);
  if (!p) { c.clear(); document.getElementById(sumId).textContent = t("summary.empty"); document.getElementById(labelId).textContent = ""; return; }
  document.getElementById(labelId).textContent = "(" + date(p.from.toISOString()) + " – " + date(new Date(p.to - 1).toISOString()) + ")";
  c.setOption({
    animation: false, tooltip: { trigger: "axis" }, legend: { data: [t("series.power"), t("series.energy")] },
    grid: { left: 60, right: 60, top: 40, bottom: 70 },
    xAxis: { type: "time" },
    yAxis: [{ type: "value", name: "kW" }, { type: "value", name: "kWh" }],
    dataZoom: [{ type: "inside" }, { type: "slider" }],
    series: [{ name: t("series.power"), type: "line", showSymbol: false, data: p.power },
      { name: t("series.energy"), type: "bar", yAxisIndex: 1, data: p.energy, itemStyle: { color: "#7aa6d6" } }],
  }, true);
  const s = stats(p.power), energy = p.energy.reduce((a, r) => a + (r[1] || 0), 0);
  document.getElementById(sumId).textContent = s ? t("summary.power", { min: num(s.min), max: num(s.max), avg: num(s.avg), energy: num(energy) }) : t("summary.empty");
}

function draw() {
  if (!shown.a) return;
  drawPeriod("chart-a", "sum-a", "label-a", shown.a);
  drawPeriod("chart-b", "sum-b", "label-b", shown.b);
  const s = shown.sec;
  if (!s || s.none) {
    ["sum-sec", "sum-scatter", "sum-prod"].forEach(id => { document.getElementById(id).textContent = t("enpi.none"); });
    return;
  }
  const pts = s.days.points, unit = s.days.unit || "";
  chart("chart-sec").setOption({
    animation: false, tooltip: { trigger: "axis" }, grid: { left: 70, right: 30, top: 30, bottom: 60 },
    xAxis: { type: "category", data: pts.map(p => date(p.period)) }, yAxis: { type: "value", name: unit },
    dataZoom: [{ type: "inside" }, { type: "slider" }],
    series: [{ name: t("series.sec"), type: "line", data: pts.map(p => p.sec),
      markLine: s.baselineSec == null ? undefined : { symbol: "none", label: { formatter: t("sec.baseline") }, data: [{ yAxis: s.baselineSec }] } }],
  }, true);
  const secs = pts.map(p => p.sec).filter(x => x != null);
  document.getElementById("sum-sec").textContent = secs.length
    ? t("summary.sec", { avg: num(secs.reduce((a, x) => a + x, 0) / secs.length, 3), unit, base: num(s.baselineSec, 3) }) : t("summary.empty");
  // energy against production: baseline days, the period's days and the baseline model line
  const basePts = (s.baseDays ? s.baseDays.points : []).filter(p => p.energy != null && p.production != null);
  const curPts = pts.filter(p => p.energy != null && p.production != null);
  const coef = s.baseline && s.baseline.fit && s.baseline.fit.model ? s.baseline.fit.model.coefficients || {} : {};
  const keys = Object.keys(coef), ik = keys.find(k => /intercept|const|b0|base/i.test(k)), sk = keys.find(k => k !== ik);
  const xs = [...basePts, ...curPts].map(p => p.production);
  const line = sk && xs.length ? [Math.min(...xs), Math.max(...xs)].map(x => [x, (ik ? coef[ik] : 0) + coef[sk] * x]) : [];
  chart("chart-scatter").setOption({
    animation: false, tooltip: {}, legend: {}, grid: { left: 70, right: 30, top: 40, bottom: 50 },
    xAxis: { type: "value", name: t("series.production"), scale: true }, yAxis: { type: "value", name: "energy", scale: true },
    series: [{ name: t("sec.baseline"), type: "scatter", data: basePts.map(p => [p.production, p.energy]) },
      { name: t("trends.periodA"), type: "scatter", data: curPts.map(p => [p.production, p.energy]) },
      { name: t("series.model"), type: "line", showSymbol: false, data: line }],
  }, true);
  document.getElementById("sum-scatter").textContent = basePts.length + curPts.length
    ? basePts.length + " + " + curPts.length + " " + t("series.days") : t("summary.empty");
  chart("chart-prod").setOption({
    animation: false, tooltip: { trigger: "axis" }, grid: { left: 70, right: 30, top: 30, bottom: 50 },
    xAxis: { type: "category", data: pts.map(p => date(p.period)) }, yAxis: { type: "value" },
    series: [{ name: t("series.production"), type: "bar", data: pts.map(p => p.production) }],
  }, true);
  const total = pts.reduce((a, p) => a + (p.production || 0), 0);
  document.getElementById("sum-prod").textContent = t("series.production") + ": " + num(total, 0);
}

function csv() {
  const rows = [["series", "period", "time", "value", "unit"]];
  for (const [name, p] of [["A", shown.a], ["B", shown.b]]) {
    if (!p) continue;
    p.power.forEach(r => rows.push(["power", name, r[0], r[1], "kW"]));
    p.energy.forEach(r => rows.push(["energy", name, r[0], r[1], p.energyUnit === "KWH" ? "kWh" : p.energyUnit]));
  }
  if (shown.sec && shown.sec.days) {
    shown.sec.days.points.forEach(pt => {
      rows.push(["sec", "A", pt.period, pt.sec, shown.sec.days.unit]);
      rows.push(["production", "A", pt.period, pt.production, ""]);
      rows.push(["daily_energy", "A", pt.period, pt.energy, ""]);
    });
  }
  downloadCsv("energytrace-" + enterprise + "-" + document.getElementById("from").value + ".csv", rows);
}
