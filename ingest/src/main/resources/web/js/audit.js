// The audit log (docs/security.md, "The audit log"): the entries the signed-in account may read
// (listAudit), newest first, filtered as the API filters (exact action, enterprise, outcome, exact
// actor, the days from and to in the province's calendar, where times are shown),
// older ones page by page on request (the answer's "next", the next call's "before"), and the check of the log's hash
// chain (checkIntegrity's audit_chain, docs/verification.md §4) in words.
import { t, has, num, dateTime, onLangChange, shownZone, localDay, recordedRefusal } from "./i18n.js";
import { getJson, header, errorText, refusalText, el, addDays, dayStart, downloadCsv, ApiError, deniedPage } from "./app.js";

// who may read the log (AccessPolicy: listAudit); the server decides again on every call and
// answers each reader only the entries of their scope
const READERS = ["system_admin", "enterprise_admin", "auditor"];
// how many entries a page holds (the API's limit is 1 to 10 000)
const PAGE = 100;
const OUTCOME_MARK = { success: "✓", denied: "⊘", failure: "✗" };

// the entries as listAudit answered (null: not loaded), why they could not be read, the filter
// they answer and where the next older page starts (null: none); the chain check's answer or refusal
let entries = null, listError = null, next = null, filter = {};
// the filters the address keeps, each with its input (the enterprise's is chosen below), and the
// query parameter that answers for an input when the API refuses it
const FILTERS = ["action", "enterprise", "outcome", "actor", "from", "to"];
const INPUT_OF = { action: "aud-action", outcome: "aud-outcome", actor: "aud-actor", since: "aud-from", until: "aud-to" };
let chain = null;
// every action and enterprise seen, offered as suggestions in the filter
const seenActions = new Set(), seenEnterprises = new Set();

const m = await header("audit", { signIn: true });
onLangChange(render);
if (!READERS.includes(m.role)) {
  denied();
} else {
  setUpForm();
  await load();
}

/** A role that may not read the log: a clear word instead of the page. */
function denied() {
  deniedPage("aud", m.role);
}

/** The enterprises in the signed-in account's scope (none listed: every enterprise). */
function ownEnterprises() {
  const s = m.scope || {};
  return s.all_enterprises ? [] : (s.enterprises || []);
}

function setUpForm() {
  const q = new URLSearchParams(location.search);
  filter = Object.fromEntries(FILTERS.map(k => [k, q.get(k) || ""]));
  outcomeChoices();
  for (const k of ["action", "outcome", "actor", "from", "to"]) document.getElementById("aud-" + k).value = filter[k];
  const all = (m.scope || {}).all_enterprises;
  const own = ownEnterprises();
  // the system administrator names any enterprise; an auditor chooses among theirs; an
  // enterprise's administrator reads their own enterprise only, so there is nothing to choose
  document.getElementById("aud-enterprise").hidden = !all;
  document.getElementById("aud-enterprise-choice").hidden = all || own.length < 2;
  document.getElementById("aud-enterprise-label").hidden = !all && own.length < 2;
  if (all) document.getElementById("aud-enterprise").value = filter.enterprise;
  else if (!own.includes(filter.enterprise)) filter.enterprise = "";
  document.getElementById("aud-form").addEventListener("submit", ev => { ev.preventDefault(); apply(); });
  document.getElementById("aud-clear").addEventListener("click", () => {
    for (const k of ["action", "outcome", "actor", "from", "to"]) document.getElementById("aud-" + k).value = "";
    document.getElementById("aud-enterprise").value = "";
    document.getElementById("aud-enterprise-choice").value = "";
    apply();
  });
  document.getElementById("aud-more").addEventListener("click", more);
  document.getElementById("aud-csv").addEventListener("click", csv);
  document.getElementById("aud-check").addEventListener("click", check);
  enterpriseChoices();
}

/** The outcomes to filter by, "any" first, in the current language (keeping the choice). */
function outcomeChoices() {
  const select = document.getElementById("aud-outcome");
  const chosen = select.value || filter.outcome;
  select.replaceChildren(el("option", { value: "", text: t("aud.filter.outcome.any") }),
    ...Object.keys(OUTCOME_MARK).map(o => el("option", { value: o, text: t("aud.outcome." + o) })));
  select.value = chosen;
}

/** The auditor's enterprises, "all of mine" first, in the current language (keeping the choice). */
function enterpriseChoices() {
  const select = document.getElementById("aud-enterprise-choice");
  const chosen = select.value || filter.enterprise;
  select.replaceChildren(el("option", { value: "", text: t("aud.filter.enterprise.mine") }),
    ...ownEnterprises().map(e => el("option", { value: e, text: e })));
  select.value = chosen;
}

function chosenEnterprise() {
  return ((m.scope || {}).all_enterprises
    ? document.getElementById("aud-enterprise").value
    : document.getElementById("aud-enterprise-choice").value).trim();
}

