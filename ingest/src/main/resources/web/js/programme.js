// The province's CP programme for its officers (issue 16): the registry's facilities the caller
// may read on a map (an SVG of their coordinates, no tile server) and in a table, both filtered by
// district, sector and stage; the indicators (ProgrammeCalculator, the same JSON as
// `analytics programme`) with progress bars against their targets; each facility's profile with
// its CP lifecycle as a dated timeline (who recorded each step, its evidence) and forms to record
// a step and a training; the downloadable reports of a period (PDF, XLSX).
import { t, has, num, pct, date, dateTime, lang, onLangChange, periodText, refusalWords } from "./i18n.js";
import { getJson, sendJson, fileBase64, header, message, errorText, refusalText, notForRole, param, el } from "./app.js";

const STAGES = ["not_reached", "aware", "potential_assessed", "assessment_done", "applying", "savings_verified"];
const RECORDABLE = ["aware", "potential_assessed", "assessment_done", "applying"];
const DETAILS = ["workshop", "visit", "material"];
const FIGURES = [
  ["aware", i => i.aware],
  ["applying", i => i.applying],
  ["saving8", i => i.verified.saving_low.any_resource],
  ["saving13", i => i.verified.saving_high.any_resource],
  ["saving8.indicative", i => i.indicative.saving_low.any_resource],
  ["officers", i => i.officers_trained],
];
// distinct hues for the districts on the map (colour-blind safe, Okabe–Ito)
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"];
const SVG = "http://www.w3.org/2000/svg";
let all = [], indicators = null, selected = param("facility"), profile = null;
// the programme's targets (the section for the province's staff; declared before the first load)
const TARGETS = ["aware", "applying", "saving_low", "saving_high", "officers_trained"];
let targets = null;

const who = await header("programme", { signIn: true });
const PROVINCE = ["system_admin", "province_officer"].includes(who.role);
const RECORDERS = ["system_admin", "province_officer", "district_officer", "park_officer"].includes(who.role);
const f = { district: document.getElementById("f-district"), sector: document.getElementById("f-sector"),
  stage: document.getElementById("f-stage"), asof: document.getElementById("f-asof") };
f.district.value = param("district") || "";
f.asof.value = param("as_of") || "";
for (const x of Object.values(f)) x.addEventListener("change", x === f.asof ? load : render);
const report = { period: document.getElementById("r-period"), lang: document.getElementById("r-lang") };
report.lang.value = lang();
for (const x of Object.values(report)) x.addEventListener("change", renderReports);
document.getElementById("step-form").addEventListener("submit", recordStep);
document.getElementById("training-form").addEventListener("submit", recordTraining);
document.getElementById("s-stage").addEventListener("change", stageFields);
document.getElementById("targets-form").addEventListener("submit", saveTargets);
onLangChange(() => { render(); renderProfile(); renderTargets(); });
await load();

async function load() {
  const q = new URLSearchParams();
  if (f.asof.value) q.set("as_of", f.asof.value);
  try {
    all = (await getJson("/api/v1/programme/facilities?" + q)).facilities;
    message(null);
  } catch (e) { if (!notForRole(e, who.role)) message(errorText(e)); return; }
  render();
  if (PROVINCE) await loadTargets();
  if (selected) await openFacility(selected);
}

async function loadIndicators() {
  const scope = new URLSearchParams();
  if (f.asof.value) scope.set("as_of", f.asof.value);
  if (f.district.value) scope.set("district", f.district.value);
  if (f.sector.value) scope.set("sector", f.sector.value);
  try {
    indicators = await getJson("/api/v1/programme/indicators?" + scope);
  } catch (e) { message(errorText(e)); return; }
  renderIndicators();
}

function options(select, values, label) {
  const current = select.value || param(select.id.substring(2)) || "";
  select.replaceChildren(el("option", { value: "", text: t("programme.all") }),
    ...values.map(v => el("option", { value: v, text: label(v) })));
  select.value = values.includes(current) ? current : "";
}

function filtered() {
  return all.filter(x => (!f.district.value || x.district === f.district.value)
    && (!f.sector.value || x.vsic.startsWith(f.sector.value)) && (!f.stage.value || x.stage === f.stage.value));
}

