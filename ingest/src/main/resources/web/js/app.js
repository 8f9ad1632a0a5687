// Shared by the pages: header (navigation, language, sign-in), API calls with clear messages,
// and the live channel (SSE) that reconnects by itself and shows when it is stale.
import { t, apply, lang, setLang, onLangChange, refusalWords } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, message, parameter, code, body) { super(message); this.status = status; this.parameter = parameter; this.code = code; this.body = body; }
}

let meCache = null;

/**
 * A request whose answer is JSON: the answer, or an ApiError with the status (0 when the server is
 * unreachable), the API's message, the field it names (`parameter`) and its `code` on a refusal.
 */
async function request(url, init) {
  let res;
  try {
    res = await fetch(url, { credentials: "same-origin", ...init });
  } catch (e) {
    throw new ApiError(0, "network");
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new ApiError(res.status, body && body.message ? body.message : res.statusText, body && body.parameter, body && body.code, body);
  return body;
}

/** GET a JSON document (see {@link request}). */
export function getJson(url) {
  return request(url, { headers: { Accept: "application/json" } });
}

/**
 * Sends `body` as JSON (none when undefined) by `method` with the session's CSRF token (from
 * {@link me}); answered as {@link getJson}.
 */
export function sendJson(method, url, body, csrfToken) {
  return request(url, { method,
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken || "" },
    body: body === undefined ? undefined : JSON.stringify(body) });
}

/**
 * POSTs a file as the request's body, typed {@code contentType}, with the session's CSRF token;
 * answered as {@link getJson} (a refusal's answer is the ApiError's {@code body}).
 */
export function sendFile(url, file, contentType, csrfToken) {
  return request(url, { method: "POST",
    headers: { "Content-Type": contentType, Accept: "application/json", "X-CSRF-Token": csrfToken || "" }, body: file });
}

/** A file's bytes as base64 (an attachment's `content_base64`). */
export function fileBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export async function me() {
  if (!meCache) meCache = getJson("/api/v1/auth/me").catch(() => ({ role: "anonymous", scope: {} }));
  return meCache;
}

/** A message a person can act on for an error of the API (never a stack trace). */
export function errorText(e, notFoundKey = "err.notfound", vars = {}) {
  if (!(e instanceof ApiError)) return t("err.unavailable");
  switch (e.status) {
    case 0: return t("err.network");
    case 400: return t("err.bad", { message: refusalWords(e.parameter, e.message) });
    case 401: return t("err.signin");
    case 403: return t("err.forbidden");
    case 404: return t(notFoundKey, vars);
    // the analytics could not compute it from the data stored (too few periods, a missing stock
    // count): not the server's fault, and asking again gives the same answer until data arrives
    case 422: return t("err.compute");
    default: return t("err.unavailable");
  }
}

/**
 * {@link errorText}'s words as nodes, and after a 422 the server's reason (what is missing, in
 * English, marked so): for a panel that cannot be computed for the period shown.
 */
export function errorParts(e) {
  const parts = [errorText(e)];
  if (e instanceof ApiError && e.status === 422 && e.message) parts.push(" ", el("span", { lang: "en", text: e.message }));
  return parts;
}

/** The text of a refused write: the API's own message naming the field (400, 409, 422), else as {@link errorText}. */
export function refusalText(e) {
  // a 409 is a request that conflicts with what is stored (a day not sealed yet, a used figure), not a malformed one
  if (e instanceof ApiError && e.status === 409) return t("err.refused", { message: refusalWords(e.parameter, e.message) });
  return e instanceof ApiError && [400, 422].includes(e.status) ? t("err.bad", { message: refusalWords(e.parameter, e.message) }) : errorText(e);
}

/**
 * A page of a role's work opened by a role that may not use it (the API answered 403): only the
 * title and one message naming the role stay, not forms and tables that could only fail. True
 * when it was so.
 */
export function notForRole(e, role) {
  if (!(e instanceof ApiError && e.status === 403)) return false;
  for (const x of document.querySelectorAll("main > *")) if (!x.matches("h1, #message")) x.hidden = true;
  message(t("err.page.role", { role: t("tok.role." + role) }));
  return true;
}

/**
 * A page of some roles' work opened by another signed-in role: its #content hidden, and its
 * `<prefix>-denied` box saying in `<prefix>.denied`'s words that this role may not use it.
 */
export function deniedPage(prefix, role) {
  document.getElementById("content").hidden = true;
  const box = document.getElementById(prefix + "-denied");
  box.hidden = false;
  box.textContent = t(prefix + ".denied", { role: t("tok.role." + role) });
}

