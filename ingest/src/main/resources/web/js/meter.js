// Meter detail: the latest value of every channel with unit and quality (live), counter events and
// gaps in the counter-derived energy of the last seven days.
import { t, has, num, dateTime, onLangChange } from "./i18n.js";
import { getJson, header, message, errorText, param, LiveChannel, el } from "./app.js";

const UNITS = { KWT: "kW", KWH: "kWh", MTQ: "m³", MQH: "m³/h", E18: "t/h", VLT: "V", AMP: "A", HTZ: "Hz", K3: "kvarh", KGM: "kg", KPA: "kPa" };
const enterprise = param("enterprise"), meterCode = param("meter");
let meter = null, events = [], gaps = [];

await header("meter", { signIn: true });
document.getElementById("meter-name").textContent = meterCode ? "– " + meterCode : "";
onLangChange(render);
if (!enterprise || !meterCode) message(t("err.notfound"));
else await load();

async function load() {
  try {
    const list = await getJson("/api/v1/meters");
    meter = list.meters.find(x => x.enterprise === enterprise && x.meter === meterCode) || null;
    if (!meter) { message(t("err.notfound.meter", { meter: meterCode, enterprise })); return; }
  } catch (e) { message(errorText(e)); return; }
  document.getElementById("content").hidden = false;
  render();
  new LiveChannel("/api/v1/live?enterprise=" + encodeURIComponent(enterprise) + "&meter=" + encodeURIComponent(meterCode), r => {
    const c = meter.channels.find(x => x.name === r.channel);
    if (c && (!c.latest_ts || r.ts >= c.latest_ts)) { c.latest_ts = r.ts; c.latest_value = r.value; c.latest_quality = r.quality; render(); }
  });
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/meters/" + encodeURIComponent(meterCode) + "/channels/";
  const to = new Date(), from = new Date(to.getTime() - 7 * 86400000);
  for (const c of meter.channels.filter(x => x.kind === "counter")) {
    try {
      const ev = await getJson(base + encodeURIComponent(c.name) + "/counter-events?limit=100");
      events.push(...ev.events.map(e => ({ ...e, channel: c.name })));
      const s = await getJson(base + encodeURIComponent(c.name) + "/series?resolution=raw&limit=10000&from=" + from.toISOString() + "&to=" + to.toISOString());
      let prevEnd = null;
      for (const row of s.rows) {
        if (prevEnd && row.start > prevEnd) gaps.push({ channel: c.name, from: prevEnd, to: row.start });
        if (!prevEnd || row.end > prevEnd) prevEnd = row.end;
      }
    } catch (e) { message(errorText(e)); }
  }
  render();
}

function render() {
  if (!meter) return;
  document.getElementById("channels").replaceChildren(...meter.channels.map(c => el("tr", { id: "ch-" + c.name },
    el("td", { text: c.name }), el("td", { text: c.kind ? t("kind." + c.kind) : t("value.none") }),
    el("td", { class: "num", text: num(c.latest_value, 3) }), el("td", { text: UNITS[c.unit] || c.unit }),
    el("td", { text: dateTime(c.latest_ts) }),
    el("td", { class: c.latest_quality ? "quality-" + c.latest_quality : "", text: c.latest_quality ? t("quality." + c.latest_quality) : t("value.none") }))));
  const evBox = document.getElementById("events");
  evBox.replaceChildren(events.length ? el("table", {}, el("thead", {}, el("tr", {}, ...["col.time", "col.channel", "col.event", "col.value"].map(k => el("th", { text: t(k) })))),
    el("tbody", {}, ...events.map(e => el("tr", {}, el("td", { text: dateTime(e.ts) }), el("td", { text: e.channel }), el("td", { text: has("event." + e.kind) ? t("event." + e.kind) : e.kind }),
      el("td", { class: "num", text: num(e.closing_value, 3) + " → " + num(e.opening_value, 3) }))))) : el("p", { text: t("meter.noevents") }));
  const gapBox = document.getElementById("gaps");
  gapBox.replaceChildren(gaps.length ? el("table", {}, el("thead", {}, el("tr", {}, ...["col.channel", "col.from", "col.to", "col.duration"].map(k => el("th", { text: t(k) })))),
    el("tbody", {}, ...gaps.map(g => el("tr", {}, el("td", { text: g.channel }), el("td", { text: dateTime(g.from) }), el("td", { text: dateTime(g.to) }),
      el("td", { class: "num", text: num((new Date(g.to) - new Date(g.from)) / 60000, 0) + " " + t("unit.min") }))))) : el("p", { text: t("meter.nogaps") }));
}