function districts() { return [...new Set(all.map(x => x.district))].sort(); }

/** The industrial parks of the facilities listed. */
function parks() { return [...new Set(all.map(x => x.industrial_park).filter(Boolean))].sort(); }

/** An area officer's own area, as their facilities name it (a district, or a park); "" otherwise. */
function area() {
  if (who.role === "district_officer") return districts().join(", ");
  if (who.role === "park_officer") return parks().join(", ");
  return "";
}

function render() {
  // an area officer's page says whose programme it shows (it read "the province's" for them)
  const mine = area();
  document.querySelector("h1").textContent = mine ? t("programme.title.area", { area: mine }) : t("programme.title");
  options(f.district, districts(), v => v);
  options(f.sector, [...new Set(all.map(x => x.vsic))].sort(), v => v);
  options(f.stage, STAGES, v => t("stage." + v));
  const rows = filtered();
  document.getElementById("facilities").replaceChildren(...rows.map(x => el("tr", { id: "fac-" + x.enterprise },
    el("td", {}, openButton(x)), el("td", { text: x.district }),
    el("td", { text: x.industrial_park || t("value.none") }), el("td", { text: x.vsic }),
    el("td", { class: "stage", text: stageText(x.stage, x.stage_to_be_reverified) }),
    el("td", { class: "num", text: num(x.officers_trained, 0) + " / " + num(x.officers, 0) }),
    el("td", keuCell(x.key_energy_user)))));
  document.getElementById("count").textContent = t("programme.count", { n: num(rows.length, 0), all: num(all.length, 0) });
  renderMap(rows);
  renderReports();
  loadIndicators();
}

function openButton(x) {
  const b = el("button", { type: "button", class: "link", text: x.short_name || x.legal_name_vi });
  b.addEventListener("click", () => openFacility(x.enterprise));
  return b;
}

function renderIndicators() {
  if (!indicators) return;
  document.getElementById("ind-scope").textContent = t("programme.asof.text", { date: date(indicators.as_of) })
    + (f.district.value ? " · " + f.district.value : "") + (f.sector.value ? " · VSIC " + f.sector.value : "");
  // the saving levels are the targets in force (stored by the province, else the bundled table)
  const tg = indicators.targets || {};
  const level = k => (k.startsWith("saving13") ? tg.saving_high : tg.saving_low);
  const label = k => t("programme.ind." + k, { level: level(k) ? percent(level(k).target) : "" });
  document.getElementById("indicators").replaceChildren(...FIGURES.map(([key, pick]) => {
    const fig = pick(indicators.indicators);
    const share = fig.share == null ? 0 : fig.share;
    const target = fig.target;
    const progress = target ? Math.max(0, Math.min(1, share / target)) : share;
    const fill = el("span");
    fill.style.width = (progress * 100).toFixed(1) + "%";
    return el("div", { class: "card kpi", id: "ind-" + key.replace(".", "-") },
      el("div", { class: "label", text: label(key) }),
      el("div", {}, el("span", { class: "value", text: fig.share == null ? t("value.none") : pct(fig.share) })),
      el("div", { class: "sub", text: t("programme.fraction", { n: num(fig.numerator, 0), d: num(fig.denominator, 0) })
        + (target != null ? " · " + t("programme.target", { target: pct(target, 0) }) : "") }),
      el("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100",
        "aria-valuenow": String(Math.round(progress * 100)), "aria-label": label(key) }, fill));
  }));
  // the energy the savings add up to, as the report's section 2 states it (the page had none)
  const e = indicators.energy_saved || {};
  const said = (x, key) => x && x.facilities != null ? t(key, { toe: num(x.toe, 1), kwh: num(x.kwh_final, 0),
    n: num(Array.isArray(x.facilities) ? x.facilities.length : x.facilities, 0) }) + (x.complete === false ? " " + t("programme.energy.incomplete") : "") : "";
  document.getElementById("ind-energy").textContent = [said(e.verified, "programme.energy.verified"), said(e.indicative, "programme.energy.indicative")]
    .filter(x => x).join(" · ");
}