/** Shows a message in the page's #message region (role=alert), or hides it with null. */
export function message(text, kind = "error") {
  const el = document.getElementById("message");
  if (!el) return;
  if (!text) { el.hidden = true; el.textContent = ""; return; }
  el.hidden = false;
  el.className = "message " + kind;
  el.textContent = text;
}

export function param(name) { return new URLSearchParams(location.search).get(name); }

/** The sign-in page that comes back here afterwards. */
export function signInUrl() {
  return "/login.html?next=" + encodeURIComponent(location.pathname + location.search);
}

/**
 * Where to go after signing in: a path of this site only (no open redirect: "//host", "/\\host",
 * "https://…" and anything the URL parser resolves to another origin go to the overview instead).
 */
export function safeNext(next, fallback = "/overview.html") {
  if (!next || next[0] !== "/" || next[1] === "/" || next.includes("\\")) return fallback;
  let u;
  try { u = new URL(next, location.origin); } catch (e) { return fallback; }
  if (u.origin !== location.origin || u.pathname === "/login.html") return fallback;
  return u.pathname + u.search + u.hash;
}

const ENTERPRISE = ["enterprise_admin", "enterprise_viewer"];
/** The programme's officers: the province's, a district's, an industrial park's. */
export const PROGRAMME = ["province_officer", "district_officer", "park_officer"];

/**
 * Where a role starts after signing in without a page to go back to: the programme's officers on
 * the programme page (the overview is one enterprise's, which they have not chosen), the others on
 * the overview.
 */
export function homeOf(role) {
  return PROGRAMME.includes(role) ? "/programme.html" : "/overview.html";
}
/**
 * The roles that may read the quarantine (AccessPolicy: listQuarantine, summarizeQuarantine). A
 * page asks for it only for them: a signed-in role's refusal is an audit entry of its own.
 */
export const QUARANTINE_READERS = ["system_admin", "auditor", ...ENTERPRISE];
/** The header's links to the pages of a role's work (docs/dashboards.md, "Navigation"). */
const ROLE_LINKS = [
  { href: "/verification.html", page: "verification", key: "nav.verification", enterprise: true,
    roles: ["system_admin", "auditor", ...ENTERPRISE] },
  // entering production and resource figures: the roles that may store them (AccessPolicy:
  // previewProductionUpload, commitProductionUpload, previewResourceUpload, commitResourceUpload)
  { href: "/entries.html", page: "entries", key: "nav.entries", enterprise: true,
    roles: ["system_admin", "enterprise_admin"] },
  { href: "/programme.html", page: "programme", key: "nav.programme",
    roles: ["system_admin", ...PROGRAMME] },
  { href: "/reporting.html", page: "reporting", key: "nav.reporting",
    roles: ["system_admin", ...PROGRAMME, ...ENTERPRISE] },
  { href: "/cp-assessments.html", page: "cp-assessments", key: "nav.cpassessments",
    roles: ["system_admin", "auditor", ...PROGRAMME, ...ENTERPRISE] },
  // the CP section's editing page: the province's staff only (AccessPolicy: programme administration)
  { href: "/cp-edit.html", page: "cp-edit", key: "nav.cpedit", roles: ["system_admin", "province_officer"] },
  // API tokens: the roles that list and issue them (AccessPolicy: listTokens, createToken)
  { href: "/tokens.html", page: "tokens", key: "nav.tokens", roles: ["system_admin", "enterprise_admin", ...PROGRAMME] },
  // the audit log: the roles that may read it (AccessPolicy: listAudit)
  { href: "/audit.html", page: "audit", key: "nav.audit", roles: ["system_admin", "enterprise_admin", "auditor"] },
  // refused messages: the roles that may read them (AccessPolicy: listQuarantine)
  { href: "/quarantine.html", page: "quarantine", key: "nav.quarantine", roles: QUARANTINE_READERS },
  // accounts: the administrators manage them there; every other signed-in role changes its own
  // password there (AccessPolicy: listUsers, putUser; changePassword for every signed-in role)
  { href: "/accounts.html", page: "accounts", key: "nav.accounts", roles: ["system_admin", "enterprise_admin"] },
  { href: "/accounts.html", page: "accounts", key: "nav.account",
    roles: ["auditor", "enterprise_viewer", ...PROGRAMME] },
];

/**
 * Builds the page header: brand, navigation, live state, language switch, sign-in/out. With
 * {@code opts.signIn}, an anonymous visitor is sent to the sign-in page, which comes back here.
 */
