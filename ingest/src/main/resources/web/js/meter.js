// Meter detail: the latest value of every channel with unit and quality (live), counter events,
// the counter anomalies of the last 30 days (resets, wraps, implausible intervals: docs/ingest.md),
// gaps in the counter-derived energy of the last seven days, and the meter's calibration records
// (docs/verification.md §1.6) with the form that records one for those who may.
import { t, has, num, date, dateTime, onLangChange, setZone, shownZone, localDay, unitSymbol } from "./i18n.js";
import { getJson, sendJson, fileBase64, header, message, errorText, refusalText, param, LiveChannel, el, ApiError, zonedInstant } from "./app.js";

const enterprise = param("enterprise"), meterCode = param("meter");
const RESULTS = ["passed", "adjusted", "failed"];
// who may call recordCalibration (AccessPolicy: the enterprise's administrators); the server decides again
const RECORDERS = ["system_admin", "enterprise_admin"];
// the form's input of each field the API may name in a refusal
const FIELD_INPUTS = { calibrated_on: "cal-on", valid_until: "cal-until", lab: "cal-lab", certificate: "cal-certificate",
  result: "cal-result", corrects: "cal-corrects", note: "cal-note", attachment: "cal-file" };
// the counter-event form's input of each field the API may name (recordCounterEvent)
const EVENT_INPUTS = { ts: "ev-ts", kind: "ev-kind", closing_value: "ev-closing", opening_value: "ev-opening",
  register_value: "ev-register", unit: "ev-unit", note: "ev-note" };
const EVENT_KINDS = ["replacement", "multiplier_change"];
let meter = null, events = [], gaps = [], anomalies = [];
// the meter's calibration records as listCalibrations answers (null: not loaded or not readable)
let calibrations = null, calibrationError = null;

const m = await header("meter", { signIn: true });
document.getElementById("meter-name").textContent = meterCode ? "– " + meterCode : "";
onLangChange(render);
onLangChange(renderCalibrations);
document.getElementById("cal-form").addEventListener("submit", recordCalibration);
document.getElementById("ev-form").addEventListener("submit", recordEvent);
document.getElementById("ev-kind").addEventListener("change", eventFields);
onLangChange(eventOptions);
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
  document.getElementById("cal-form").hidden = !RECORDERS.includes(m.role);
  await loadCalibrations();
  new LiveChannel("/api/v1/live?enterprise=" + encodeURIComponent(enterprise) + "&meter=" + encodeURIComponent(meterCode), r => {
    const c = meter.channels.find(x => x.name === r.channel);
    // only the channels' table: redrawing the events with it every second replaced the remove
    // buttons under the pointer, and a click on one could be lost
    if (c && (!c.latest_ts || r.ts >= c.latest_ts)) { c.latest_ts = r.ts; c.latest_value = r.value; c.latest_quality = r.quality; renderChannels(); }
  });
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/meters/" + encodeURIComponent(meterCode) + "/channels/";
  const to = new Date(), from = new Date(to.getTime() - 7 * 86400000);
  document.getElementById("ev-form").hidden = !RECORDERS.includes(m.role) || !meter.channels.some(x => x.kind === "counter");
  eventOptions();
  await loadEvents();
  for (const c of meter.channels.filter(x => x.kind === "counter")) {
    try {
      const s = await getJson(base + encodeURIComponent(c.name) + "/series?resolution=raw&limit=10000&from=" + from.toISOString() + "&to=" + to.toISOString());
      // the meter's site's zone: times are shown in it
      if (s.time_zone) setZone(s.time_zone);
      let prevEnd = null;
      for (const row of s.rows) {
        if (prevEnd && row.start > prevEnd) gaps.push({ channel: c.name, from: prevEnd, to: row.start });
        if (!prevEnd || row.end > prevEnd) prevEnd = row.end;
      }
    } catch (e) { message(errorText(e)); }
  }
  try {
    const month = new Date(to.getTime() - 30 * 86400000);
    const a = await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/counter-anomalies?limit=1000&meter="
      + encodeURIComponent(meterCode) + "&from=" + month.toISOString() + "&to=" + to.toISOString());
    anomalies = a.anomalies;
  } catch (e) { message(errorText(e)); }
  render();
}