/** The filter as typed: the first entries again, the address keeps it (a link or a reload). */
async function apply() {
  filter = { enterprise: chosenEnterprise() };
  for (const k of ["action", "outcome", "actor", "from", "to"]) filter[k] = document.getElementById("aud-" + k).value.trim();
  const u = new URL(location.href);
  for (const k of FILTERS) {
    if (filter[k]) u.searchParams.set(k, filter[k]); else u.searchParams.delete(k);
  }
  history.replaceState(null, "", u);
  await load();
}

/** "More": the same filter, the page of older entries after the last one shown. */
async function more() {
  await load(next);
}

/**
 * The entries shown as a CSV file: the API's fields, codes not words (a spreadsheet filters by
 * them), the states before and after as the JSON recorded, and each entry's place and hash in the
 * chain, so that a reader can compare them with a dossier's audit.csv or a later check.
 */
function csv() {
  const cols = ["id", "at", "actor", "actor_role", "action", "outcome", "enterprise", "target", "client_ip",
    "detail", "repeat_count", "chain_seq", "hash", "before", "after"];
  const cell = v => (v != null && typeof v === "object" ? JSON.stringify(v) : v);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  downloadCsv("energytrace-audit-" + stamp + ".csv", [cols, ...entries.map(x => cols.map(c => cell(x[c])))]);
}

function query(before) {
  const q = new URLSearchParams();
  for (const k of ["action", "enterprise", "outcome", "actor"]) if (filter[k]) q.set(k, filter[k]);
  // the days of the zone the times below are shown in (the province's): from its midnight to the
  // next one after the last day
  if (filter.from) q.set("since", dayStart(filter.from, shownZone()).toISOString());
  if (filter.to) q.set("until", dayStart(addDays(filter.to, 1), shownZone()).toISOString());
  if (before != null) q.set("before", String(before));
  q.set("limit", String(PAGE));
  return "/api/v1/audit?" + q;
}

/** The newest page of the filter, or, given "before", the older page that follows the ones shown. */
async function load(before) {
  for (const id of Object.values(INPUT_OF)) document.getElementById(id).removeAttribute("aria-invalid");
  try {
    const answer = await getJson(query(before));
    entries = before == null ? answer.entries : entries.concat(answer.entries);
    next = answer.next ?? null;
    listError = null;
    for (const x of answer.entries) {
      seenActions.add(x.action);
      if (x.enterprise) seenEnterprises.add(x.enterprise);
    }
  } catch (e) {
    entries = null;
    // a role the API no longer lets read the log (its account changed): the same word as above
    if (e instanceof ApiError && e.status === 403 && !filter.enterprise) { denied(); return; }
    listError = e;
    if (e instanceof ApiError && INPUT_OF[e.parameter]) document.getElementById(INPUT_OF[e.parameter]).setAttribute("aria-invalid", "true");
  }
  document.getElementById("content").hidden = false;
  render();
}

function render() {
  if (!READERS.includes(m.role) || !document.getElementById("aud-denied").hidden) { denied(); return; }
  const own = ownEnterprises();
  document.getElementById("aud-whose").textContent = (m.scope || {}).all_enterprises
    ? t("aud.whose.all")
    : m.role === "auditor" ? t("aud.whose.auditor", { enterprises: own.join(", ") })
      : t("aud.whose.enterprise", { enterprise: own.join(", ") });
  enterpriseChoices();
  outcomeChoices();
  suggestions();
  renderRows();
  renderChain();
}

function suggestions() {
  document.getElementById("aud-actions").replaceChildren(
    ...[...seenActions].sort().map(a => el("option", has("aud.action." + a) ? { value: a, label: t("aud.action." + a) } : { value: a })));
  document.getElementById("aud-enterprises").replaceChildren(
    ...[...seenEnterprises].sort().map(e => el("option", { value: e })));
}

/** An action in the reader's words, over its code (what the filter takes); a code without words as it is. */
function actionCell(code) {
  const code_ = el("code", { translate: "no", text: code });
  if (!has("aud.action." + code)) return [code_];
  code_.className = "sub";
  return [el("div", { text: t("aud.action." + code) }), code_];
}

/** A role as the page names it: the roles' names, "not signed in", else its code. */
function roleText(role) {
  if (has("tok.role." + role)) return t("tok.role." + role);
  if (role === "anonymous") return t("aud.role.anonymous");
  // the service's own steps (the demo's seeding, a production revision): its actor is "system"
  if (role === "system") return t("aud.role.system");
  return role;
}