export async function header(active, opts = {}) {
  const h = document.getElementById("top");
  const enterprise = param("enterprise");
  const q = enterprise ? "?enterprise=" + encodeURIComponent(enterprise) : "";
  h.innerHTML = `
    <a class="skip" href="#main" data-i18n="app.title"></a>
    <span class="brand">EnergyTrace</span>
    <nav aria-label="main">
      <a href="/" data-i18n="nav.live" ${active === "live" ? 'aria-current="page"' : ""}></a>
      <a href="/showcase.html" data-i18n="nav.showcase" ${active === "showcase" ? 'aria-current="page"' : ""}></a>
      <a href="/cp.html" data-i18n="nav.cp" ${active === "cp" ? 'aria-current="page"' : ""}></a>
    </nav>
    <span id="live-state" class="live-state connecting" role="status" aria-live="polite" hidden></span>
    <button type="button" id="lang-switch" lang="${lang() === "vi" ? "en" : "vi"}" data-i18n="lang.switch"></button>
    <span id="who"></span>`;
  document.getElementById("lang-switch").addEventListener("click", () => {
    setLang(lang() === "vi" ? "en" : "vi");
    document.getElementById("lang-switch").lang = lang() === "vi" ? "en" : "vi";
  });
  apply();
  const who = document.getElementById("who");
  const m = await me();
  if (opts.signIn && (!m.role || m.role === "anonymous")) {
    location.replace(signInUrl());
    return new Promise(() => {}); // the page stops here; the browser is leaving
  }
  // the pages of a role's work, once the role is known: a visitor (the public showcase, the CP
  // section) sees only the public pages; the server decides again on every call (AccessPolicy)
  const links = ROLE_LINKS.filter(l => l.roles.includes(m.role));
  // the overview and trends need a signed-in account: a visitor is not offered a page that only
  // sends them to the sign-in form
  if (m.role && m.role !== "anonymous") {
    h.querySelector("nav").insertAdjacentHTML("afterbegin", `
      <a href="/overview.html${q}" data-i18n="nav.overview" ${active === "overview" ? 'aria-current="page"' : ""}></a>
      <a href="/trends.html${q}" data-i18n="nav.trends" ${active === "trends" ? 'aria-current="page"' : ""}></a>`);
    apply(h);
  }
  if (links.length) {
    h.querySelector("nav").insertAdjacentHTML("beforeend", links.map(l =>
      `<a href="${l.href}${l.enterprise ? q : ""}" data-i18n="${l.key}" ${active === l.page ? 'aria-current="page"' : ""}></a>`).join(""));
    apply(h);
  }
  const render = () => {
    if (m.role && m.role !== "anonymous") {
      who.innerHTML = "";
      const name = document.createElement("span");
      name.textContent = m.subject + " ";
      const out = document.createElement("button");
      out.type = "button";
      out.textContent = t("nav.signout");
      out.addEventListener("click", async () => {
        await fetch("/api/v1/auth/logout", { method: "POST", headers: { "X-CSRF-Token": m.csrf_token || "" } });
        location.href = "/login.html";
      });
      who.append(name, out);
    } else {
      who.innerHTML = "";
      const a = document.createElement("a");
      a.href = signInUrl();
      a.textContent = t("nav.signin");
      who.append(a);
    }
  };
  render();
  onLangChange(render);
  return m;
}

/** The enterprise of the page: ?enterprise=, else the caller's own or only one. */
export async function enterpriseOf(m) {
  const p = param("enterprise");
  if (p) return p;
  if (m.enterprise) return m.enterprise;
  const list = (m.scope && m.scope.enterprises) || [];
  if (list.length === 1) return list[0];
  try {
    const meters = await getJson("/api/v1/meters");
    const all = [...new Set(meters.meters.map(x => x.enterprise))].sort();
    if (all.length === 1) return all[0];
    return null;
  } catch (e) { return null; }
}

/**
 * The live feed: an EventSource that is closed and opened again with back-off when it fails, and
 * flagged stale when nothing arrived for `staleAfterMs` although it claims to be open.
 */
