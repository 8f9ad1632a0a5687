// The programme's period reports (issue 16): an enterprise's report of a period, pre-filled from
// its stored data, with notes and submission; an officer's reporting status of their area with the
// late list; the province's period administration (open, move the deadline, close, reminders).
import { t, has, num, fixed, pct, date, dateTime, unitText, enpiName, onLangChange, periodText, refusalWords } from "./i18n.js";
import { getJson, header, message, errorText, param, el, ApiError, productNames } from "./app.js";

const OFFICERS = ["system_admin", "province_officer", "district_officer", "park_officer"];
const ADMINS = ["system_admin", "province_officer"];
const BASE = "/api/v1/programme/reporting-periods";
let periods = [], report = null, status = null, outbox = null, names = {};

const m = await header("reporting", { signIn: true });
const select = document.getElementById("f-period");
select.addEventListener("change", load);
onLangChange(render);
document.getElementById("save").addEventListener("click", () => act("PUT", "", { notes: notes() }));
// a submitted report is the enterprise's last word on it (only the province reopens it, with a
// reason): asked first, and said once done ("Saved." of the draft stayed on screen)
document.getElementById("submit").addEventListener("click", async () => {
  if (!window.confirm(t("rep.submit.confirm"))) return;
  if (await act("POST", "/submit", { notes: notes() })) message(t("rep.submitted.done"), "info");
});
document.getElementById("reopen").addEventListener("click",
  () => act("POST", "/reopen", { reason: document.getElementById("reopen-reason").value }));
document.getElementById("create").addEventListener("click", async () => {
  const body = { period: document.getElementById("new-period").value.trim(),
    deadline: document.getElementById("new-deadline").value,
    reminder_days: Number(document.getElementById("new-reminder").value) };
  if (await send("POST", BASE, body)) { await loadPeriods(body.period); await load(); }
});
document.getElementById("set-deadline").addEventListener("click", async () => {
  const body = { deadline: document.getElementById("deadline").value };
  const reason = document.getElementById("deadline-reason").value.trim();
  if (reason) body.reason = reason;
  if (await send("PUT", BASE + "/" + select.value + "/deadline", body)) { await loadPeriods(select.value); await load(); }
});
document.getElementById("close").addEventListener("click", async () => {
  if (await send("POST", BASE + "/" + select.value + "/close")) { await loadPeriods(select.value); await load(); }
});
document.getElementById("remind").addEventListener("click", async () => {
  const answer = await send("POST", BASE + "/" + select.value + "/reminders");
  if (!answer) return;
  await load();
  // what was recorded, or why nothing was ("Saved." said nothing of a window that had passed)
  const n = (answer.reminders || []).length, p = answer.period || {};
  message(n ? t(answer.overdue ? "rep.reminded.overdue" : "rep.reminded", { n: num(n, 0) })
    : p.status === "closed" ? t("rep.remind.closed")
    : !answer.due && !answer.overdue && p.deadline
      ? t("rep.remind.early", { date: date(addDays(p.deadline, -(p.reminder_days || 0))) })
      : t("rep.remind.none"), "info");
});

