// Accounts (docs/security.md, "The accounts page"): every signed-in account changes its own
// password here (changePassword); the system administrator and enterprise administrators also see
// the accounts in their scope (listUsers) and create or change one (putUser: role, enterprise,
// auditor assignments, disabled), a new account's initial password shown once.
import { t, date, dateTime, onLangChange, shownZone, localDay } from "./i18n.js";
import { getJson, sendJson, header, errorText, refusalText, el, param, safeNext, ApiError, deniedPage, dayStart, addDays } from "./app.js";

// who may list and change accounts (AccessPolicy: listUsers, putUser); the server decides again
const MANAGERS = ["system_admin", "enterprise_admin"];
const ROLES = ["enterprise_viewer", "enterprise_admin", "auditor", "province_officer", "district_officer", "park_officer", "system_admin"];
// the roles whose account names its enterprise (AccountRoutes: enterprise roles, and only they)
const WITH_ENTERPRISE = ["enterprise_viewer", "enterprise_admin"];
// the form's input of each field the API may name in a refusal
const FIELD_INPUTS = { username: "acc-username", role: "acc-role", enterprise: "acc-enterprise",
  assignments: "acc-assignments", disabled: "acc-disabled" };

// the accounts as listUsers answers (null: not loaded), why they could not be read
let users = null, listError = null;
// the account being changed (null: the form creates one), the initial password just given ({username, password})
let editing = null, issued = null;

const m = await header("accounts", { signIn: true });
onLangChange(render);
setUpPassword();
if (m.must_change_password) {
  // until the initial password is changed the API answers nothing else (docs/security.md)
  firstChange();
} else {
  await start();
}

async function start() {
  const h = document.getElementById("acc-title");
  h.dataset.i18n = "acc.title";
  h.textContent = t("acc.title");
  if (!MANAGERS.includes(m.role)) {
    denied();
  } else {
    setUpForm();
    await load();
  }
}

/** The roles the signed-in account may give (AccountRoutes: an enterprise administrator only the enterprise's). */
function grantable() {
  return m.role === "system_admin" ? ROLES : ["enterprise_viewer", "enterprise_admin"];
}

/** The page of one's own account: its title says so. */
function ownTitle() {
  const h = document.getElementById("acc-title");
  h.dataset.i18n = "acc.title.own";
  h.textContent = t("acc.title.own");
}

/** A role that does not manage accounts: a clear word, and only the own password. */
function denied() {
  ownTitle();
  deniedPage("acc", m.role);
}

function firstChange() {
  ownTitle();
  document.getElementById("content").hidden = true;
  const box = document.getElementById("acc-first");
  box.hidden = false;
  box.textContent = t("acc.first");
}

async function load() {
  try {
    users = (await getJson("/api/v1/users")).users;
    listError = null;
  } catch (e) {
    users = null;
    if (e instanceof ApiError && e.status === 403) { denied(); return; }
    listError = errorText(e);
  }
  document.getElementById("content").hidden = false;
  document.getElementById("acc-edit").hidden = false;
  render();
}

function render() {
  renderPasswordWho();
  if (m.must_change_password) { firstChange(); return; }
  if (!MANAGERS.includes(m.role) || !document.getElementById("acc-denied").hidden) { denied(); return; }
  document.getElementById("acc-whose").textContent = m.role === "system_admin"
    ? t("acc.whose.all") : t("acc.whose.enterprise", { enterprise: m.enterprise || "" });
  renderInitial();
  renderRows();
  formFields();
}

function scopeText(u) {
  if (u.enterprise) return u.enterprise;
  if (u.role === "auditor") {
    return u.assignments && u.assignments.length
      ? u.assignments.map(a => t("acc.assignment", { enterprise: a.enterprise, date: date(a.expires_at) })).join("; ")
      : t("acc.scope.noassignment");
  }
  if (u.role === "district_officer" || u.role === "park_officer") return t("acc.scope.area");
  return t("tok.scope.all");
}