// ---- counter events (listCounterEvents, recordCounterEvent, deleteCounterEvent) ----

function channelUrl(channel) {
  return "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/meters/" + encodeURIComponent(meterCode)
    + "/channels/" + encodeURIComponent(channel) + "/counter-events";
}

/** The recorded events of every counter channel of the meter, oldest first. */
async function loadEvents() {
  const found = [];
  for (const c of meter.channels.filter(x => x.kind === "counter")) {
    try {
      const ev = await getJson(channelUrl(c.name) + "?limit=100");
      found.push(...ev.events.map(e => ({ ...e, channel: c.name })));
    } catch (e) { message(errorText(e)); }
  }
  events = found.sort((a, b) => a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
  render();
}

/** The channel and kind choices in the current language, keeping what is chosen. */
function eventOptions() {
  if (!meter) return;
  const channel = document.getElementById("ev-channel"), kind = document.getElementById("ev-kind");
  const c = channel.value, k = kind.value || EVENT_KINDS[0];
  channel.replaceChildren(...meter.channels.filter(x => x.kind === "counter").map(x => el("option", { value: x.name,
    text: x.name + (x.unit ? " (" + (unitSymbol(x.unit)) + ")" : "") })));
  if (c) channel.value = c;
  kind.replaceChildren(...EVENT_KINDS.map(x => el("option", { value: x, text: t("event." + x) })));
  kind.value = k;
  eventFields();
}

/** A replacement asks for the closing and opening values, a multiplier change for the register and factor. */
function eventFields() {
  const kind = document.getElementById("ev-kind").value;
  for (const l of document.querySelectorAll("#ev-form label[data-for]")) l.hidden = l.dataset.for !== kind;
}

/** A wall-clock time typed in the site's zone (yyyy-MM-ddTHH:mm[:ss]) as an instant, or as typed. */
function siteInstant(local) {
  const at = zonedInstant(local, shownZone());
  return Number.isNaN(at.getTime()) ? local : at.toISOString().replace(".000Z", "Z");
}

async function recordEvent(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const out = document.getElementById("ev-status");
  for (const x of document.querySelectorAll("#ev-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  const kind = v("ev-kind");
  const problems = [], need = (id, label) => { if (v(id) === "") problems.push([id, label, t("form.required")]); };
  if (!v("ev-ts")) problems.push(["ev-ts", "meter.ev.ts", t("form.required")]);
  else if (Date.parse(siteInstant(v("ev-ts"))) > Date.now()) problems.push(["ev-ts", "meter.ev.ts", t("form.futuretime")]);
  if (kind === "replacement") { need("ev-closing", "meter.ev.closing"); need("ev-opening", "meter.ev.opening"); }
  else { need("ev-register", "meter.ev.register"); need("ev-multiplier", "meter.ev.multiplier"); }
  if (formProblems(out, problems)) return;
  // what the person typed goes as typed (a number field left empty is left out): the API names what is wrong
  const body = { kind, ts: v("ev-ts") ? siteInstant(v("ev-ts")) : "" };
  const number = (field, id) => { if (v(id) !== "") body[field] = Number(v(id)); };
  if (kind === "replacement") { number("closing_value", "ev-closing"); number("opening_value", "ev-opening"); number("multiplier", "ev-newmultiplier"); }
  else { number("register_value", "ev-register"); number("multiplier", "ev-multiplier"); }
  if (v("ev-unit")) body.unit = v("ev-unit");
  if (v("ev-note")) body.note = v("ev-note");
  out.textContent = "";
  try {
    const e = await sendJson("POST", channelUrl(v("ev-channel")), body, m.csrf_token);
    document.getElementById("ev-form").reset();
    eventOptions();
    await loadEvents();
    out.textContent = t("meter.ev.done", { k: t("event." + e.kind), at: dateTime(e.ts) });
  } catch (e) {
    out.textContent = refusalText(e);
    const param = String(e instanceof ApiError && e.parameter || "");
    const field = EVENT_INPUTS[param] || (param === "multiplier" ? (kind === "replacement" ? "ev-newmultiplier" : "ev-multiplier") : null);
    if (field) { document.getElementById(field).setAttribute("aria-invalid", "true"); document.getElementById(field).focus(); }
  }
}

function deleteButton(e) {
  const b = el("button", { type: "button", id: "ev-" + e.id + "-delete", text: t("meter.ev.delete") });
  b.addEventListener("click", () => deleteEvent(e));
  return b;
}

/** Removes an event recorded by mistake, after the person confirms; the energy is derived again without it. */
async function deleteEvent(e) {
  if (!confirm(t("meter.ev.confirmdelete", { k: t("event." + e.kind), at: dateTime(e.ts), c: e.channel }))) return;
  const out = document.getElementById("ev-status");
  try {
    await sendJson("DELETE", channelUrl(e.channel) + "/" + e.id, undefined, m.csrf_token);
    out.textContent = t("meter.ev.deleted", { k: t("event." + e.kind), at: dateTime(e.ts) });
  } catch (err) { out.textContent = refusalText(err); }
  await loadEvents();
}

/** A span of time: whole minutes, or seconds under a minute (a one-second interval is no "0 min"). */
function span(ms) {
  return ms < 60000 ? num(ms / 1000, 0) + " " + t("unit.s") : num(ms / 60000, 0) + " " + t("unit.min");
}

function render() {
  if (!meter) return;
  renderChannels();
  renderRecords();
}

/** The latest value of every channel (again on every live reading). */
function renderChannels() {
  if (!meter) return;
  document.getElementById("channels").replaceChildren(...meter.channels.map(c => el("tr", { id: "ch-" + c.name },
    el("td", { text: c.name }), el("td", { text: c.kind ? t("kind." + c.kind) : t("value.none") }),
    el("td", { class: "num", text: num(c.latest_value, 3) }), el("td", { text: unitSymbol(c.unit) }),
    el("td", { text: dateTime(c.latest_ts) }),
    el("td", { class: c.latest_quality ? "quality-" + c.latest_quality : "", text: c.latest_quality ? t("quality." + c.latest_quality) : t("value.none") }))));
}

/** The recorded events, the anomalies and the gaps (on load, after a change, on a language switch). */
function renderRecords() {
  const evBox = document.getElementById("events");
  const recorder = RECORDERS.includes(m.role);
  evBox.replaceChildren(events.length ? el("table", {}, el("thead", {}, el("tr", {}, ...["col.time", "col.channel", "col.event", "col.value", "meter.cal.note"].map(k => el("th", { text: t(k) })),
    ...(recorder ? [el("th", {})] : []))),
    el("tbody", {}, ...events.map(e => el("tr", { id: "ev-" + e.id }, el("td", { text: dateTime(e.ts) }), el("td", { text: e.channel }), el("td", { text: has("event." + e.kind) ? t("event." + e.kind) : e.kind }),
      el("td", { class: "num", text: (e.kind === "replacement" ? num(e.closing_value, 3) + " → " + num(e.opening_value, 3) : num(e.closing_value, 3))
        + " " + unitSymbol(e.unit) + (e.multiplier != null ? " · × " + num(e.multiplier, 3) : "") }),
      el("td", { text: e.note || "" }),
      ...(recorder ? [el("td", {}, deleteButton(e))] : []))))) : el("p", { text: t("meter.noevents") }));
  const anomalyBox = document.getElementById("anomalies");
  anomalyBox.replaceChildren(anomalies.length ? el("table", {}, el("thead", {}, el("tr", {}, ...["col.time", "col.channel", "col.event", "col.booked", "col.rate", "col.judged"].map(k => el("th", { text: t(k) })))),
    el("tbody", {}, ...anomalies.map(a => el("tr", { class: a.implausible ? "warn" : "" }, el("td", { text: dateTime(a.end) }), el("td", { text: a.channel }),
      el("td", { text: has("anomaly.how." + a.how) ? t("anomaly.how." + a.how) : a.how }),
      el("td", { class: "num", text: num(a.energy, 3) + " " + unitSymbol(a.unit) + " / " + span(new Date(a.end) - new Date(a.start)) }),
      el("td", { class: "num", text: a.usual_per_hour == null ? t("value.none") : num(a.per_hour / a.usual_per_hour, 1) + " ×" }),
      el("td", { text: t(a.implausible == null ? "anomaly.notjudged" : a.implausible ? "anomaly.implausible" : "anomaly.plausible") }))))) : el("p", { text: t("meter.noanomalies") }));
  const gapBox = document.getElementById("gaps");
  gapBox.replaceChildren(gaps.length ? el("table", {}, el("thead", {}, el("tr", {}, ...["col.channel", "col.from", "col.to", "col.duration"].map(k => el("th", { text: t(k) })))),
    el("tbody", {}, ...gaps.map(g => el("tr", {}, el("td", { text: g.channel }), el("td", { text: dateTime(g.from) }), el("td", { text: dateTime(g.to) }),
      el("td", { class: "num", text: num((new Date(g.to) - new Date(g.from)) / 60000, 0) + " " + t("unit.min") }))))) : el("p", { text: t("meter.nogaps") }));
}

// ---- calibration records (listCalibrations, recordCalibration) ----

function calibrationsUrl() {
  return "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/meters/" + encodeURIComponent(meterCode) + "/calibrations";
}

async function loadCalibrations() {
  try {
    calibrations = (await getJson(calibrationsUrl())).calibrations;
    calibrationError = null;
  } catch (e) {
    calibrations = null;
    // a role that may not read them does not see the section (AccessPolicy: listCalibrations)
    calibrationError = e instanceof ApiError && e.status === 403 ? null : errorText(e, "err.notfound.meter", { meter: meterCode, enterprise });
  }
  renderCalibrations();
}

function renderCalibrations() {
  const section = document.getElementById("calibrations");
  section.hidden = calibrations == null && calibrationError == null;
  const body = document.getElementById("cal-rows");
  if (calibrationError) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "9", class: "message error", text: calibrationError })));
  } else if (calibrations) {
    const rows = calibrations.map(c => el("tr", { id: "cal-" + c.id, class: c.current ? "" : "superseded" },
      el("td", { class: "num", text: String(c.id) }), el("td", { text: date(c.calibrated_on) }),
      el("td", { text: c.valid_until ? date(c.valid_until) : t("meter.cal.noexpiry") }),
      el("td", { text: c.lab }), el("td", { text: c.certificate }),
      el("td", {}, el("strong", { class: "cal-" + c.result, text: t("meter.cal.result." + c.result) }),
        ...(c.note ? [el("div", { class: "sub", text: c.note })] : [])),
      certificateCell(c),
      el("td", {}, el("div", { text: c.recorded_by }), el("div", { class: "sub", text: dateTime(c.recorded_at) })),
      el("td", {}, el("span", { id: "cal-" + c.id + "-state",
        text: c.current ? t("meter.cal.current") : t("meter.cal.correctedby", { n: c.corrected_by }) }),
        ...(c.corrects ? [el("div", { class: "sub", text: t("meter.cal.correcting", { n: c.corrects }) })] : []))));
    body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "9", text: t("meter.cal.none") }))]));
  }
  formOptions();
}

