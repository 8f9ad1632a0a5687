// The quarantine (docs/ingest.md, "Validation and quarantine"): the messages ingest refused, newest
// first, with the reason naming what was wrong and where, filtered as the API filters (status,
// enterprise, a text of the reason); for the enterprise's and the system's administrators a
// re-process and a discard of each message (the discard after a confirmation) and, once a text of
// the reason is chosen, the discard of every message still in quarantine with that text (listQuarantine,
// reprocessQuarantined, discardQuarantined, discardQuarantine).
import { t, num, dateTime, onLangChange } from "./i18n.js";
import { quarantineReason } from "./quarantine-words.js";
import { getJson, sendJson, header, errorText, refusalText, el, ApiError, deniedPage, QUARANTINE_READERS } from "./app.js";

// who may act on the quarantine (AccessPolicy: the re-process and discard operations; who may read
// it is app.js QUARANTINE_READERS); the server decides again on every call
const MANAGERS = ["system_admin", "enterprise_admin"];
const STATUSES = ["new", "discarded", "released", "all"];
// the rows a page shows (the API's limit is 1 to 10 000) and the shortest text a bulk discard takes
const PAGE = 200;
const BULK_MIN = 3;

// the messages as listQuarantine answered (null: not loaded), why they could not be read, the
// filter they answer; the message whose discard waits for its confirmation; whether the bulk
// discard waits for its confirmation; what the last action did, as nodes in the current language
// (null: nothing since the filter was set; a released or discarded message leaves the list)
let rows = null, listError = null, filter = {};
let confirming = null, bulkConfirming = false;
let lastAction = null;

const m = await header("quarantine", { signIn: true });
onLangChange(render);
if (!QUARANTINE_READERS.includes(m.role)) {
  denied();
} else {
  setUpForm();
  await load();
}

function denied() {
  deniedPage("qua", m.role);
}

function manages() {
  return MANAGERS.includes(m.role);
}

function setUpForm() {
  const q = new URLSearchParams(location.search);
  filter = { status: STATUSES.includes(q.get("status")) ? q.get("status") : "new",
    enterprise: q.get("enterprise") || "", reason: q.get("reason_contains") || "" };
  statusChoices();
  // the system administrator names any enterprise; the others read their own enterprises' only
  const all = (m.scope || {}).all_enterprises;
  document.getElementById("qua-enterprise-label").hidden = !all;
  document.getElementById("qua-enterprise").value = all ? filter.enterprise : "";
  if (!all) filter.enterprise = "";
  document.getElementById("qua-reason").value = filter.reason;
  document.getElementById("qua-form").addEventListener("submit", ev => { ev.preventDefault(); applyFilter(); });
  document.getElementById("qua-clear").addEventListener("click", () => {
    document.getElementById("qua-status").value = "new";
    document.getElementById("qua-enterprise").value = "";
    document.getElementById("qua-reason").value = "";
    applyFilter();
  });
  document.getElementById("qua-bulk-form").addEventListener("submit", ev => {
    ev.preventDefault();
    bulkConfirming = true;
    renderBulk();
    document.getElementById("qua-bulk-confirm").focus();
  });
  document.getElementById("qua-bulk-cancel").addEventListener("click", () => { bulkConfirming = false; renderBulk(); });
  document.getElementById("qua-bulk-confirm").addEventListener("click", discardAll);
}

function statusChoices() {
  const select = document.getElementById("qua-status");
  const chosen = select.value || filter.status;
  select.replaceChildren(...STATUSES.map(s => el("option", { value: s, text: t("qua.status." + s) })));
  select.value = chosen;
}

/** The filter as typed: the list again, the address keeps it (a link or a reload). */
async function applyFilter() {
  filter = { status: document.getElementById("qua-status").value,
    enterprise: document.getElementById("qua-enterprise").value.trim(),
    reason: document.getElementById("qua-reason").value.trim() };
  const u = new URL(location.href);
  const params = { status: filter.status === "new" ? "" : filter.status, enterprise: filter.enterprise, reason_contains: filter.reason };
  for (const [k, v] of Object.entries(params)) {
    if (v) u.searchParams.set(k, v); else u.searchParams.delete(k);
  }
  history.replaceState(null, "", u);
  confirming = null;
  bulkConfirming = false;
  lastAction = null;
  await load();
}