// ---- the map: the registry's coordinates, equirectangular over the facilities the caller sees
// (the frame does not move when a filter changes), one colour per district ----

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function renderMap(rows) {
  const map = document.getElementById("map");
  const W = 640, H = 380, M = 24;
  const placed = all.filter(x => x.latitude != null && x.longitude != null);
  const colour = new Map(districts().map((d, i) => [d, COLOURS[i % COLOURS.length]]));
  const title = map.querySelector("title");
  title.textContent = t("programme.map");
  map.replaceChildren(title, svg("rect", { x: 0, y: 0, width: W, height: H, class: "map-frame" }));
  if (placed.length) {
    const lat0 = placed.reduce((s, x) => s + x.latitude, 0) / placed.length;
    const k = Math.cos(lat0 * Math.PI / 180);
    const xs = placed.map(x => x.longitude * k), ys = placed.map(x => x.latitude);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const span = Math.max(maxX - minX, maxY - minY, 0.01);
    const scale = Math.min((W - 2 * M) / span, (H - 2 * M) / span);
    const cx = (W - (maxX - minX) * scale) / 2, cy = (H - (maxY - minY) * scale) / 2;
    for (const x of rows.filter(r => r.latitude != null && r.longitude != null)) {
      const dot = svg("circle", {
        id: "pt-" + x.enterprise, class: "pt" + (x.enterprise === selected ? " selected" : ""),
        cx: (cx + (x.longitude * k - minX) * scale).toFixed(1), cy: (H - cy - (x.latitude - minY) * scale).toFixed(1),
        r: 7, fill: colour.get(x.district), "data-district": x.district, tabindex: 0, role: "button",
        "aria-label": (x.short_name || x.legal_name_vi) + " · " + x.district + " · " + t("stage." + x.stage),
      }, svg("title", {}, document.createTextNode((x.short_name || x.legal_name_vi) + " — " + t("stage." + x.stage))));
      dot.addEventListener("click", () => openFacility(x.enterprise));
      dot.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") openFacility(x.enterprise); });
      map.append(dot);
    }
  }
  document.getElementById("map-legend").replaceChildren(...districts().map(d => {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colour.get(d);
    return el("li", {}, swatch, document.createTextNode(" " + d));
  }));
  const missing = rows.filter(x => x.latitude == null || x.longitude == null).length;
  document.getElementById("map-note").textContent = t("programme.map.count", { n: num(rows.length - missing, 0) })
    + (missing ? " · " + t("programme.map.missing", { n: num(missing, 0) }) : "");
}

// ---- reports of a period ----

function periods() {
  const y = new Date().getFullYear();
  const out = [];
  for (let year = y; year >= y - 3; year--) out.push(year + "-H2", year + "-H1", String(year));
  return out;
}

function renderReports() {
  const list = periods();
  const keep = report.period.value || param("period") || list[1];
  report.period.replaceChildren(...list.map(p => el("option", { value: p, text: periodText(p) })));
  report.period.value = list.includes(keep) ? keep : list[1];
  const q = "?period=" + encodeURIComponent(report.period.value) + "&lang=" + report.lang.value;
  const items = [];
  const link = (id, label, base) => el("li", { id }, document.createTextNode(label + ": "),
    el("a", { id: id + "-pdf", href: base + q + "&format=pdf", download: "", text: "PDF" }), document.createTextNode(" · "),
    el("a", { id: id + "-xlsx", href: base + q + "&format=xlsx", download: "", text: "XLSX" }));
  if (PROVINCE) {
    items.push(link("rep-province", t("programme.report.province"), "/api/v1/programme/report"));
    if (f.district.value) {
      items.push(link("rep-district", t("programme.report.district", { name: f.district.value }),
        "/api/v1/programme/districts/" + encodeURIComponent(f.district.value) + "/report"));
    }
  } else if (who.role === "district_officer") {
    districts().forEach((d, i) => items.push(link("rep-district" + (i ? "-" + i : ""), t("programme.report.district", { name: d }),
      "/api/v1/programme/districts/" + encodeURIComponent(d) + "/report")));
  } else if (who.role === "park_officer") {
    parks().forEach((p, i) =>
      items.push(link("rep-park" + (i ? "-" + i : ""), t("programme.report.park", { name: p }),
        "/api/v1/programme/parks/" + encodeURIComponent(p) + "/report")));
  }
  document.getElementById("reports").replaceChildren(...items);
}

