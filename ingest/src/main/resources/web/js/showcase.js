// Public showcase of one published site: big numbers readable across a room, rotating panels,
// live power; only what the showcase endpoint returns for a published site.
import { t, num, money, moneyShort, date, onLangChange, setZone, unitText } from "./i18n.js";
import { getJson, header, message, errorText, param, LiveChannel, el } from "./app.js";

const enterprise = param("enterprise"), site = param("site");
const PANELS = ["panel-now", "panel-savings", "panel-sec"];
let data = null, panel = 0, paused = false, chart = null;
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
  document.getElementById("sites").replaceChildren(...(sites.length ? sites.map(s => {
    const [e, p] = s.split("/");
    return el("li", {}, el("a", { href: "/showcase.html?enterprise=" + encodeURIComponent(e) + "&site=" + encodeURIComponent(p), text: e + " / " + p }));
  }) : [el("li", { text: t("showcase.nosites") })]));
} else {
  document.getElementById("site-name").textContent = "– " + site;
  await load();
  if (data) {
    new LiveChannel("/api/v1/live?enterprise=" + encodeURIComponent(enterprise), r => {
      if (r.site !== site || r.kind !== "gauge" || r.unit !== "KWT") return;
      keepPower(r.meter, r.value, r.ts);
      render();
    }, { staleAfterMs: 30000 });
    setInterval(renderPower, 5000); // ages grow between readings
    setInterval(load, 30000);
    setInterval(() => { if (!paused) show(panel + 1); }, 10000);
    document.getElementById("prev").addEventListener("click", () => show(panel - 1));
    document.getElementById("next").addEventListener("click", () => show(panel + 1));
    document.getElementById("pause").addEventListener("click", () => {
      paused = !paused;
      document.getElementById("pause").dataset.i18n = paused ? "showcase.play" : "showcase.pause";
      document.getElementById("pause").textContent = t(paused ? "showcase.play" : "showcase.pause");
    });
    document.addEventListener("keydown", e => { if (e.key === "ArrowRight") show(panel + 1); if (e.key === "ArrowLeft") show(panel - 1); });
  }
}

window.addEventListener("resize", () => { if (chart) chart.resize(); });

async function load() {
  try {
    data = await getJson("/api/v1/showcase/" + encodeURIComponent(enterprise) + "/" + encodeURIComponent(site));
    skewMs = Date.now() - Date.parse(data.at);
    setZone(data.time_zone);
    staleMs = durationMs(data.online_within) || staleMs;
    for (const p of data.power_meters || []) keepPower(p.meter, p.power_kw, p.power_ts);
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
  PANELS.forEach((id, k) => document.getElementById(id).classList.toggle("active", k === panel));
  if (PANELS[panel] === "panel-sec" && chart) chart.resize();
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

/** The sum of every meter's last power; the meters whose value is older than online_within named with its age. */
function renderPower() {
  if (!data) return;
  const now = Date.now() - skewMs, all = [...power.entries()];
  const stale = all.filter(([, p]) => !p.ts || now - Date.parse(p.ts) > staleMs).sort((a, b) => a[0] < b[0] ? -1 : 1);
  const total = all.length ? all.reduce((a, [, p]) => a + p.kw, 0) : data.power_kw;
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
  document.getElementById("show-energy").textContent = num(data.energy_today_kwh, 0);
  const s = data.savings;
  document.getElementById("show-saved").textContent = s ? num(s.energy, 0) : t("value.none");
  document.getElementById("show-saved-unit").textContent = s ? s.unit : "";
  document.getElementById("show-since").textContent = data.measure_from ? t("showcase.since", { date: date(data.measure_from) }) + (s ? " · " + num((s.fraction || 0) * 100, 1) + " %" : "") : "";
  document.getElementById("show-money").textContent = s && s.money != null ? moneyShort(s.money, s.currency) : t("value.none");
  const tariffs = [data.tariff_per_kwh ? num(data.tariff_per_kwh, 2) + " " + data.currency + "/kWh" : null,
    data.tariff_per_nm3_gas ? num(data.tariff_per_nm3_gas, 0) + " " + data.currency + "/Nm³" : null].filter(x => x);
  document.getElementById("show-tariff").textContent = s && s.money == null && s.money_note ? s.money_note
    : (s && s.money != null ? money(s.money, s.currency) + " · " : "") + tariffs.join(" · ");
  document.getElementById("show-co2").textContent = s && s.co2_t != null ? num(s.co2_t, 1) : t("value.none");
  const co2Parts = (s && s.co2_by_carrier || []).map(x => t("carrier." + x.carrier) + " " + num(x.avoided_t, 1) + " t").join(" · ");
  document.getElementById("show-co2-note").textContent = s && s.co2_t != null
    ? co2Parts + (data.grid_factor_year ? " · " + t("co2.gridyear", { year: data.grid_factor_year }) : "") : (s && s.co2_note) || "";
  const pts = (data.sec_trend || []).filter(p => p.sec != null);
  const sum = document.getElementById("sec-summary");
  const mean = (list, f) => list.length ? list.reduce((a, p) => a + f(p), 0) / list.length : null;
  const modelled = pts.filter(p => p.baseline_sec != null);
  if (!pts.length) { sum.textContent = t("summary.empty"); }
  else sum.textContent = t("summary.secmodel", { avg: num(mean(pts, p => p.sec), 3), unit: unitText(data.sec_unit), base: num(mean(modelled, p => p.baseline_sec), 3) });
  if (window.echarts) {
    chart = chart || echarts.init(document.getElementById("sec-chart"));
    chart.setOption({
      textStyle: { fontSize: 18, color: "#fff" }, grid: { left: 80, right: 30, top: 30, bottom: 50 },
      xAxis: { type: "category", data: pts.map(p => date(p.day)), axisLabel: { color: "#fff", fontSize: 16 } },
      yAxis: { type: "value", name: unitText(data.sec_unit), nameTextStyle: { align: "left" }, axisLabel: { color: "#fff", fontSize: 16, formatter: v => num(v, 2) } },
      legend: { textStyle: { color: "#fff", fontSize: 16 } },
      series: [{ name: t("series.sec"), type: "line", data: pts.map(p => p.sec), lineStyle: { width: 4 }, symbolSize: 8, itemStyle: { color: "#ffd24d" } },
        { name: t("sec.model"), type: "line", data: pts.map(p => p.baseline_sec), lineStyle: { width: 3, type: "dashed" }, symbolSize: 6, itemStyle: { color: "#9fd0ff" } }],
    });
  }
}
