// API tokens (docs/security.md, "API tokens"): the tokens the signed-in account may see, each with
// its role, enterprise or area, read-only or write, dates and state; for the roles that manage
// tokens a form that issues one (the secret shown once) and a revocation after a confirmation.
import { t, dateTime, onLangChange } from "./i18n.js";
import { getJson, sendJson, header, errorText, refusalText, el, ApiError, deniedPage, PROGRAMME } from "./app.js";

// who may list, issue and revoke tokens (AccessPolicy: listTokens, createToken, revokeToken); the
// server decides again on every call
const MANAGERS = ["system_admin", "enterprise_admin", "province_officer", "district_officer", "park_officer"];
const ROLES = ["enterprise_viewer", "enterprise_admin", "auditor", "province_officer", "district_officer", "park_officer", "system_admin"];
// the roles whose tokens name an enterprise (TokenRoutes: enterprise roles and auditors)
const WITH_ENTERPRISE = ["enterprise_viewer", "enterprise_admin", "auditor"];
// the area roles' tokens name districts or parks
const AREA_FIELD = { district_officer: "districts", park_officer: "parks" };
const DAY_MS = 86400000;
// the form's input of each field the API may name in a refusal
const FIELD_INPUTS = { name: "tok-name", role: "tok-role", enterprise: "tok-enterprise", districts: "tok-areas",
  parks: "tok-areas", write: "tok-readonly", expires_at: "tok-days" };

// the tokens as listTokens answers (null: not loaded), why they could not be read
let tokens = null, listError = null;
// the token whose revocation waits for its confirmation, and the secret just issued ({name, token})
let confirming = null, issued = null;

const m = await header("tokens", { signIn: true });
onLangChange(render);
if (!MANAGERS.includes(m.role)) {
  denied();
} else {
  setUpForm();
  await load();
}

/** The roles a token of the signed-in account may carry (TokenRoutes). */
function grantable() {
  if (m.role === "system_admin") return ROLES;
  if (m.role === "enterprise_admin") return ["enterprise_viewer", "enterprise_admin"];
  return [m.role];
}

/** A role that does not manage tokens: a clear word instead of the page. */
function denied() {
  deniedPage("tok", m.role);
}

async function load() {
  try {
    tokens = (await getJson("/api/v1/tokens")).tokens;
    listError = null;
  } catch (e) {
    tokens = null;
    if (e instanceof ApiError && e.status === 403) { denied(); return; }
    listError = errorText(e);
  }
  document.getElementById("content").hidden = false;
  document.getElementById("tok-create").hidden = false;
  render();
}

function render() {
  if (!MANAGERS.includes(m.role) || !document.getElementById("tok-denied").hidden) { denied(); return; }
  document.getElementById("tok-whose").textContent = t(PROGRAMME.includes(m.role) ? "tok.whose.own" : "tok.whose.scope");
  renderSecret();
  renderRows();
  formFields();
}

function state(x) {
  if (x.revoked_at) return "revoked";
  return new Date(x.expires_at) <= new Date() ? "expired" : "active";
}

function scopeText(x) {
  if (x.districts && x.districts.length) return t("tok.scope.districts", { names: x.districts.join(", ") });
  if (x.parks && x.parks.length) return t("tok.scope.parks", { names: x.parks.join(", ") });
  if (x.enterprise) return x.enterprise;
  return t(x.role === "system_admin" || x.role === "province_officer" ? "tok.scope.all" : "tok.scope.none");
}

function renderRows() {
  const body = document.getElementById("tok-rows");
  if (listError) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "9", class: "message error", text: listError })));
    return;
  }
  if (!tokens) return;
  // the newest first: the one just issued is on top
  const rows = [...tokens].reverse().map(x => {
    const s = state(x);
    return el("tr", { id: "tok-" + x.id, class: s === "active" ? "" : "superseded" },
      el("td", {}, el("strong", { text: x.name }), el("div", { class: "sub", text: "#" + x.id })),
      el("td", { text: t("tok.role." + x.role) }),
      el("td", { text: scopeText(x) }),
      el("td", { id: "tok-" + x.id + "-access", text: t(x.write ? "tok.access.write" : "tok.access.readonly") }),
      el("td", {}, el("div", { text: dateTime(x.created_at) }), el("div", { class: "sub", text: x.created_by })),
      el("td", { text: dateTime(x.expires_at) }),
      el("td", { id: "tok-" + x.id + "-used", text: x.last_used_at ? dateTime(x.last_used_at) : t("tok.never") }),
      el("td", { id: "tok-" + x.id + "-state", class: s === "active" ? "status-approved" : "status-rejected",
        text: s === "revoked" ? t("tok.state.revoked", { date: dateTime(x.revoked_at) }) : t("tok.state." + s) }),
      revokeCell(x, s));
  });
  body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "9", text: t("tok.none") }))]));
}