function certificateCell(c) {
  if (!c.attachment) return el("td", { text: t("value.none") });
  return el("td", {}, el("a", { id: "cal-" + c.id + "-file", href: calibrationsUrl() + "/" + c.id + "/certificate", download: "", text: c.attachment.name }),
    el("div", { class: "sub", text: "SHA-256 " + c.attachment.sha256.substring(0, 12) + "… · " + num(c.attachment.bytes, 0) + " B" }));
}

/** The result and "corrects" choices in the current language, keeping what is chosen. */
function formOptions() {
  const result = document.getElementById("cal-result"), corrects = document.getElementById("cal-corrects");
  const r = result.value || RESULTS[0], c = corrects.value;
  result.replaceChildren(...RESULTS.map(x => el("option", { value: x, text: t("meter.cal.result." + x) })));
  result.value = r;
  // only a current record can be corrected (the API refuses one corrected already)
  corrects.replaceChildren(el("option", { value: "", text: t("meter.cal.corrects.none") }),
    ...(calibrations || []).filter(x => x.current).map(x => el("option", { value: String(x.id),
      text: t("meter.cal.corrects.one", { n: x.id, d: date(x.calibrated_on), c: x.certificate }) })));
  corrects.value = [...corrects.options].some(o => o.value === c) ? c : "";
}