function renderRows() {
  const body = document.getElementById("acc-rows");
  if (listError) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "6", class: "message error", text: listError })));
    return;
  }
  if (!users) return;
  const rows = users.map(u => {
    const state = el("td", { id: "acc-" + u.username + "-state", class: u.disabled ? "status-rejected" : "status-approved" },
      el("div", { text: t(u.disabled ? "acc.state.disabled" : "acc.state.enabled") }));
    if (u.must_change_password) state.append(el("div", { class: "sub", text: t("acc.state.initial") }));
    return el("tr", { id: "acc-" + u.username, class: u.disabled ? "superseded" : "" },
      el("td", {}, el("strong", { text: u.username }), u.username === m.subject ? el("div", { class: "sub", text: t("acc.you") }) : ""),
      el("td", { text: t("tok.role." + u.role) }),
      el("td", { text: scopeText(u) }),
      state,
      // when it was made and last signed in: an account never used, or no longer, stands out
      el("td", { id: "acc-" + u.username + "-signin" },
        el("div", { text: u.last_sign_in_at ? dateTime(u.last_sign_in_at) : t("acc.signin.never") }),
        el("div", { class: "sub", text: t("acc.created", { date: dateTime(u.created_at) }) })),
      changeCell(u));
  });
  body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "6", text: t("acc.none") }))]));
}

/** Change: fills the form with the account. Not the own account (a role or a disabling one cannot undo). */
function changeCell(u) {
  if (u.username === m.subject) return el("td", { class: "sub", text: t("acc.own") });
  // an enterprise administrator sees only the enterprise's accounts, all of roles they may give
  if (!grantable().includes(u.role)) return el("td", {});
  const b = el("button", { type: "button", id: "acc-" + u.username + "-change", text: t("acc.change") });
  b.addEventListener("click", () => edit(u));
  return el("td", {}, b);
}

// ---- creating or changing an account (putUser) ----

function setUpForm() {
  document.getElementById("acc-role").addEventListener("change", formFields);
  document.getElementById("acc-form").addEventListener("submit", save);
  document.getElementById("acc-cancel").addEventListener("click", () => { editing = null; resetForm(); });
  document.getElementById("acc-initial-done").addEventListener("click", () => { issued = null; renderInitial(); });
  resetForm();
}