// ---- one facility: profile, lifecycle timeline, officers, forms ----

async function openFacility(code) {
  selected = code;
  const q = f.asof.value ? "?as_of=" + f.asof.value : "";
  try {
    profile = await getJson("/api/v1/programme/facilities/" + encodeURIComponent(code) + q);
  } catch (e) { message(errorText(e)); return; }
  document.querySelectorAll("#map .pt").forEach(p => p.classList.toggle("selected", p.id === "pt-" + code));
  renderProfile();
  document.getElementById("profile").hidden = false;
}

function fact(key, value) {
  return [el("dt", { text: t(key) }), el("dd", { text: value == null || value === "" ? t("value.none") : String(value) })];
}

/**
 * A step's detail as the reader reads it: how a facility became aware (a key) in the page's
 * language; the sentence a sign-off wrote worded from its `signoff`; anything else as typed.
 */
function detailText(s) {
  if (s.detail_from_signoff && s.signoff) {
    return t("programme.signoff.detail", { id: s.signoff.id, version: s.signoff.baseline_version });
  }
  return has("programme.detail." + s.detail) ? t("programme.detail." + s.detail) : s.detail;
}

/** A stage in words; "savings verified" on a saving that is to be re-verified says so. */
function stageText(stage, toBeReverified) {
  return t("stage." + stage) + (toBeReverified ? " — " + t("programme.stage.reverify") : "");
}

function stepText(s) {
  let what = t("stage." + s.stage);
  if (s.detail) what += " (" + detailText(s) + ")";
  if (s.potential != null) what += " — " + t(s.potential ? "programme.potential.yes" : "programme.potential.no");
  return what;
}

function renderProfile() {
  if (!profile) return;
  const p = profile.profile;
  document.getElementById("p-title").textContent = p.legal_name_vi + (p.short_name ? " (" + p.short_name + ")" : "");
  document.getElementById("p-fields").replaceChildren(
    ...fact("programme.col.facility", profile.enterprise), ...fact("programme.district", p.district),
    ...fact("programme.col.park", p.industrial_park), ...fact("programme.col.vsic", p.vsic),
    ...fact("programme.stage", stageText(profile.cp.stage, profile.cp.stage_to_be_reverified)), ...fact("programme.asof", date(profile.as_of)),
    // its energy as the enterprise sees it: the overview (every programme role reads it, docs/security.md)
    el("dt", { text: t("programme.overview") }),
    el("dd", {}, el("a", { id: "p-overview", href: "/overview.html?enterprise=" + encodeURIComponent(profile.enterprise), text: t("programme.overview.open") })));
  document.getElementById("timeline").replaceChildren(...profile.cp.steps.map(s => {
    const li = el("li", { id: "step-" + s.id, class: s.after_as_of ? "after" : "" },
      el("time", { datetime: s.date, text: date(s.date) }), document.createTextNode(" "),
      el("strong", { class: "what", text: stepText(s) }),
      el("div", { class: "sub", text: t("programme.recorded", { who: s.recorded_by, at: dateTime(s.recorded_at) }) }));
    if (s.attachment) {
      li.append(el("div", { class: "sub evidence" }, document.createTextNode(t("programme.evidence") + ": "),
        el("a", { href: "/api/v1/programme/facilities/" + encodeURIComponent(profile.enterprise) + "/cp-steps/" + s.id + "/attachment",
          text: s.attachment.name }),
        document.createTextNode(" · SHA-256 " + s.attachment.sha256.substring(0, 12) + "…")));
    }
    // a step an auditor's sign-off recorded links that verification; a later "not verified"
    // sign-off withdraws it (docs/programme-reporting.md): kept in the history, marked
    if (s.signoff) {
      li.append(el("div", { class: "sub signoff", text: t("programme.signoff", {
        opinion: t("ver.opinion." + s.signoff.opinion), enpi: s.signoff.enpi, from: date(s.signoff.from),
        to: date(s.signoff.to), who: s.signoff.signed_by_account, sha: s.signoff.dossier_sha256.substring(0, 12) + "…" }) }));
    }
    if (s.withdrawn) {
      li.classList.add("withdrawn");
      li.append(el("div", { class: "sub withdrawn-note", text: t("programme.withdrawn", {
        on: date(s.withdrawn.on), who: s.withdrawn.by, reason: s.withdrawn.reason || "—" }) }));
    }
    if (s.after_as_of) li.append(el("div", { class: "sub", text: t("programme.after") }));
    return li;
  }));
  if (!profile.cp.steps.length) document.getElementById("timeline").append(el("li", { text: t("programme.nosteps") }));
  document.getElementById("p-officers").replaceChildren(...profile.officers.map(o => el("li", { id: "officer-" + o.code },
    document.createTextNode(o.name + " — " + t(o.trained ? "programme.trained" : "programme.untrained")),
    el("ul", {}, ...(o.trainings || []).map(tr => el("li", {
      text: date(tr.date) + " · " + tr.course + (tr.completed ? "" : " (" + t("programme.notcompleted") + ")") }))))));
  document.getElementById("p-forms").hidden = !RECORDERS;
  const stage = document.getElementById("s-stage");
  const keep = stage.value;
  stage.replaceChildren(...RECORDABLE.map(s => el("option", { value: s, text: t("stage." + s) })));
  if (keep) stage.value = keep;
  document.getElementById("s-detail").replaceChildren(...DETAILS.map(d => el("option", { value: d, text: t("programme.detail." + d) })));
  document.getElementById("s-potential").replaceChildren(el("option", { value: "true", text: t("programme.potential.yes") }),
    el("option", { value: "false", text: t("programme.potential.no") }));
  document.getElementById("t-officer").replaceChildren(...profile.officers.map(o => el("option", { value: o.code, text: o.name })));
  stageFields();
}