function query(extra = {}) {
  const q = new URLSearchParams();
  if (filter.status !== "all") q.set("status", filter.status);
  if (filter.enterprise) q.set("enterprise", filter.enterprise);
  if (filter.reason) q.set("reason_contains", filter.reason);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

async function load() {
  try {
    rows = (await getJson("/api/v1/quarantine?" + query({ limit: PAGE }))).quarantine;
    listError = null;
  } catch (e) {
    rows = null;
    if (e instanceof ApiError && e.status === 403) { denied(); return; }
    listError = refusalText(e);
  }
  document.getElementById("content").hidden = false;
  render();
}

function render() {
  if (!QUARANTINE_READERS.includes(m.role)) { denied(); return; }
  statusChoices();
  renderList();
  renderBulk();
}

function renderList() {
  const done = document.getElementById("qua-action-result");
  done.hidden = !lastAction;
  done.replaceChildren(...(lastAction ? lastAction() : []));
  const status = document.getElementById("qua-status-line");
  const body = document.getElementById("qua-rows");
  document.getElementById("qua-col-actions").hidden = !manages();
  body.replaceChildren();
  if (listError) { status.textContent = listError; return; }
  if (rows === null) { status.textContent = ""; return; }
  const filtered = filter.status !== "new" || filter.enterprise || filter.reason;
  if (!rows.length) { status.textContent = t(filtered ? "qua.none.filter" : "qua.none"); return; }
  status.textContent = t(rows.length >= PAGE ? "qua.count.newest" : "qua.count", { n: num(rows.length, 0) });
  for (const x of rows) body.append(row(x));
}

function row(x) {
  const payload = x.payload_text != null
    ? el("details", {}, el("summary", { text: t("qua.payload.bytes", { n: num(x.payload_bytes, 0) }) }),
      // the bytes as sent: no language of their own (BCP 47 "zxx")
      el("pre", { class: "payload", lang: "zxx", translate: "no", text: x.payload_text }))
    : el("span", { text: t("qua.payload.binary", { n: num(x.payload_bytes, 0) }) });
  // a message sent again keeps one row: how often, and when last (a source resending forever
  // looked like one message); an oversized one keeps its first bytes: how many of how many
  const received = [el("div", { text: dateTime(x.received_at) })];
  if (x.occurrences > 1) {
    received.push(el("div", { class: "sub", id: "qua-" + x.id + "-occurrences", text: t("qua.occurrences", { n: num(x.occurrences, 0), at: dateTime(x.last_received_at) }) }));
  }
  const kept = [payload];
  if (x.payload_truncated) {
    kept.push(el("div", { class: "sub", id: "qua-" + x.id + "-truncated", text: t("qua.payload.truncated", { kept: num(x.payload_bytes, 0), n: num(x.payload_length, 0), sha: x.payload_sha256 }) }));
  }
  const tr = el("tr", { id: "qua-" + x.id },
    el("td", {}, ...received),
    el("td", { text: x.enterprise || "—" }),
    el("td", {}, el("code", { text: x.topic })),
    reasonCell(x.reason),
    el("td", { class: "num", text: num(x.attempts, 0) }),
    el("td", { text: t("qua.status." + x.status) }),
    el("td", {}, ...kept));
  if (manages()) tr.append(el("td", {}, el("div", { class: "actions" }, ...actions(x))));
  return tr;
}

/**
 * The reason as the service recorded it (in English, naming the field and the value; what the
 * filter searches), beneath it in the reader's words on a Vietnamese page.
 */
function reasonCell(reason) {
  return el("td", { class: "reason" }, ...reasonNodes(reason, record => el("span", { class: "sub", lang: "en", text: record })));
}

/** The reason in the reader's words, then the record as {@code recorded} shows it; or the record alone. */
function reasonNodes(reason, recorded) {
  const words = quarantineReason(reason);
  if (!words || words === reason) return [el("span", { lang: "en", text: reason })];
  return [el("span", { text: words }), recorded(reason)];
}

function actions(x) {
  const out = [];
  if (x.status === "new") {
    if (confirming === x.id) {
      const yes = el("button", { type: "button", class: "primary", id: "qua-" + x.id + "-confirm", text: t("qua.discard.confirm") });
      yes.addEventListener("click", () => discardOne(x));
      const no = el("button", { type: "button", id: "qua-" + x.id + "-cancel", text: t("qua.cancel") });
      no.addEventListener("click", () => { confirming = null; renderList(); });
      out.push(yes, " ", no);
    } else {
      const again = el("button", { type: "button", id: "qua-" + x.id + "-reprocess", text: t("qua.reprocess") });
      again.addEventListener("click", () => reprocess(x));
      const drop = el("button", { type: "button", id: "qua-" + x.id + "-discard", text: t("qua.discard") });
      drop.addEventListener("click", () => {
        confirming = x.id;
        renderList();
        document.getElementById("qua-" + x.id + "-confirm").focus();
      });
      out.push(again, " ", drop);
    }
  }
  return out;
}

/** Re-processes one message: released (what was stored), or still refused with the new reason. */
async function reprocess(x) {
  try {
    const r = await sendJson("POST", "/api/v1/quarantine/" + x.id + "/reprocess", undefined, m.csrf_token);
    lastAction = () => [t("qua.released", { id: x.id, n: num(r.readings_stored, 0), d: num(r.duplicates, 0) })];
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 422)) {
      lastAction = () => [errorText(e)];
    } else {
      // still refused: the list, read again, holds the new reason in the service's own words
      await load();
      const now = (rows || []).find(r => r.id === x.id);
      const reason = now ? now.reason : "";
      lastAction = () => [t("qua.still", { id: x.id }), " ",
        ...reasonNodes(reason, record => el("span", {}, " (", el("span", { lang: "en", text: record }), ")"))];
      render();
      return;
    }
  }
  await load();
}