/** Revoke, then a confirmation naming the token (an expired or revoked token has nothing to revoke). */
function revokeCell(x, s) {
  if (s !== "active") return el("td", {});
  if (confirming !== x.id) {
    const b = el("button", { type: "button", id: "tok-" + x.id + "-revoke", text: t("tok.revoke") });
    b.addEventListener("click", () => { confirming = x.id; renderRows(); document.getElementById("tok-" + x.id + "-confirm").focus(); });
    return el("td", {}, b);
  }
  const yes = el("button", { type: "button", class: "primary", id: "tok-" + x.id + "-confirm", text: t("tok.revoke.yes") });
  const no = el("button", { type: "button", id: "tok-" + x.id + "-cancel", text: t("tok.revoke.no") });
  yes.addEventListener("click", () => revoke(x));
  no.addEventListener("click", () => { confirming = null; renderRows(); });
  return el("td", {}, el("p", { id: "tok-" + x.id + "-question", role: "alert", text: t("tok.revoke.question", { name: x.name }) }),
    el("div", { class: "actions" }, yes, no));
}

async function revoke(x) {
  const out = document.getElementById("tok-list-status");
  out.textContent = "";
  try {
    await sendJson("DELETE", "/api/v1/tokens/" + encodeURIComponent(x.id), undefined, m.csrf_token);
    confirming = null;
    await load();
    out.textContent = t("tok.revoke.done", { name: x.name });
  } catch (e) {
    confirming = null;
    renderRows();
    out.textContent = refusal(e);
  }
}

/** A refused change: the API's words naming the field (400, 409, 422) or the rule (403). */
function refusal(e) {
  return e instanceof ApiError && e.status === 403 && e.message ? t("tok.refused", { message: e.message }) : refusalText(e);
}

// ---- issuing a token (createToken) ----

function setUpForm() {
  document.getElementById("tok-role").addEventListener("change", formFields);
  document.getElementById("tok-form").addEventListener("submit", create);
  document.getElementById("tok-copy").addEventListener("click", copySecret);
  document.getElementById("tok-secret-done").addEventListener("click", () => { issued = null; renderSecret(); });
  const enterprise = document.getElementById("tok-enterprise");
  // an enterprise's administrator issues tokens of their own enterprise only
  if (m.role === "enterprise_admin") { enterprise.value = m.enterprise || ""; enterprise.readOnly = true; }
  formFields();
}

/** The role choices in the current language (keeping the chosen one) and the fields that role takes. */
function formFields() {
  const role = document.getElementById("tok-role");
  const chosen = role.value || grantable()[0];
  role.replaceChildren(...grantable().map(r => el("option", { value: r, text: t("tok.role." + r) })));
  role.value = chosen;
  document.getElementById("tok-enterprise-label").hidden = !WITH_ENTERPRISE.includes(role.value);
  const area = AREA_FIELD[role.value];
  document.getElementById("tok-areas-label").hidden = !area;
  if (area) {
    document.getElementById("tok-areas-caption").textContent = t("tok.create." + area);
    // an area officer's token reads all of the officer's districts or parks when none are named
    document.getElementById("tok-areas-hint").textContent = t(m.role === role.value ? "tok.create.areas.own" : "tok.create.areas.named");
  }
}

async function create(ev) {
  ev.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const out = document.getElementById("tok-status");
  for (const x of document.querySelectorAll("#tok-form [aria-invalid]")) x.removeAttribute("aria-invalid");
  out.textContent = "";
  // what the person typed goes as typed: the API checks every field and names the wrong one
  const role = v("tok-role");
  const body = { name: v("tok-name"), role, write: !document.getElementById("tok-readonly").checked };
  if (WITH_ENTERPRISE.includes(role)) body.enterprise = v("tok-enterprise");
  const area = AREA_FIELD[role];
  const names = v("tok-areas").split("\n").map(s => s.trim()).filter(Boolean);
  if (area && names.length) body[area] = names;
  // the expiry in days from now (the API: in the future, at most 366 days; empty: its 90 days)
  const days = v("tok-days");
  if (days !== "") body.expires_at = new Date(Date.now() + Number(days) * DAY_MS).toISOString();
  try {
    const r = await sendJson("POST", "/api/v1/tokens", body, m.csrf_token);
    issued = { name: r.name, token: r.token };
    document.getElementById("tok-form").reset();
    if (m.role === "enterprise_admin") document.getElementById("tok-enterprise").value = m.enterprise || "";
    formFields();
    renderSecret();
    await load();
    out.textContent = t("tok.create.done", { name: r.name });
    document.getElementById("tok-secret").scrollIntoView({ block: "start" });
    document.getElementById("tok-copy").focus();
  } catch (e) {
    out.textContent = refusal(e);
    const field = e instanceof ApiError && FIELD_INPUTS[String(e.parameter || "").split(".")[0]];
    if (field) { document.getElementById(field).setAttribute("aria-invalid", "true"); document.getElementById(field).focus(); }
  }
}

// ---- the secret, shown once ----

function renderSecret() {
  const box = document.getElementById("tok-secret");
  box.hidden = !issued;
  document.getElementById("tok-secret-value").textContent = issued ? issued.token : "";
  document.getElementById("h-secret").textContent = issued ? t("tok.secret.title", { name: issued.name }) : "";
  if (!issued) document.getElementById("tok-copy-status").textContent = "";
}

async function copySecret() {
  const out = document.getElementById("tok-copy-status");
  try {
    await navigator.clipboard.writeText(issued.token);
    out.textContent = t("tok.secret.copied");
  } catch (e) {
    // no clipboard here (an insecure origin, a refused permission): select it for Ctrl+C
    const range = document.createRange();
    range.selectNodeContents(document.getElementById("tok-secret-value"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    out.textContent = t("tok.secret.select");
  }
}