function stageFields() {
  const s = document.getElementById("s-stage").value;
  document.getElementById("s-detail-label").hidden = s !== "aware";
  document.getElementById("s-potential-label").hidden = s !== "potential_assessed";
}

function send(url, body) {
  return sendJson("POST", url, body, who.csrf_token);
}

async function recordStep(ev) {
  ev.preventDefault();
  const out = document.getElementById("s-result");
  const stage = document.getElementById("s-stage").value;
  const body = { stage, date: document.getElementById("s-date").value };
  if (stage === "aware") body.detail = document.getElementById("s-detail").value;
  if (stage === "potential_assessed") body.potential = document.getElementById("s-potential").value === "true";
  const file = document.getElementById("s-file").files[0];
  try {
    if (file) body.attachment = { name: file.name, content_type: file.type || undefined, data: await fileBase64(file) };
    await send("/api/v1/programme/facilities/" + encodeURIComponent(selected) + "/cp-steps", body);
    out.textContent = t("programme.form.recorded");
    document.getElementById("s-file").value = "";
  } catch (e) { out.textContent = refusalText(e); return; }
  await load();
}

async function recordTraining(ev) {
  ev.preventDefault();
  const out = document.getElementById("t-result");
  const officer = document.getElementById("t-officer").value;
  // a facility without a CP officer: said, not the API's "not found" of an empty officer code
  if (!officer) { out.textContent = t("programme.t.noofficer"); return; }
  const body = { course: document.getElementById("t-course").value, date: document.getElementById("t-date").value,
    completed: document.getElementById("t-completed").checked };
  const certificate = document.getElementById("t-certificate").value;
  if (certificate) body.certificate = certificate;
  try {
    await send("/api/v1/programme/facilities/" + encodeURIComponent(selected) + "/officers/" + encodeURIComponent(officer) + "/trainings", body);
    out.textContent = t("programme.form.recorded");
  } catch (e) { out.textContent = refusalText(e); return; }
  await load();
}

// ---- the programme's targets (province staff): in force on the as-of date, a change with a
// reason from a date, the history ----


/** 0.08 → "8 %" in the page's language, as the labels write a level. */
function percent(x) { return num(100 * x, 1) + " %"; }