async function discardOne(x) {
  confirming = null;
  try {
    await sendJson("POST", "/api/v1/quarantine/" + x.id + "/discard", {}, m.csrf_token);
    lastAction = () => [t("qua.discarded.one", { id: x.id })];
  } catch (e) {
    lastAction = () => [refusalText(e)];
  }
  await load();
}

/** The bulk discard: offered to managers once the list shows messages still in quarantine by a text. */
function renderBulk() {
  const waiting = rows ? rows.filter(x => x.status === "new").length : 0;
  const offered = manages() && filter.reason.length >= BULK_MIN && ["new", "all"].includes(filter.status) && waiting > 0;
  if (!offered) bulkConfirming = false;
  document.getElementById("qua-bulk").hidden = !offered;
  document.getElementById("qua-bulk-what").textContent = offered
    ? t(rows.length >= PAGE ? "qua.bulk.what.more" : "qua.bulk.what", { n: num(waiting, 0), text: filter.reason })
    : "";
  document.getElementById("qua-bulk-discard").hidden = bulkConfirming;
  document.getElementById("qua-bulk-confirm").hidden = !bulkConfirming;
  document.getElementById("qua-bulk-cancel").hidden = !bulkConfirming;
}

/** Discards every message still in quarantine whose reason holds the filter's text (the API's limit at most). */
async function discardAll() {
  bulkConfirming = false;
  const why = document.getElementById("qua-bulk-why").value.trim();
  const q = new URLSearchParams({ reason_contains: filter.reason, limit: "10000" });
  if (filter.enterprise) q.set("enterprise", filter.enterprise);
  try {
    const r = await sendJson("POST", "/api/v1/quarantine/discard?" + q, why ? { reason: why } : {}, m.csrf_token);
    const text = filter.reason;
    lastAction = () => [t("qua.bulk.done", { n: num(r.discarded, 0), text })];
    document.getElementById("qua-bulk-why").value = "";
  } catch (e) {
    lastAction = () => [refusalText(e)];
  }
  await load();
}
