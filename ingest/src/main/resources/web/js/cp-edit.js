// The province officers' editing page of the public CP section (issue 18): activities and plans
// with their attendance, guidance notes, achievements of closed periods and pilot sites, each
// published or withdrawn here; every change goes through the API, which audits it.
import { t, num, date, lang, onLangChange, periodText } from "./i18n.js";
import { getJson, sendJson, header, message, errorText, refusalText, notForRole, el, ApiError } from "./app.js";

const m = await header("cp-edit", { signIn: true });
let data = null;
onLangChange(render);
for (const k of ["news", "workshop", "training", "study_tour", "plan"]) document.getElementById("i-kind").append(el("option", { value: k, "data-kind": k }));
for (const r of ["cp_officer", "manager", "staff"]) document.getElementById("a-role").append(el("option", { value: r, "data-role": r }));
await load();

async function load() {
  try {
    data = await getJson("/api/v1/cp-content");
    message(null);
  } catch (e) { data = null; if (!notForRole(e, m.role)) message(errorText(e)); }
  render();
}

/** Sends a JSON body with the session's CSRF token; an ApiError on a refusal. */
function send(method, url, body) {
  return sendJson(method, url, body, m.csrf_token);
}

async function act(work, done) {
  try {
    await work();
    await load();
    message(done, "ok");
  } catch (e) { message(e instanceof ApiError && e.status === 409 ? refusalText(e) : errorText(e)); }
}

function pick(x, f) { return (lang() === "en" && x[f + "_en"]) || x[f + "_vi"] || ""; }
function strip(x, drop) { return Object.fromEntries(Object.entries(x).filter(([k, v]) => !drop.includes(k) && v != null)); }

function toggle(id, published, onClick) {
  const b = el("button", { type: "button", id, text: t(published ? "cpe.unpublish" : "cpe.publish") });
  b.addEventListener("click", onClick);
  return el("span", {}, el("span", { text: t(published ? "cpe.published" : "cpe.draft") + " " }), b);
}

function render() {
  for (const o of document.querySelectorAll("#i-kind option")) o.textContent = t("cp.kind." + o.value);
  for (const o of document.querySelectorAll("#a-role option")) o.textContent = t("cpe.role." + o.value);
  if (!data) return;
  document.getElementById("items").replaceChildren(...data.items.map(i => el("tr", { id: "item-" + i.code },
    el("td", { text: i.code }), el("td", { text: t("cp.kind." + i.kind) }), el("td", { text: pick(i, "title") }),
    el("td", { text: i.date ? date(i.date) : i.plan_year ? String(i.plan_year) : t("value.none") }),
    // the people recorded by name beside the head count the item declares (the public page shows
    // the count: "28 attendees" beside "0 recorded" read as a contradiction)
    el("td", { class: "num", text: num(i.attendees.length, 0) + (i.attendance != null ? " / " + t("cpe.declared", { n: num(i.attendance, 0) }) : "") }),
    el("td", {}, toggle("pub-item-" + i.code, i.published, () => act(() =>
      send("PUT", "/api/v1/cp-public/items/" + encodeURIComponent(i.code), { ...strip(i, ["code", "attendees"]), published: !i.published }),
      t("cpe.saved")))))));
  const acts = data.items.filter(i => ["workshop", "training", "study_tour"].includes(i.kind) && i.date);
  const sel = document.getElementById("a-item");
  const chosen = sel.value;
  sel.replaceChildren(...acts.map(i => el("option", { value: i.code, text: pick(i, "title") + " (" + date(i.date) + ")" })));
  if (chosen) sel.value = chosen;
  document.getElementById("notes").replaceChildren(...data.guidance.map(n => el("tr", { id: "note-" + n.code },
    el("td", { text: n.code }), el("td", { text: n.sector }), el("td", { text: pick(n, "title") }),
    el("td", { text: n.cites.join(", ") || t("value.none") }),
    el("td", {}, toggle("pub-note-" + n.code, n.published, () => act(() =>
      send("PUT", "/api/v1/cp-guidance/" + encodeURIComponent(n.code), { ...strip(n, ["code"]), published: !n.published }),
      t("cpe.saved")))))));
  const ach = data.achievements.map(a => el("li", { id: "ach-" + a.period },
    el("span", { text: periodText(a.period) + " · " + t("cp.col.facilities") + ": " + num(a.figures.facilities, 0) + " · " }),
    toggle("pub-ach-" + a.period, a.published, () => act(() =>
      send("PUT", "/api/v1/cp-achievements/" + encodeURIComponent(a.period), { published: !a.published }), t("cpe.saved")))));
  document.getElementById("achievements").replaceChildren(...(ach.length ? ach : [el("li", { text: t("cp.none") })]));
  const pilots = data.pilot_sites.map(p => el("li", { id: "pilot-" + p.code },
    el("a", { href: p.showcase, text: pick(p, "title") }),
    el("span", { text: " · " + p.enterprise + "/" + p.site + (p.site_published ? "" : " · " + t("cpe.site.unpublished")) + " · " }),
    toggle("pub-pilot-" + p.code, p.published, () => act(() =>
      send("PUT", "/api/v1/cp-pilot-sites/" + encodeURIComponent(p.code), { ...strip(p, ["code", "showcase", "site_published"]), published: !p.published }),
      t("cpe.saved")))));
  document.getElementById("pilots").replaceChildren(...(pilots.length ? pilots : [el("li", { text: t("cp.none") })]));
}

function v(id) { return document.getElementById(id).value.trim(); }
document.getElementById("item-form").addEventListener("submit", ev => {
  ev.preventDefault();
  const body = { kind: v("i-kind"), title_vi: v("i-title-vi"), published: false };
  if (v("i-title-en")) body.title_en = v("i-title-en");
  if (v("i-date")) body.date = v("i-date");
  if (v("i-year")) body.plan_year = Number(v("i-year"));
  act(() => send("PUT", "/api/v1/cp-public/items/" + encodeURIComponent(v("i-code")), body), t("cpe.saved"));
});
document.getElementById("attend-form").addEventListener("submit", ev => {
  ev.preventDefault();
  const body = { enterprise: v("a-enterprise"), person: v("a-person"), role: v("a-role") };
  if (v("a-officer")) body.officer = v("a-officer");
  act(() => send("POST", "/api/v1/cp-public/items/" + encodeURIComponent(v("a-item")) + "/attendance", body), t("cpe.recorded"));
});
document.getElementById("note-form").addEventListener("submit", ev => {
  ev.preventDefault();
  const cites = v("n-cites") ? v("n-cites").split(/[ ,]+/).filter(x => x).map(Number) : [];
  act(() => send("PUT", "/api/v1/cp-guidance/" + encodeURIComponent(v("n-code")),
    { sector: v("n-sector"), title_vi: v("n-title-vi"), body_vi: v("n-body-vi"), cites, published: false }), t("cpe.saved"));
});
document.getElementById("ach-form").addEventListener("submit", ev => {
  ev.preventDefault();
  act(() => send("PUT", "/api/v1/cp-achievements/" + encodeURIComponent(v("ach-period")), { published: true }), t("cpe.saved"));
});