export class LiveChannel {
  constructor(url, onReading, { staleAfterMs = 20000 } = {}) {
    this.url = url; this.onReading = onReading; this.staleAfterMs = staleAfterMs;
    this.delay = 1000; this.last = 0; this.state = "connecting"; this.onopen = null;
    this.timer = setInterval(() => this.check(), 1000);
    onLangChange(() => this.show());
    this.open();
  }
  open() {
    this.setState("connecting");
    const es = new EventSource(this.url);
    this.es = es;
    es.onopen = () => { this.delay = 1000; this.last = Date.now(); this.setState("live"); if (this.onopen) this.onopen(); };
    es.addEventListener("reading", e => { this.last = Date.now(); if (this.state !== "live") this.setState("live"); this.onReading(JSON.parse(e.data)); });
    es.onerror = () => {
      es.close();
      this.setState("offline");
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(this.delay * 2, 15000);
    };
  }
  check() {
    if (this.state === "live" && Date.now() - this.last > this.staleAfterMs) this.setState("stale");
  }
  setState(s) { this.state = s; this.show(); }
  show() {
    const el = document.getElementById("live-state");
    if (!el) return;
    el.hidden = false;
    el.className = "live-state " + this.state;
    el.dataset.state = this.state;
    el.textContent = t("live." + this.state);
  }
}

/** Rows into a CSV file the browser downloads. */
export function downloadCsv(name, rows) {
  const esc = v => (v == null ? "" : /[",\n]/.test(String(v)) ? '"' + String(v).replace(/"/g, '""') + '"' : String(v));
  const text = rows.map(r => r.map(esc).join(",")).join("\n") + "\n";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/** Local day yyyy-MM-dd of a Date in the browser's zone (for a site's days use siteDays). */
export function day(d) {
  const p = n => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

/** yyyy-MM-dd plus n days: calendar arithmetic, no zone involved. */
export function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The site whose days a page of the enterprise uses (its first EnPI's site, else its first site)
 * from the overview answer, which gives each site's IANA zone and local "today": every page counts
 * "today", "yesterday" and "this month" in the site's zone, whatever the browser's zone is.
 */
export function siteDays(overview) {
  const sites = (overview && overview.sites) || [];
  const ref = overview && overview.enpis && overview.enpis[0] && overview.enpis[0].scope_ref;
  const site = sites.find(s => s.site === ref) || sites[0];
  if (!site) {
    const today = day(new Date());
    return { site: null, zone: undefined, today, yesterday: addDays(today, -1), monthStart: today.slice(0, 8) + "01" };
  }
  return { site: site.site, zone: site.time_zone, today: site.today, yesterday: addDays(site.today, -1), monthStart: site.today.slice(0, 8) + "01" };
}

/** The instant a day (yyyy-MM-dd) starts in an IANA zone, through Intl (no time-zone library). */
export function dayStart(iso, zone) {
  return zonedInstant(iso + "T00:00:00", zone);
}

/**
 * The instant of a wall-clock time (yyyy-MM-ddTHH:mm[:ss], as a datetime-local input holds it) in
 * an IANA zone; in the browser's zone without one. An invalid time gives an invalid Date.
 */
export function zonedInstant(local, zone) {
  const wall = local.length === 16 ? local + ":00" : local;
  if (!zone) return new Date(wall);
  const utc = Date.parse(wall + "Z");
  let at = utc;
  // twice: the offset at the guess may differ from the offset at the answer (DST changes)
  for (let i = 0; i < 2; i++) at = utc - zoneOffsetMs(zone, at);
  return new Date(at);
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms since the epoch), through Intl. */
export function zoneOffsetMs(zone, at) {
  const parts = {};
  for (const p of new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(at))) parts[p.type] = p.value;
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - Math.floor(at / 1000) * 1000;
}

const productNamesRead = new Map();

/**
 * The names the enterprise gave its products, by code ({} when they cannot be read): pages say
 * "bia lon", not "can-beer". Read once a page.
 */
export function productNames(enterprise) {
  if (!productNamesRead.has(enterprise)) {
    productNamesRead.set(enterprise, getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/lines")
      .then(r => Object.fromEntries((r.lines || []).flatMap(l => l.products || []).filter(p => p.name).map(p => [p.product, p.name])))
      .catch(() => ({})));
  }
  return productNamesRead.get(enterprise);
}

/**
 * The baseline period's average SEC, the one definition every page shows: the period's total
 * energy over its total production, every day counted (a day without production adds its energy,
 * e.g. a Sunday's standby load, and no production).
 */
export async function baselinePeriodSec(enpiUrl, baseline) {
  const days = await getJson(enpiUrl + "/sec?bucket=day&from=" + baseline.from + "&to=" + baseline.to);
  return baselinePeriodSecOf(days.points);
}

/** The same, from the baseline period's daily points already fetched. */
export function baselinePeriodSecOf(points) {
  const e = points.reduce((a, p) => a + (p.energy || 0), 0), q = points.reduce((a, p) => a + (p.production || 0), 0);
  return q > 0 ? e / q : null;
}