async function loadTargets() {
  const q = f.asof.value ? "?as_of=" + f.asof.value : "";
  try {
    targets = await getJson("/api/v1/programme/targets" + q);
  } catch (e) { message(errorText(e)); return; }
  for (const k of TARGETS) document.getElementById("tg-" + k).value = Number((100 * targets.in_force[k].target).toFixed(4));
  const from = document.getElementById("tg-from");
  if (!from.value) from.value = targets.as_of;
  document.getElementById("targets").hidden = false;
  renderTargets();
}

function renderTargets() {
  if (!targets) return;
  const set = targets.in_force_set;
  document.getElementById("tg-source").textContent = set
    ? t("programme.tg.stored", { date: date(targets.as_of), from: date(set.effective_from), who: set.set_by, reason: set.reason })
    : t("programme.tg.bundled", { date: date(targets.as_of) }) + carried();
  const list = targets.history.map(h => el("li", { id: "tg-set-" + h.id, text: t("programme.tg.entry", {
    from: date(h.effective_from), who: h.set_by, at: dateTime(h.set_at), reason: h.reason,
    values: TARGETS.map(k => t("programme.tg." + k) + " " + percent(h.targets[k])).join(", ") }) }));
  document.getElementById("tg-history").replaceChildren(...(list.length ? list : [el("li", { text: t("programme.tg.nohistory") })]));
}

/**
 * The default targets carried past their validity (the decision's table ends in 2020): said on the
 * page as the report's notes say it, which the page left out.
 */
function carried() {
  const old = Object.values(targets.in_force || {}).filter(x => x && x.carried_forward && x.valid_to);
  if (!old.length) return "";
  const until = old.map(x => x.valid_to).sort().pop();
  return " " + t("programme.tg.carried", { date: date(until) });
}

async function saveTargets(ev) {
  ev.preventDefault();
  const out = document.getElementById("tg-result");
  const values = {};
  for (const k of TARGETS) values[k] = Number((Number(document.getElementById("tg-" + k).value) / 100).toFixed(6));
  // said in the page's words and percent, before the API's "targets.aware: must be at most 1, got
  // 1.5" (fractions) or "effective_from: … format date"
  for (const x of document.querySelectorAll("#targets-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  const wrong = TARGETS.find(k => !(values[k] >= 0 && values[k] <= 1));
  if (wrong) {
    out.textContent = t("programme.tg.range", { what: t("programme.tg." + wrong) });
    document.getElementById("tg-" + wrong).setAttribute("aria-invalid", "true");
    return;
  }
  if (!document.getElementById("tg-from").value) {
    out.textContent = t("programme.tg.from") + ": " + t("form.required");
    document.getElementById("tg-from").setAttribute("aria-invalid", "true");
    return;
  }
  if (!(values.saving_high > values.saving_low)) {
    out.textContent = t("programme.tg.order", { low: percent(values.saving_low), high: percent(values.saving_high) });
    document.getElementById("tg-saving_high").setAttribute("aria-invalid", "true");
    return;
  }
  try {
    await send("/api/v1/programme/targets", { effective_from: document.getElementById("tg-from").value,
      reason: document.getElementById("tg-reason").value, targets: values });
    out.textContent = t("programme.tg.saved");
    document.getElementById("tg-reason").value = "";
  } catch (e) { out.textContent = refusalText(e); return; }
  await loadTargets();
  await loadIndicators();
}

/**
 * A facility's key-energy-user mark: "no" alone read as settled while its year's figures were
 * incomplete (a meter that began in November, a factor missing); said so, with the year and TOE in
 * the cell's title.
 */
function keuCell(k) {
  const mark = k.key_energy_user ? t("programme.keu.yes") : t("programme.keu.no");
  if (k.complete !== false) return { text: mark, title: k.toe != null ? k.year + ": " + num(k.toe, 1) + " TOE" : "" };
  return { text: mark + " (" + t("programme.keu.incomplete") + ")", class: "warn",
    title: k.year + (k.toe != null ? ": " + num(k.toe, 1) + " TOE" : "") + (k.note ? " · " + refusalWords(null, k.note) : "") };
}