function resetForm() {
  document.getElementById("acc-form").reset();
  for (const x of document.querySelectorAll("#acc-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  document.getElementById("acc-username").readOnly = false;
  document.getElementById("acc-role").value = "";
  enterpriseDefault();
  formFields();
}

/** An enterprise's administrator gives accounts of their own enterprise only. */
function enterpriseDefault() {
  const enterprise = document.getElementById("acc-enterprise");
  if (m.role === "enterprise_admin") { enterprise.value = m.enterprise || ""; enterprise.readOnly = true; }
}

function edit(u) {
  editing = u.username;
  resetForm();
  document.getElementById("acc-username").value = u.username;
  document.getElementById("acc-username").readOnly = true;
  document.getElementById("acc-role").value = u.role;
  if (u.enterprise) document.getElementById("acc-enterprise").value = u.enterprise;
  document.getElementById("acc-assignments").value = (u.assignments || [])
    .map(a => a.enterprise + " " + localDay(a.expires_at)).join("\n");
  document.getElementById("acc-disabled").checked = !!u.disabled;
  formFields();
  document.getElementById("acc-edit").scrollIntoView({ block: "start" });
  document.getElementById("acc-role").focus();
}

/** The role choices in the current language (keeping the chosen one) and the fields that role takes. */
function formFields() {
  const role = document.getElementById("acc-role");
  const chosen = role.value || grantable()[0];
  role.replaceChildren(...grantable().map(r => el("option", { value: r, text: t("tok.role." + r) })));
  role.value = chosen;
  document.getElementById("acc-enterprise-label").hidden = !WITH_ENTERPRISE.includes(role.value);
  document.getElementById("acc-assignments-label").hidden = role.value !== "auditor";
  document.getElementById("acc-area-note").hidden = !["district_officer", "park_officer"].includes(role.value);
  // a new account is enabled and gets an initial password; an existing one may be disabled
  document.getElementById("acc-disabled-label").hidden = !editing;
  document.getElementById("acc-disabled-help").hidden = !editing;
  document.getElementById("acc-new-help").hidden = !!editing;
  document.getElementById("acc-cancel").hidden = !editing;
  document.getElementById("h-edit").textContent = editing ? t("acc.form.change", { name: editing }) : t("acc.form.create");
  document.getElementById("acc-submit").textContent = t(editing ? "acc.form.save" : "acc.form.send");
}

/**
 * Assignment lines "enterprise yyyy-mm-dd": each until the end of that day in the zone the page shows
 * dates in (the province's), so that the list shows the day typed whatever the browser's zone; sent
 * as typed otherwise, for the API to name.
 */
function assignments(text) {
  return text.split("\n").map(s => s.trim()).filter(Boolean).map(line => {
    const [enterprise, until = ""] = line.split(/\s+/);
    const end = /^\d{4}-\d{2}-\d{2}$/.test(until) && !isNaN(Date.parse(until + "T00:00:00Z"))
      ? new Date(dayStart(addDays(until, 1), shownZone()).getTime() - 1000) : null;
    return { enterprise, expires_at: end && !isNaN(end) ? end.toISOString() : until };
  });
}

async function save(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const out = document.getElementById("acc-status");
  for (const x of document.querySelectorAll("#acc-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  out.textContent = "";
  const username = v("acc-username");
  if (!username) {
    mark("acc-username");
    out.textContent = t("acc.form.username.required");
    return;
  }
  // a PUT of an existing name would change that account: creating says so instead
  if (!editing && users && users.some(u => u.username === username)) {
    mark("acc-username");
    out.textContent = t("acc.form.exists", { name: username });
    return;
  }
  // what the person typed goes as typed: the API checks every field and names the wrong one
  const role = v("acc-role");
  const body = { role, disabled: !!editing && document.getElementById("acc-disabled").checked };
  if (WITH_ENTERPRISE.includes(role)) body.enterprise = v("acc-enterprise");
  if (role === "auditor") body.assignments = assignments(v("acc-assignments"));
  try {
    const r = await sendJson("PUT", "/api/v1/users/" + encodeURIComponent(username), body, m.csrf_token);
    const created = !!r.created;
    if (r.initial_password) issued = { username: r.username, password: r.initial_password };
    editing = null;
    resetForm();
    renderInitial();
    await load();
    out.textContent = t(created ? "acc.form.created" : "acc.form.saved", { name: r.username });
    if (issued) document.getElementById("acc-initial").scrollIntoView({ block: "start" });
  } catch (e) {
    out.textContent = e instanceof ApiError && e.status === 403 && e.message ? t("tok.refused", { message: e.message }) : refusalText(e);
    const field = e instanceof ApiError && FIELD_INPUTS[String(e.parameter || "").split(/[.[]/)[0]];
    if (field) mark(field);
  }
}

function mark(id) {
  const x = document.getElementById(id);
  x.setAttribute("aria-invalid", "true");
  x.focus();
}

// ---- the initial password, shown once ----

function renderInitial() {
  const box = document.getElementById("acc-initial");
  box.hidden = !issued;
  document.getElementById("acc-initial-value").textContent = issued ? issued.password : "";
  document.getElementById("h-initial").textContent = issued ? t("acc.initial.title", { name: issued.username }) : "";
}

// ---- the own password (changePassword), for every signed-in account ----

function setUpPassword() {
  document.getElementById("acc-password").hidden = false;
  document.getElementById("pw-form").addEventListener("submit", changePassword);
  renderPasswordWho();
}

function renderPasswordWho() {
  document.getElementById("acc-pw-who").textContent = t("acc.pw.who", { name: m.subject || "" });
}

async function changePassword(ev) {
  ev.preventDefault();
  const out = document.getElementById("pw-status");
  const input = id => document.getElementById(id);
  for (const x of document.querySelectorAll("#pw-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  out.textContent = "";
  if (input("pw-new").value !== input("pw-repeat").value) {
    out.textContent = t("acc.pw.mismatch");
    pwMark("pw-repeat");
    return;
  }
  try {
    const r = await sendJson("POST", "/api/v1/auth/password",
      { current_password: input("pw-current").value, new_password: input("pw-new").value }, m.csrf_token);
    // every other session ended; this browser has a new one, with a new CSRF token
    m.csrf_token = r.csrf_token;
    document.getElementById("pw-form").reset();
    out.textContent = t("acc.pw.done");
    if (m.must_change_password) {
      m.must_change_password = false;
      document.getElementById("acc-first").hidden = true;
      const link = document.getElementById("pw-next-link");
      link.href = safeNext(param("next"));
      document.getElementById("pw-next").hidden = false;
      await start();
    }
  } catch (e) {
    // the passwords typed are never shown back: only what was wrong with them
    if (e instanceof ApiError && e.status === 403) {
      out.textContent = t("acc.pw.wrong");
      pwMark("pw-current");
    } else {
      out.textContent = refusalText(e);
      if (e instanceof ApiError && e.parameter === "new_password") pwMark("pw-new");
    }
  }
}

function pwMark(id) {
  document.getElementById(id).setAttribute("aria-invalid", "true");
  document.getElementById(id).focus();
}
