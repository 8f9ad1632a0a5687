// the live meter table (index.html): a snapshot of /api/v1/meters, then /api/v1/live (SSE), in the
// reader's language (the same switch and dictionary as the other pages); a module file, not
// inline: the pages' CSP has no 'unsafe-inline'
import { t, apply, lang, locale, setLang, num, has, onLangChange, shownZone, unitSymbol } from "/js/i18n.js";
import { me, QUARANTINE_READERS } from "/js/app.js";

// display units of the UNECE codes the meters report (docs/asyncapi.yaml)
const rows = new Map();
const tbody = document.getElementById("rows");
const state = document.getElementById("state");
let stateKey = "live.connecting";

// rows of several sites: in the province's zone, as the other pages show times, and each time says
// it (e.g. "10:07:50 29/11/2026 GMT+7"), whatever the browser's zone is
function when(ts) {
  return new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit",
    minute: "2-digit", second: "2-digit", timeZoneName: "short", timeZone: shownZone() }).format(new Date(ts));
}

function key(r) { return [r.enterprise, r.meter, r.channel].join("/"); }

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text == null ? "–" : String(text);
  if (cls) td.className = cls;
  return td;
}

function render(tr, r) {
  tr.replaceChildren(
    cell(r.enterprise), cell(r.site), cell(r.meter), cell(r.channel),
    cell(r.value == null ? null : num(r.value, 3), "value"),
    cell(r.unit == null ? null : unitSymbol(r.unit)), cell(r.ts ? when(r.ts) : null),
    cell(r.quality ? (has("quality." + r.quality) ? t("quality." + r.quality) : r.quality) : null,
      r.quality ? "quality-" + r.quality : ""));
}

function upsert(r, flash) {
  const k = key(r);
  const old = rows.get(k);
  if (old && old.ts && r.ts && old.ts > r.ts) return; // keep the newest
  rows.set(k, r);
  let tr = document.getElementById("row-" + k);
  if (!tr) {
    tr = document.createElement("tr");
    tr.id = "row-" + k;
    const empty = document.getElementById("empty");
    if (empty) empty.remove();
    const after = [...tbody.children].find(x => x.id > tr.id);
    tbody.insertBefore(tr, after || null);
  }
  render(tr, r);
  if (flash) { tr.classList.add("flash"); setTimeout(() => tr.classList.remove("flash"), 600); }
}

async function loadSnapshot() {
  const res = await fetch("/api/v1/meters");
  if (!res.ok) return;
  const body = await res.json();
  for (const m of body.meters) {
    for (const c of m.channels) {
      upsert({enterprise: m.enterprise, site: m.site, meter: m.meter, channel: c.name, unit: c.unit,
              ts: c.latest_ts, value: c.latest_value, quality: c.latest_quality}, false);
    }
  }
}

// a signed-in visitor is not offered "sign in" (the footer offered it to everyone); the pages that
// need an account (overview, trends, the refused messages) are offered only to one
me()
  .then(m => {
    if (m.role && m.role !== "anonymous") {
      const link = document.getElementById("signin");
      link.previousSibling.textContent = link.previousSibling.textContent.replace(/ · $/, "");
      link.remove();
      document.getElementById("member-links").hidden = false;
      document.getElementById("member-quarantine").hidden = !QUARANTINE_READERS.includes(m.role);
    }
  })
  .catch(() => {});

function setState(cls, k) { state.className = cls; stateKey = k; state.textContent = t(k); }

function connect() {
  const es = new EventSource("/api/v1/live");
  setState("connecting", "live.connecting");
  es.onopen = () => { setState("open", "live.live"); loadSnapshot(); };
  es.addEventListener("reading", e => upsert(JSON.parse(e.data), true));
  es.onerror = () => {
    setState(es.readyState === EventSource.CLOSED ? "closed" : "connecting",
             es.readyState === EventSource.CLOSED ? "live.offline" : "live.connecting");
  };
}

const sw = document.getElementById("lang-switch");
sw.lang = lang() === "vi" ? "en" : "vi";
sw.addEventListener("click", () => { setLang(lang() === "vi" ? "en" : "vi"); sw.lang = lang() === "vi" ? "en" : "vi"; });
onLangChange(() => {
  state.textContent = t(stateKey);
  for (const [k, r] of rows) { const tr = document.getElementById("row-" + k); if (tr) render(tr, r); }
});
apply();
state.textContent = t(stateKey);
loadSnapshot().finally(connect);