/** An ISO day plus {@code n} days, as an ISO day. */
function addDays(day, n) {
  const d = new Date(day + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
await loadPeriods(param("period"));
await load();

function notes() { return document.getElementById("notes").value; }

/** The enterprise whose report the page shows: ?enterprise= for officers, else the caller's own. */
function enterprise() { return param("enterprise") || m.enterprise || null; }

async function loadPeriods(wanted) {
  try {
    periods = (await getJson(BASE)).periods;
  } catch (e) { message(errorText(e)); return; }
  const open = periods.find(p => p.status === "open");
  const pick = periods.some(p => p.period === wanted) ? wanted : open ? open.period : periods.length ? periods[0].period : "";
  select.replaceChildren(...periods.map(p => el("option", { value: p.period, text: periodText(p.period) })));
  select.value = pick;
}

async function load() {
  report = status = outbox = null;
  const p = select.value;
  if (!p) { message(t("rep.noperiod"), "info"); render(); return; }
  try {
    const e = enterprise();
    if (e) report = await getJson(BASE + "/" + p + "/reports/" + encodeURIComponent(e));
    if (e) names = await productNames(e);
    if (OFFICERS.includes(m.role)) status = await getJson(BASE + "/" + p + "/status");
    if (ADMINS.includes(m.role)) outbox = await getJson(BASE + "/" + p + "/reminders");
    message(null);
  } catch (e) { message(errorText(e)); }
  render();
}

/** A JSON request with the session's CSRF token; true when it was carried out. */
async function send(method, url, body) {
  let res;
  try {
    res = await fetch(url, { method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": m.csrf_token || "" },
      body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) { message(errorText(new ApiError(0, "network"))); return false; }
  let answer = null;
  try { answer = await res.json(); } catch (e) { answer = null; }
  if (!res.ok) {
    const text = answer && answer.message ? answer.message : res.statusText;
    const parameter = answer ? answer.parameter : undefined;
    // the API's words in the page's language, as every other page says a refusal
    message(res.status === 409 ? t("rep.conflict", { message: refusalWords(parameter, text) })
      : errorText(new ApiError(res.status, text, parameter)));
    return false;
  }
  message(t("rep.done"), "info");
  return answer || true;
}

async function act(method, suffix, body) {
  const url = BASE + "/" + select.value + "/reports/" + encodeURIComponent(enterprise()) + suffix;
  const answer = await send(method, url, body);
  if (answer) { report = answer; if (status) status = await getJson(BASE + "/" + select.value + "/status"); render(); }
  return answer;
}

function carrier(c) { return has("carrier." + c) ? t("carrier." + c) : c; }

function period() { return periods.find(p => p.period === select.value); }

function deadlineText(p) {
  if (!p) return "";
  const days = p.days_to_deadline;
  const when = p.status === "closed" ? t("rep.closed")
    : days < 0 ? t("rep.overdue", { n: num(-days, 0) }) : t("rep.daysleft", { n: num(days, 0) });
  return t("rep.deadline.text", { date: date(p.deadline) }) + " · " + when;
}

function render() {
  const p = period();
  document.getElementById("period-info").textContent = p ? deadlineText(p) : "";
  renderReport();
  renderStatus();
  renderAdmin(p);
}

function statusText(r) {
  const s = t("rep.state." + r.status);
  if (r.status === "submitted") return s + (r.submitted_late ? " · " + t("rep.submittedlate") : "");
  return r.late ? s + " · " + t("rep.latemark") : s;
}

function renderReport() {
  const box = document.getElementById("report");
  box.hidden = !report;
  if (!report) return;
  const f = report.figures;
  document.getElementById("report-title").textContent = t("rep.report.title", { name: f.name, period: periodText(report.period.period) });
  document.getElementById("report-status").textContent = statusText(report)
    + (report.submitted_at ? " · " + t("rep.submittedat", { at: dateTime(report.submitted_at), by: report.submitted_by }) : "")
    + (report.reopen_reason ? " · " + t("rep.reopened", { reason: report.reopen_reason }) : "")
    + " · " + (report.prefilled ? t("rep.prefilled", { date: date(f.read_on) }) : t("rep.frozen"));
  document.getElementById("rep-cp").textContent = t("rep.cp.text", { stage: t("stage." + f.cp.stage), date: date(f.cp.as_of) });
  document.getElementById("rep-energy").replaceChildren(...(f.energy_by_carrier.length ? f.energy_by_carrier.map(e => el("tr", {},
    el("td", { text: e.from ? date(e.from) + " – " + date(e.to) : String(e.year) }), el("td", { text: carrier(e.carrier) }),
    el("td", { class: "num", text: num(e.amount, 0) + " " + unitText(e.unit) }),
    el("td", { text: t("rep.source." + e.source) + (e.days == null ? "" : " · " + t("rep.days", { n: e.days })) })))
    : [el("tr", {}, el("td", { colspan: "4", text: t("rep.none") }))]));
  document.getElementById("rep-enpis").replaceChildren(...(f.enpis.length ? f.enpis.map(x => el("tr", { id: "enpi-" + x.enpi },
    el("td", { text: enpiName(x) }),
    el("td", { class: "num", text: x.energy == null ? t("value.none") : num(x.energy, 1) + " " + unitText(x.energy_unit) }),
    el("td", { class: "num", text: (x.production || []).map(q => (names[q.product] || q.product) + " " + num(q.amount, 1) + " " + unitText(x.production_unit)).join("; ") || t("value.none") }),
    el("td", { class: "num", text: x.sec == null ? t("value.none") : fixed(x.sec, 3) + " " + unitText(x.sec_unit) }),
    el("td", { class: "num", text: x.baseline_sec == null ? (x.note || t("value.none")) : fixed(x.baseline_sec, 3) + " " + unitText(x.sec_unit) }),
    el("td", { class: "num", text: x.sec_change == null ? t("value.none") : (x.sec_change > 0 ? "+" : "") + pct(x.sec_change) })))
    : [el("tr", {}, el("td", { colspan: "6", text: t("rep.none") }))]));
  document.getElementById("rep-measures").replaceChildren(...(f.measures.length ? f.measures.map(x => el("li", {},
    el("span", { text: x.description + " · " + t("cp.type." + x.type) + " · " + date(x.implemented_on) })))
    : [el("li", { text: t("rep.none") })]));
  const rows = [...f.savings.verified.map(s => [s, "verified"]), ...f.savings.indicative.map(s => [s, "indicative"])];
  document.getElementById("rep-savings").replaceChildren(...(rows.length ? rows.map(([s, kind]) => el("tr", {},
    el("td", { text: s.carrier ? carrier(s.carrier) : s.resource }),
    el("td", { text: date(s.from) + " – " + date(s.to) }),
    el("td", { class: "num", text: pct(s.fraction) + " [" + pct(s.fraction_low) + "; " + pct(s.fraction_high) + "]" }),
    el("td", { class: "num", text: num(s.amount, 0) + " " + unitText(s.unit) }),
    el("td", { text: t("rep.saving." + kind) })))
    : [el("tr", {}, el("td", { colspan: "5", text: t("rep.none") }))]));
  const area = document.getElementById("notes");
  if (document.activeElement !== area) area.value = report.notes || "";
  const mayWrite = ["system_admin", "enterprise_admin"].includes(m.role);
  area.readOnly = report.locked || !mayWrite;
  document.getElementById("report-actions").hidden = report.locked || !mayWrite;
  document.getElementById("reopen-box").hidden = !(ADMINS.includes(m.role) && report.status === "submitted"
    && report.period.status === "open");
}

function renderStatus() {
  const box = document.getElementById("status");
  box.hidden = !status;
  if (!status) return;
  const c = status.counts;
  document.getElementById("counts").replaceChildren(...["submitted", "draft", "not_started", "late"].map(k =>
    el("div", { class: "card kpi", id: "count-" + k }, el("div", { class: "label", text: t("rep.count." + k) }),
      el("div", {}, el("span", { class: "value", text: num(c[k], 0) })),
      el("div", { class: "sub", text: t("rep.of", { n: num(c.facilities, 0) }) }))));
  const link = r => { const u = new URLSearchParams(location.search); u.set("enterprise", r.enterprise); u.set("period", select.value); return "?" + u; };
  document.getElementById("status-rows").replaceChildren(...status.facilities.map(r => el("tr", { id: "st-" + r.enterprise },
    el("td", {}, el("a", { href: link(r), text: r.name })), el("td", { text: r.district }),
    el("td", { class: r.late ? "late" : "", text: statusText(r) }),
    el("td", { text: r.submitted_at ? dateTime(r.submitted_at) : t("value.none") }),
    el("td", { text: r.reminder ? t("rep.reminder." + r.reminder) + " · " + dateTime(r.reminded_at) : t("value.none") }))));
  document.getElementById("late").replaceChildren(...(status.late.length
    ? status.late.map(r => el("li", { id: "late-" + r.enterprise, text: r.name + " · " + r.district + " · " + t("rep.state." + r.status) }))
    : [el("li", { text: t("rep.nolate") })]));
}

function renderAdmin(p) {
  const box = document.getElementById("admin");
  box.hidden = !ADMINS.includes(m.role);
  if (box.hidden) return;
  const closed = !p || p.status === "closed";
  for (const id of ["set-deadline", "close", "remind"]) document.getElementById(id).disabled = closed;
  if (p && document.activeElement !== document.getElementById("deadline")) document.getElementById("deadline").value = p.deadline;
  const list = outbox ? outbox.reminders : [];
  document.getElementById("outbox").replaceChildren(...(list.length ? list.map(r => el("tr", { id: "rem-" + r.enterprise },
    el("td", { text: r.enterprise }), el("td", { text: r.recipient || t("value.none") }),
    el("td", { text: t("rep.reminder." + r.status) }), el("td", { text: dateTime(r.created_at) })))
    : [el("tr", {}, el("td", { colspan: "4", text: t("rep.none") }))]));
}