function renderRows() {
  const body = document.getElementById("aud-rows");
  const status = document.getElementById("aud-status");
  const moreButton = document.getElementById("aud-more");
  if (listError) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "8", class: "message error", text: refusalText(listError) })));
    status.textContent = "";
    moreButton.hidden = true;
    document.getElementById("aud-csv").hidden = true;
    return;
  }
  if (!entries) return;
  body.replaceChildren(...(entries.length ? entries.map(row)
    : [el("tr", {}, el("td", { colspan: "8", text: t(FILTERS.some(k => filter[k]) ? "aud.none.filter" : "aud.none") }))]));
  // a full last page (the answer names a next one): there may be older entries
  const full = next != null;
  status.textContent = !entries.length ? ""
    : full ? t("aud.count.newest", { n: num(entries.length, 0) }) : t("aud.count.all", { n: num(entries.length, 0) });
  moreButton.hidden = !full;
  document.getElementById("aud-csv").hidden = !entries.length;
  moreButton.textContent = t("aud.more", { n: num(PAGE, 0) });
}

function row(x) {
  const o = x.outcome;
  const detail = el("td", { class: "aud-detail" });
  // a refusal in the reader's words where the page has them, above the record as the server wrote it
  const words = o !== "success" ? recordedRefusal(x.detail) : null;
  if (words) {
    detail.append(el("span", { text: words }), el("div", { class: "sub", lang: "en", text: x.detail }));
  } else if (x.detail) {
    detail.append(el("span", { lang: "en", text: x.detail }));
  }
  if (x.repeat_count > 1) detail.append(el("div", { class: "sub", text: t("aud.repeat", { n: num(x.repeat_count, 0) }) }));
  if (x.before != null || x.after != null) {
    detail.append(el("details", {}, el("summary", { text: t("aud.states") }),
      el("pre", { class: "aud-json", lang: "en", translate: "no",
        text: JSON.stringify({ before: x.before, after: x.after }, null, 2) })));
  }
  return el("tr", { id: "aud-" + x.id },
    el("td", { class: "aud-at" }, el("div", { text: dateTime(x.at) }),
      x.chain_seq == null ? "" : el("div", { class: "sub", text: t("aud.seq", { seq: x.chain_seq }) })),
    el("td", { class: "aud-actor" }, el("div", { text: x.actor_role === "system" && x.actor === "system" ? t("aud.role.system") : x.actor }),
      x.client_ip ? el("div", { class: "sub", text: t("aud.from", { ip: x.client_ip }) }) : ""),
    el("td", { class: "aud-role", text: roleText(x.actor_role) }),
    el("td", { class: "aud-action" }, ...actionCell(x.action)),
    // the outcome in words with a mark, the colour only repeats it
    el("td", { class: "aud-outcome" }, el("span", { class: "outcome outcome-" + o },
      el("span", { "aria-hidden": "true", text: (OUTCOME_MARK[o] || "•") + " " }),
      el("span", { text: has("aud.outcome." + o) ? t("aud.outcome." + o) : o }))),
    el("td", { class: "aud-enterprise", text: x.enterprise || t("value.none") }),
    el("td", { class: "aud-target" }, x.target ? el("code", { translate: "no" }, ...breakable(x.target)) : ""),
    detail);
}

/** A path or code that may break after each "/" or ":" (never inside a name or a number). */
function breakable(text) {
  return text.split(/(?<=[/:])/).flatMap((part, i) => (i ? [el("wbr"), part] : [part]));
}

// ---- the chain check (checkIntegrity: it walks the whole log's chain, through an enterprise) ----

/** The enterprise the check goes through: the one chosen, else the account's own. */
function checkEnterprise() {
  return filter.enterprise || chosenEnterprise() || m.enterprise || ownEnterprises()[0] || "";
}

async function check() {
  const enterprise = checkEnterprise();
  if (!enterprise) { chain = { need: true }; renderChain(); return; }
  const button = document.getElementById("aud-check");
  button.disabled = true;
  chain = { running: true };
  renderChain();
  const today = localDay(new Date());
  try {
    const r = await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/integrity?from=" + today + "&to=" + today);
    chain = { answer: r.audit_chain, at: new Date().toISOString() };
  } catch (e) {
    chain = { error: errorText(e, "aud.chain.notfound", { enterprise }) };
  } finally {
    button.disabled = false;
  }
  renderChain();
}

function renderChain() {
  const out = document.getElementById("aud-chain-result");
  out.className = "";
  if (!chain) { out.textContent = ""; return; }
  if (chain.need) { out.textContent = t("aud.chain.need"); return; }
  if (chain.running) { out.textContent = t("aud.chain.running"); return; }
  if (chain.error) { out.className = "message error"; out.textContent = chain.error; return; }
  const a = chain.answer;
  if (a.ok) {
    out.className = "message info";
    out.textContent = t("aud.chain.ok", { n: num(a.entries, 0), at: dateTime(chain.at) });
    return;
  }
  // broken: where, and the check's own finding (its words, in English)
  const b = a.first_break || {};
  out.className = "message error";
  out.replaceChildren(
    el("span", { text: b.seq == null ? t("aud.chain.broken.end", { n: num(a.entries, 0) }) : t("aud.chain.broken", { seq: b.seq, n: num(a.entries, 0) }) + " " }),
    el("span", { lang: "en", text: b.problem || "" }));
}
