// the live meter table (index.html): a snapshot of /api/v1/meters, then /api/v1/live (SSE);
// a file, not inline: the pages' CSP has no 'unsafe-inline'
"use strict";
const rows = new Map();
const tbody = document.getElementById("rows");
const state = document.getElementById("state");

function key(r) { return [r.enterprise, r.meter, r.channel].join("/"); }

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text == null ? "–" : String(text);
  if (cls) td.className = cls;
  return td;
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
  tr.replaceChildren(
    cell(r.enterprise), cell(r.site), cell(r.meter), cell(r.channel),
    cell(r.value == null ? null : Number(r.value).toLocaleString(undefined, {maximumFractionDigits: 3}), "value"),
    cell(r.unit), cell(r.ts), cell(r.quality, r.quality ? "quality-" + r.quality : ""));
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

function setState(cls, text) { state.className = cls; state.textContent = text; }

function connect() {
  const es = new EventSource("/api/v1/live");
  setState("connecting", "connecting…");
  es.onopen = () => { setState("open", "live"); loadSnapshot(); };
  es.addEventListener("reading", e => upsert(JSON.parse(e.data), true));
  es.onerror = () => {
    setState(es.readyState === EventSource.CLOSED ? "closed" : "connecting",
             es.readyState === EventSource.CLOSED ? "disconnected" : "reconnecting…");
  };
}

loadSnapshot().finally(connect);
