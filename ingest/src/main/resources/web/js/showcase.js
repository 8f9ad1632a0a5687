// Public showcase of one published site: big numbers readable across a room, rotating panels,
// live power; only what the showcase endpoint returns for a published site.
import { t, num, money, date, onLangChange } from "./i18n.js";
import { getJson, header, message, errorText, param, LiveChannel, el } from "./app.js";

const enterprise = param("enterprise"), site = param("site");
const PANELS = ["panel-now", "panel-savings", "panel-sec"];
let data = null, panel = 0, paused = false, chart = null;
const power = new Map();

const m = await header("showcase");
onLangChange(render);
if (!enterprise || !site) {
  const sites = (m.scope && m.scope.published_sites) || [];
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
      power.set(r.meter, r.value);
      data.power_kw = [...power.values()].reduce((a, v) => a + v, 0);
      render();
    }, { staleAfterMs: 30000 });
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
    power.clear();
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

function render() {
  if (!data) return;
  document.getElementById("show-power").textContent = num(data.power_kw, 0);
  document.getElementById("show-energy").textContent = num(data.energy_today_kwh, 0);
  const s = data.savings;
  document.getElementById("show-saved").textContent = s ? num(s.energy, 0) : t("value.none");
  document.getElementById("show-saved-unit").textContent = s ? s.unit : "";
  document.getElementById("show-since").textContent = data.measure_from ? t("showcase.since", { date: date(data.measure_from) }) + (s ? " · " + num((s.fraction || 0) * 100, 1) + " %" : "") : "";
  document.getElementById("show-money").textContent = s && s.money != null ? money(s.money, s.currency) : t("value.none");
  document.getElementById("show-tariff").textContent = data.tariff_per_kwh ? num(data.tariff_per_kwh, 2) + " " + data.currency + "/kWh" : "";
  document.getElementById("show-co2").textContent = s ? num(s.co2_t, 1) : t("value.none");
  const pts = (data.sec_trend || []).filter(p => p.sec != null);
  const sum = document.getElementById("sec-summary");
  if (!pts.length) { sum.textContent = t("summary.empty"); }
  else {
    const avg = pts.reduce((a, p) => a + p.sec, 0) / pts.length;
    sum.textContent = t("summary.sec", { avg: num(avg, 3), unit: data.sec_unit || "", base: t("value.none") });
  }
  if (window.echarts) {
    chart = chart || echarts.init(document.getElementById("sec-chart"));
    chart.setOption({
      textStyle: { fontSize: 18, color: "#fff" }, grid: { left: 80, right: 30, top: 30, bottom: 50 },
      xAxis: { type: "category", data: pts.map(p => date(p.day)), axisLabel: { color: "#fff", fontSize: 16 } },
      yAxis: { type: "value", name: data.sec_unit || "", axisLabel: { color: "#fff", fontSize: 16 } },
      series: [{ type: "line", data: pts.map(p => p.sec), lineStyle: { width: 4 }, symbolSize: 8, itemStyle: { color: "#ffd24d" } }],
    });
  }
}