/**
 * The problems a form can tell before asking the server, in the page's language and all at once
 * (the server's refusal names one field, in English): each [input id, label key, problem] marks its
 * field; true when there were some.
 */
function formProblems(out, problems) {
  if (!problems.length) return false;
  out.replaceChildren(el("span", { text: t("form.problems") }), el("ul", {}, ...problems.map(([, label, text]) => el("li", { text: t(label) + ": " + text }))));
  for (const [id] of problems) document.getElementById(id).setAttribute("aria-invalid", "true");
  document.getElementById(problems[0][0]).focus();
  return true;
}

async function recordCalibration(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const out = document.getElementById("cal-status");
  for (const x of document.querySelectorAll("#cal-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  const today = localDay(new Date()), problems = [];
  if (!v("cal-on")) problems.push(["cal-on", "meter.cal.calibrated_on", t("form.required")]);
  else if (v("cal-on") > today) problems.push(["cal-on", "meter.cal.calibrated_on", t("form.future", { d: date(v("cal-on")) })]);
  if (v("cal-until") && v("cal-on") && v("cal-until") < v("cal-on")) problems.push(["cal-until", "meter.cal.valid_until", t("form.beforecal", { d: date(v("cal-on")) })]);
  if (!v("cal-lab")) problems.push(["cal-lab", "meter.cal.lab", t("form.required")]);
  if (!v("cal-certificate")) problems.push(["cal-certificate", "meter.cal.certificate", t("form.required")]);
  if (formProblems(out, problems)) return;
  // what the person typed goes as typed: the API checks every field and names the wrong one
  const body = { calibrated_on: v("cal-on"), lab: v("cal-lab"), certificate: v("cal-certificate"), result: v("cal-result") };
  if (v("cal-until")) body.valid_until = v("cal-until");
  if (v("cal-note")) body.note = v("cal-note");
  if (v("cal-corrects")) body.corrects = Number(v("cal-corrects"));
  out.textContent = "";
  try {
    const file = document.getElementById("cal-file").files[0];
    if (file) body.attachment = { name: file.name, media_type: file.type || "application/octet-stream", content_base64: await fileBase64(file) };
    const c = await sendJson("POST", calibrationsUrl(), body, m.csrf_token);
    document.getElementById("cal-form").reset();
    await loadCalibrations();
    out.textContent = t("meter.cal.done", { n: c.id });
  } catch (e) {
    out.textContent = refusalText(e);
    const field = e instanceof ApiError && FIELD_INPUTS[String(e.parameter || "").split(".")[0]];
    if (field) { document.getElementById(field).setAttribute("aria-invalid", "true"); document.getElementById(field).focus(); }
  }
}
