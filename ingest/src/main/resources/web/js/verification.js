// Verified savings (issue 15, docs/verification.md): for an enterprise and one of its EnPIs, the
// baseline versions with their lifecycle (who submitted, approved or returned each, when, with
// which comments) and validity, the non-routine adjustments, the auditors' period sign-offs with
// the dossier's SHA-256, the dossiers of a chosen period, and the stored resource baselines with
// their "to be re-verified" mark; the enterprise's administrators fit a new baseline version here
// (a draft, its fit shown, submitted with the table's action) and store a new resource baseline
// version the same way (a resource, a product, a period, a model). Each action is offered only to the
// role that may take it; the server decides again (AccessPolicy, the assigned auditor checked in
// the transaction).
import { t, num, fixed, pct, date, dateTime, lang, onLangChange, setZone, has, unitText, verificationText, enpiName, fieldName, secText, modelName } from "./i18n.js";
import { getJson, sendJson, fileBase64, refusalText, header, enterpriseOf, message, errorText, el, param, addDays, siteDays, ApiError } from "./app.js";

const KINDS = ["new_line", "product_mix", "capacity", "operating_hours", "other"];
const METHODS = ["fixed_per_day", "fixed_per_period", "percentage", "refitted_term"];
const OPINIONS = ["verified", "verified_with_reservations", "not_verified"];
const MODELS = ["auto", "ratio", "ols", "changepoint"];
const WEATHER = ["none", "cdd", "hdd"];

const m = await header("verification", { signIn: true });
const MANAGER = ["enterprise_admin", "system_admin"].includes(m.role);
const AUDITOR = m.role === "auditor";
// who may download a dossier (AccessPolicy: getDossier): the programme's officers read the verified
// results, not the enterprise's data, and their links failed with nothing said
const DOSSIER_READERS = ["system_admin", "auditor", "enterprise_admin", "enterprise_viewer"].includes(m.role);
let enterprise = await enterpriseOf(m);
let days = null, enpis = [], enpi = null, baselines = [], adjustments = [], signoffs = [], period = null, resources = [];
let fetched = null, fitted = null, products = [], rfitted = null;

const $ = id => document.getElementById(id);
const enc = encodeURIComponent;
$("dossier-links").hidden = !DOSSIER_READERS;
$("dossier-notforrole").hidden = DOSSIER_READERS;
const base = () => "/api/v1/enterprises/" + enc(enterprise);
const enpiUrl = () => base() + "/enpis/" + enc(enpi);

$("f-enterprise").addEventListener("change", () => { enterprise = $("f-enterprise").value; loadEnterprise(); });
$("f-enpi").addEventListener("change", () => { enpi = $("f-enpi").value; fitted = null; loadEnpi(); });
let chosenBaseline = false;
for (const id of ["p-from", "p-to", "p-baseline"]) $(id).addEventListener("change", () => {
  chosenBaseline ||= id === "p-baseline";
  // a hash fetched for another period or version is not this one's
  if (fetched) { $("so-hash").value = ""; $("so-save").hidden = true; fetched = null; }
  loadPeriod();
});
$("adj-method").addEventListener("change", methodFields);
$("fit-weather").addEventListener("change", weatherFields);
$("fit-form").addEventListener("submit", fitBaseline);
$("rfit-form").addEventListener("submit", storeResourceBaseline);
$("adj-form").addEventListener("submit", propose);
$("so-fetch").addEventListener("click", fetchDossier);
$("so-form").addEventListener("submit", signOff);
// a field the browser refuses stops the form before it is sent: the answer of an earlier request
// ("Proposal 3 sent.") must not stand beside it as if this one had gone
for (const [form, out] of [["fit-form", "fit-result"], ["rfit-form", "rfit-result"], ["adj-form", "adj-result"], ["so-form", "so-result"]]) {
  $(form).addEventListener("invalid", () => $(out).replaceChildren(el("span", { class: "message error", id: out + "-notsent", text: t("ver.notsent") })), true);
}
onLangChange(() => { enpiOptions(); options(); baselineOptions(); render(); });

/** The EnPI choice, each named in the page's language where its name has words ("plant-sec — …"). */
function enpiOptions() {
  $("f-enpi").replaceChildren(...enpis.map(x => el("option", { value: x.enpi, text: x.name ? x.enpi + " — " + enpiName(x) : x.enpi })));
  if (enpi) $("f-enpi").value = enpi;
}
options();
enterprises();
if (!enterprise) message(t("err.noenterprise"));
else await loadEnterprise();

/** The enterprises the caller may choose between (an auditor assigned to several). */
function enterprises() {
  const list = (m.scope && m.scope.enterprises) || [];
  const all = enterprise && !list.includes(enterprise) ? [enterprise, ...list] : list;
  $("f-enterprise-label").hidden = all.length < 2;
  $("f-enterprise").replaceChildren(...all.map(e => el("option", { value: e, text: e })));
  if (enterprise) $("f-enterprise").value = enterprise;
}

/** Fills the select {@code id} with {@code values} (each shown as {@code label}), keeping what was chosen. */
function keep(id, values, label, value = x => x) {
  const s = $(id), v = s.value;
  s.replaceChildren(...values.map(x => el("option", { value: value(x), text: label(x) })));
  if (values.some(x => value(x) === v)) s.value = v;
}

function options() {
  keep("adj-kind", KINDS, k => t("ver.kind." + k));
  keep("adj-method", METHODS, k => t("ver.method." + k));
  keep("so-opinion", OPINIONS, k => t("ver.opinion." + k));
  keep("fit-model", MODELS, k => t("ver.fit.model." + k));
  keep("fit-weather", WEATHER, k => t("ver.fit.weather." + k));
  keep("rfit-model", MODELS, k => t("ver.fit.model." + k));
  methodFields();
  weatherFields();
}

function weatherFields() {
  $("fit-balance-label").hidden = $("fit-weather").value === "none";
}

function methodFields() {
  const refit = $("adj-method").value === "refitted_term";
  $("adj-value-label").hidden = refit;
  $("adj-variable-label").hidden = !refit;
}

async function loadEnterprise() {
  $("enterprise-name").textContent = "– " + enterprise;
  $("adj-form").hidden = !MANAGER;
  $("so-form").hidden = !AUDITOR;
  fitted = null;
  rfitted = null;
  try {
    const overview = await getJson(base() + "/overview");
    days = siteDays(overview);
    // the company by its legal name in the programme registry, as the overview and trends title it
    if (overview.enterprise_name) $("enterprise-name").textContent = "– " + overview.enterprise_name + " (" + enterprise + ")";
  } catch (e) { days = siteDays(null); }
  setZone(days.zone);
  try {
    enpis = (await getJson(base() + "/enpis")).enpis;
    message(null);
  } catch (e) { enpis = []; message(errorText(e)); }
  const wanted = param("enpi");
  enpi = enpis.some(x => x.enpi === wanted) ? wanted : enpis.length ? enpis[0].enpi : null;
  enpiOptions();
  if (!enpi && enpis.length === 0 && !$("message").textContent) message(t("ver.noenpi"), "info");
  $("fit-form").hidden = !MANAGER || !enpi;
  await Promise.all([loadEnpi(), loadResources(), loadProducts()]);
}

/** A product by the name the enterprise gave it, else its code. */
function productName(code) {
  const p = products.find(x => x.product === code);
  return p && p.name ? p.name : code;
}

/** The enterprise's products (listLines), the ones a resource baseline may be per unit of. */
async function loadProducts() {
  try {
    products = (await getJson(base() + "/lines")).lines.flatMap(l => l.products || []);
  } catch (e) { products = []; }
  renderResourceFit();
}

async function loadEnpi() {
  if (!enpi) { baselines = []; adjustments = []; signoffs = []; render(); return; }
  try {
    const [b, a, s] = await Promise.all([getJson(enpiUrl() + "/baselines"), getJson(enpiUrl() + "/adjustments"),
      getJson(enpiUrl() + "/signoffs")]);
    baselines = b.baselines.sort((x, y) => y.version - x.version);
    adjustments = a.adjustments;
    signoffs = s.signoffs;
  } catch (e) { message(errorText(e)); return; }
  periodDefaults();
  render();
  await loadPeriod();
}

/** The versions a dossier or sign-off may name (approved; superseded ones for their old periods). */
function signable() { return baselines.filter(b => b.status === "approved" || b.status === "superseded"); }

/** The versions' options in the page's language ("v2 · approved"), the chosen one kept; returns it. */
function baselineOptions() {
  const sel = $("p-baseline"), keep = sel.value;
  sel.replaceChildren(...signable().map(b => el("option", { value: String(b.version), text: "v" + b.version + " · " + t("baseline.status." + b.status) })));
  if (keep && signable().some(b => String(b.version) === keep)) sel.value = keep;
  return keep;
}

function periodDefaults() {
  const list = signable();
  const sel = $("p-baseline"), keep = baselineOptions();
  // the newest approved version unless the reader chose another
  const approved = list.find(b => b.status === "approved");
  if (chosenBaseline && list.some(b => String(b.version) === keep)) sel.value = keep;
  else if (approved) sel.value = String(approved.version);
  const b = list.find(x => String(x.version) === sel.value);
  // first shown: the version's newest signed-off period, else the days since its period
  const signed = b && signoffs.find(s => s.current && s.baseline_version === b.version);
  if (signed && !$("p-from").value && !$("p-to").value) { $("p-from").value = signed.from; $("p-to").value = signed.to; }
  if (b && (!$("p-from").value || $("p-from").value <= b.to)) $("p-from").value = addDays(b.to, 1);
  if (!$("p-to").value) $("p-to").value = days.yesterday;
}

async function loadPeriod() {
  const v = $("p-baseline").value, from = $("p-from").value, to = $("p-to").value;
  period = null;
  if (v && from && to) {
    try {
      period = await getJson(enpiUrl() + "/savings?baseline=" + enc(v) + "&from=" + from + "&to=" + to);
    } catch (e) { period = { error: refusalText(e) }; }
  }
  renderPeriod();
}

async function loadResources() {
  let list;
  try {
    list = (await getJson(base() + "/resources")).resources;
  } catch (e) { resources = [{ error: errorText(e) }]; renderResources(); renderResourceFit(); return; }
  resources = await Promise.all(list.map(async r => {
    const url = base() + "/resources/" + enc(r.resource);
    try {
      const bs = (await getJson(url + "/baselines")).baselines.sort((x, y) => y.version - x.version);
      // the "to be re-verified" mark is the indicator's against the stored version (entries of its
      // period revised after its approval); it needs a reporting period after the baseline's
      const marks = {};
      await Promise.all(bs.filter(b => b.approved_at).map(async b => {
        const from = addDays(b.to, 1), to = days.yesterday;
        if (from > to) return;
        try { marks[b.version] = await getJson(url + "/indicator?baseline=" + b.version + "&from=" + from + "&to=" + to); }
        catch (e) { marks[b.version] = { error: refusalText(e) }; }
      }));
      return { r, baselines: bs, marks };
    } catch (e) { return { r, error: errorText(e) }; }
  }));
  renderResources();
  renderResourceFit();
}

function render() {
  renderBaselines();
  renderAdjustments();
  renderSignoffs();
  renderPeriod();
  renderResources();
  renderFit();
  renderResourceFit();
}

// ---- the EnPI's baselines ----

/** The failed validity checks of a fit's validity flags ({flag: passed, valid, messages}). */
function failedChecks(validity) {
  return Object.entries(validity || {}).filter(([k, v]) => v === false && k !== "valid").map(([k]) => k);
}

function checkText(flags) {
  return flags.map(f => (has("check." + f) ? t("check." + f) : f)).join(", ");
}

function validityCell(failed, known) {
  if (!known) return el("td", { text: t("value.none") });
  if (!failed.length) return el("td", { class: "ok", text: t("ver.valid") });
  return el("td", { class: "warn" }, el("strong", { text: t("verify.notverifiable") }),
    el("div", { class: "sub", text: t("verify.failed", { flags: checkText(failed) }) }));
}

/** Who took each step when, with the comments (the latest of each; the audit log keeps all). */
function steps(b, opinion) {
  const out = [];
  const line = (key, who, at, text, cls) => {
    if (!at && !who) return;
    const li = el("li", { class: cls || "" }, el("span", { text: t(key, { who: who || t("value.none"), at: dateTime(at) }) }));
    if (text) li.append(el("q", { text }));
    out.push(li);
  };
  line("ver.step.created", b.created_by, b.created_at);
  line("ver.step.submitted", b.submitted_by, b.submitted_at, b.submit_comment);
  line("ver.step.returned", b.returned_by, b.returned_at, b.return_comments, "returned");
  line("ver.step.approved", b.approved_by, b.approved_at, opinion);
  if (b.approved_at && b.approved_by_role && b.approved_by_role !== "auditor") out.push(el("li", { class: "warn", text: t("ver.notauditor") }));
  if (b.superseded_by_version != null) {
    out.push(el("li", { text: t("ver.step.superseded", { n: b.superseded_by_version }) + (b.superseded_at ? " (" + dateTime(b.superseded_at) + ")" : "") }));
  }
  return el("ul", { class: "steps" }, ...out);
}

/**
 * The status of a baseline; beside it each period a current sign-off verifies with it: "verified:
 * 07/11 – 05/12", or "to be re-verified: … · verified on …, before the data changed" once the
 * period's data changed after the sign-off (it said "verified" with figures nobody signed).
 */
function statusCell(b, extra = [], enpiBaseline = true) {
  const td = el("td", {}, el("strong", { class: "status-" + b.status, text: t("baseline.status." + b.status) }));
  if (enpiBaseline && b.status === "approved") {
    for (const s of signoffs.filter(s => s.current && s.baseline_version === b.version && s.opinion !== "not_verified")) {
      const span = date(s.from) + " – " + date(s.to);
      td.append(s.to_be_reverified
        ? el("div", { class: "sub warn", id: "bl-" + b.version + "-so-" + s.id,
            text: t("baseline.status.to_be_reverified") + ": " + span + " · " + t("verify.period.before", { date: date(s.signed_at) }) })
        : el("div", { class: "sub", id: "bl-" + b.version + "-so-" + s.id, text: t("baseline.status.verified") + ": " + span }));
    }
  }
  for (const x of extra) td.append(x);
  return td;
}

function renderBaselines() {
  const rows = baselines.map(b => {
    const failed = failedChecks(b.fit && b.fit.validity);
    return el("tr", { id: "bl-" + b.version },
      el("td", { class: "num", text: "v" + b.version }), el("td", { class: "num", text: b.enpi_version == null ? t("value.none") : "v" + b.enpi_version }),
      el("td", { text: date(b.from) + " – " + date(b.to) }),
      el("td", {}, el("span", { class: "model", text: modelName((b.fit && b.fit.form) || b.model) }), el("div", { class: "sub", id: "bl-" + b.version + "-fit", text: figures(b.fit && b.fit.fit) })),
      statusCell(b), validityCell(failed, !!(b.fit && b.fit.validity)),
      el("td", {}, steps(b, b.opinion)),
      el("td", {}, ...lifecycleActions("bl-" + b.version, b.status, enpiUrl() + "/baselines/" + b.version)));
  });
  $("baselines").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "8", text: enpi ? t("ver.nobaseline") : t("ver.noenpi") }))]));
}

/**
 * The steps of a baseline's lifecycle the caller may take now: the enterprise's administrators
 * submit a draft or returned one; an auditor approves (opinion) or returns (comments) a submitted one.
 */
function lifecycleActions(id, status, url) {
  if (MANAGER && (status === "draft" || status === "returned")) {
    const text = el("textarea", { id: id + "-text", rows: "2", maxlength: "4000", "aria-label": t("ver.comment.submit"), placeholder: t("ver.comment.submit") });
    const b = button(id + "-submit", "ver.act.submit", () => act(() => send(url + "/submit", text.value.trim() ? { comment: text.value.trim() } : {}), "ver.done.submitted"));
    return [text, b];
  }
  if (AUDITOR && status === "submitted") {
    const text = el("textarea", { id: id + "-text", rows: "2", maxlength: "4000", "aria-label": t("ver.comment.review"), placeholder: t("ver.comment.review") });
    const approve = button(id + "-approve", "ver.act.approve", () => required(text, "opinion")
      && act(() => send(url + "/approve", { opinion: text.value.trim() }), "ver.done.approved"));
    const back = button(id + "-return", "ver.act.return", () => required(text, "comments")
      && act(() => send(url + "/return", { comments: text.value.trim() }), "ver.done.returned"));
    return [text, el("div", { class: "actions" }, approve, back)];
  }
  return [];
}

/** A fit's statistics as the page shows them (CV(RMSE) and NMBE in per cent, a rounded 0 unsigned). */
function figures(f) {
  if (!f) return "";
  const pct = (x, d) => (x == null ? t("value.none") : fixed(Math.abs(x * 100) < 0.5 * 10 ** -d ? 0 : x * 100, d));
  return t("ver.fit.figures", { n: num(f.n, 0), r2: fixed(f.r2, 3), cv: pct(f.cv_rmse, 1), nmbe: pct(f.nmbe, 2) });
}

/**
 * Fits a new baseline version over the chosen period (fitBaseline): stored as a draft, its fit
 * shown here and the list refreshed so it can be submitted; a refusal is the API's message.
 */
async function fitBaseline(ev) {
  ev.preventDefault();
  const body = { from: $("fit-from").value, to: $("fit-to").value, model: $("fit-model").value };
  const w = $("fit-weather").value, bp = $("fit-balance").value.trim();
  if (w !== "none") body.weather = bp === "" ? { variable: w } : { variable: w, balance_point: Number(bp) };
  fitted = { running: true };
  renderFit();
  $("fit-submit").disabled = true;
  try {
    fitted = { baseline: await send(enpiUrl() + "/baselines", body) };
  } catch (e) { fitted = { error: e }; }
  $("fit-submit").disabled = false;
  renderFit();
  if (fitted.baseline) await loadEnpi();
}

/** The last fit's answer: the new draft's fit and validity, or the refusal naming the field. */
function renderFit() {
  const out = $("fit-result");
  if (!fitted) { out.replaceChildren(); return; }
  if (fitted.running) { out.replaceChildren(el("span", { text: t("ver.fit.running") })); return; }
  if (fitted.error) { out.replaceChildren(el("span", { class: "message error", id: "fit-error", text: refusalText(fitted.error) })); return; }
  const b = fitted.baseline, fit = b.fit || {}, validity = fit.validity || {};
  const lines = [
    el("strong", { id: "fit-version", text: t("ver.fit.done", { v: b.version, status: t("baseline.status." + b.status), form: modelName(fit.form || b.model) }) }),
    el("div", { id: "fit-figures", text: figures(fit.fit) }),
    validity.valid === true
      ? el("div", { id: "fit-validity", class: "ok", text: t("ver.valid") })
      : el("div", { id: "fit-validity", class: "warn", text: t("ver.fit.invalid", { flags: checkText(failedChecks(validity)) }) })];
  const wx = b.weather;
  if (wx && wx.balance_point != null) {
    lines.push(el("div", { text: t("ver.fit.weatherresult", { v: wx.variable, bp: num(wx.balance_point, 1), origin: t("ver.fit.origin." + wx.balance_point_origin) }) }));
  }
  lines.push(el("div", { class: "sub", text: t("ver.fit.next") }));
  out.replaceChildren(...lines);
}

// ---- adjustments ----

function amount(a) {
  if (a.value == null) return t("ver.adj.fitted");
  const v = a.method === "percentage" ? num(a.value, 3) + " %" : num(a.value, 3);
  return a.std_error ? v + " ± " + num(a.std_error, 3) : v;
}

function renderAdjustments() {
  const rows = adjustments.map(a => {
    const att = a.attachment
      ? el("td", {}, el("a", { id: "adj-" + a.id + "-file", href: enpiUrl() + "/adjustments/" + a.id + "/attachment", text: a.attachment.name }),
        el("div", { class: "sub", text: "SHA-256 " + a.attachment.sha256.substring(0, 12) + "… · " + num(a.attachment.bytes, 0) + " B" }))
      : el("td", { text: t("value.none") });
    const status = el("td", {}, el("strong", { class: "status-" + a.status, text: t("ver.adj.status." + a.status) }),
      el("div", { class: "sub", text: t("ver.step.proposed", { who: a.proposed_by, at: dateTime(a.proposed_at) }) }));
    if (a.decided_at) {
      status.append(el("div", { class: "sub", text: t("ver.step.decided", { who: a.decided_by_account || a.decided_by, at: dateTime(a.decided_at) }) }));
      if (a.decision_comment) status.append(el("q", { text: a.decision_comment }));
    }
    return el("tr", { id: "adj-" + a.id },
      el("td", { class: "num", text: String(a.id) }), el("td", { text: t("ver.kind." + a.kind) }),
      el("td", { text: date(a.from) + " – " + date(a.to) }),
      el("td", { text: t("ver.method." + a.method) + (a.variable ? " (" + a.variable + ")" : "") }),
      el("td", { class: "num", text: amount(a) }), el("td", { text: a.justification }), att, status,
      el("td", {}, ...decisionActions(a)));
  });
  $("adjustments").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "9", text: t("ver.noadjustment") }))]));
}

function decisionActions(a) {
  if (!AUDITOR || a.status !== "proposed") return [];
  const id = "adj-" + a.id, url = enpiUrl() + "/adjustments/" + a.id;
  const text = el("textarea", { id: id + "-text", rows: "2", maxlength: "4000", "aria-label": t("ver.comment.decide"), placeholder: t("ver.comment.decide") });
  const approve = button(id + "-approve", "ver.act.approve", () =>
    act(() => send(url + "/approve", text.value.trim() ? { comment: text.value.trim() } : {}), "ver.done.approved"));
  const reject = button(id + "-reject", "ver.act.reject", () => required(text, "comments")
    && act(() => send(url + "/reject", { comments: text.value.trim() }), "ver.done.rejected"));
  return [text, el("div", { class: "actions" }, approve, reject)];
}

async function propose(ev) {
  ev.preventDefault();
  const v = id => $(id).value.trim();
  const body = { kind: v("adj-kind"), from: v("adj-from"), to: v("adj-to"), method: v("adj-method"), justification: v("adj-justification") };
  if (body.method === "refitted_term") body.variable = v("adj-variable");
  else if (v("adj-value") !== "") body.value = Number(v("adj-value"));
  if (v("adj-stderror") !== "") body.std_error = Number(v("adj-stderror"));
  const out = $("adj-result");
  try {
    const file = $("adj-file").files[0];
    if (file) body.attachment = { name: file.name, media_type: file.type || "application/octet-stream", content_base64: await fileBase64(file) };
    const a = await send(enpiUrl() + "/adjustments", body);
    out.textContent = t("ver.done.proposed", { n: a.id });
    $("adj-form").reset();
    options();
  } catch (e) { out.textContent = refusalText(e); return; }
  await loadEnpi();
}

/** A resource baseline's SEC: four decimals, or four significant digits for a small one (0,0004006 t/crate read 0,0004). */
function secFigure(v) { return Math.abs(v) >= 0.1 ? num(v, 4) : secText(v); }

// ---- sign-offs and the period's dossiers ----

function renderSignoffs() {
  const rows = signoffs.map(s => {
    const state = el("td", {}, el("strong", { text: s.current ? t("ver.so.current") : t("ver.so.superseded", { at: dateTime(s.superseded_at) }) }));
    // to be re-verified, and why: the savings of the period list the rows (revisions, late data)
    if (s.to_be_reverified) state.append(el("div", { class: "warn", id: "so-" + s.id + "-reverify" },
      el("strong", { text: t("baseline.status.to_be_reverified") }),
      ...(s.reverify_because || []).map(k => el("div", { class: "sub", text: t("ver.so.because." + k) })),
      el("ul", { class: "steps", id: "so-" + s.id + "-why" })));
    return el("tr", { id: "so-" + s.id, class: s.current ? "" : "superseded" },
      el("td", { text: date(s.from) + " – " + date(s.to) }), el("td", { class: "num", text: "v" + s.baseline_version }),
      el("td", {}, el("strong", { class: "opinion-" + s.opinion, text: t("ver.opinion." + s.opinion) })),
      el("td", { text: s.signed_by_account || s.signed_by }), el("td", { text: dateTime(s.signed_at) }),
      el("td", { text: s.comments || t("value.none") }),
      el("td", {}, el("code", { class: "hash", id: "so-" + s.id + "-sha", text: s.dossier_sha256 })), state);
  });
  $("signoffs").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "8", text: t("ver.nosignoff") }))]));
  for (const s of signoffs) if (s.current && s.to_be_reverified) reverifyRows(s);
}

/** The rows that make a current sign-off to be re-verified, as its period's savings list them. */
async function reverifyRows(s) {
  const box = $("so-" + s.id + "-why");
  try {
    const v = (await getJson(enpiUrl() + "/savings?baseline=" + s.baseline_version + "&from=" + s.from + "&to=" + s.to)).verification;
    box.replaceChildren(
      ...(v.revisions || []).map(r => el("li", { text: t("ver.so.revised", { p: productName(r.product), d: date(r.day), a: num(r.old_quantity, 3),
        b: num(r.new_quantity, 3), who: r.revised_by, at: dateTime(r.revised_at) }) }, el("q", { text: r.reason }))),
      ...(v.late_data || []).map(d => el("li", { text: t("ver.so.late", { k: t("ver.late." + d.kind), s: d.series, d: date(d.day) })
        + (d.readings || []).map(r => " " + t("ver.so.reading", { ts: dateTime(r.ts), v: num(r.value, 3), at: dateTime(r.received_at) })).join(";") })),
      ...(v.counter_events || []).map(e => el("li", { text: t("ver.so.event." + e.change, { k: t("ver.so.event.kind." + (e.kind || "unknown")), s: e.meter + "/" + e.channel, ts: dateTime(e.ts), at: dateTime(e.changed_at) }) })),
      ...(v.adjustments_approved || []).map(a => el("li", { text: t("ver.so.adjustment", { id: a.id, from: date(a.from), to: date(a.to), who: a.approved_by, at: dateTime(a.approved_at) }) })));
  } catch (e) { box.replaceChildren(el("li", { text: errorText(e) })); }
}

function dossierUrl(l) {
  return enpiUrl() + "/dossier?from=" + $("p-from").value + "&to=" + $("p-to").value + "&lang=" + l + "&baseline=" + enc($("p-baseline").value);
}

function renderPeriod() {
  const ready = !!(enpi && $("p-baseline").value && $("p-from").value && $("p-to").value);
  for (const l of ["vi", "en"]) {
    const a = $("dossier-" + l);
    if (ready) a.href = dossierUrl(l); else a.removeAttribute("href");
  }
  const p = $("period-status");
  if (!enpi || !signable().length) { p.textContent = t("ver.period.noapproved"); return; }
  if (!period) { p.textContent = ""; return; }
  if (period.error) { p.replaceChildren(el("span", { class: "message error", text: period.error })); return; }
  const v = period.verification || {};
  const parts = [el("strong", { id: "period-state", text: verificationText(v) })];
  if (v.verifiable === false) parts.push(el("span", { class: "warn", text: " · " + t("verify.notverifiable") + " (" + t("verify.failed", { flags: checkText(v.failed_checks || []) }) + ")" }));
  // the figures the dossier states and a sign-off verifies: the total with approved adjustments
  const r = period.savings_split || period.reporting, unit = (period.reporting_period || {}).energy_unit || "";
  if (r && r.savings != null) parts.push(el("div", { id: "period-savings", text: t("ver.period.savings", {
    saving: num(r.savings, 0), unit, pct: pct(r.savings_fraction), low: num(r.savings_low, 0), high: num(r.savings_high, 0),
    actual: num(r.actual, 0), adjusted: num(r.adjusted_baseline, 0) }) }));
  p.replaceChildren(...parts);
}

/**
 * Fetches the period's dossier as the auditor will sign it and computes its SHA-256 in this
 * browser (the server records every dossier it issues; a sign-off must name one of those).
 */
async function fetchDossier() {
  const out = $("so-result");
  out.textContent = t("ver.so.fetching");
  let res;
  try {
    res = await fetch(dossierUrl(lang()), { credentials: "same-origin" });
  } catch (e) { out.textContent = t("err.network"); return; }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    out.textContent = refusalText(new ApiError(res.status, body && body.message ? body.message : res.statusText, body && body.parameter));
    return;
  }
  const bytes = await res.arrayBuffer();
  if (!(window.crypto && crypto.subtle)) { out.textContent = t("ver.so.nosubtle"); return; }
  const hash = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map(b => b.toString(16).padStart(2, "0")).join("");
  $("so-hash").value = hash;
  fetched = { hash, version: $("p-baseline").value, from: $("p-from").value, to: $("p-to").value };
  const save = $("so-save");
  if (save.href && save.href.startsWith("blob:")) URL.revokeObjectURL(save.href);
  save.href = URL.createObjectURL(new Blob([bytes], { type: "application/zip" }));
  save.download = "dossier-" + enterprise + "-" + enpi + "-" + fetched.from + "-" + fetched.to + ".zip";
  save.hidden = false;
  out.textContent = t("ver.so.fetched", { n: num(bytes.byteLength, 0) });
}

async function signOff(ev) {
  ev.preventDefault();
  const out = $("so-result");
  const opinion = $("so-opinion").value, comments = $("so-comments").value.trim();
  if (opinion !== "verified" && !comments) { out.textContent = t("ver.required", { f: fieldName("comments") }); return; }
  const body = { baseline_version: Number($("p-baseline").value), from: $("p-from").value, to: $("p-to").value,
    opinion, dossier_sha256: $("so-hash").value.trim() };
  if (comments) body.comments = comments;
  try {
    await send(enpiUrl() + "/signoffs", body);
    out.textContent = t("ver.done.signed");
    $("so-comments").value = "";
  } catch (e) { out.textContent = refusalText(e); return; }
  await loadEnpi();
}

// ---- stored resource baselines ----

function renderResources() {
  const box = $("resources");
  if (!resources.length) { box.replaceChildren(el("p", { text: t("ver.res.none") })); return; }
  box.replaceChildren(...resources.map(x => {
    if (!x.r) return el("p", { class: "message error", text: x.error });
    const title = el("h3", { text: (x.r.name || x.r.resource) + " · " + t("res.kind." + x.r.kind) + " · " + unitText(x.r.unit) });
    if (x.error) return el("div", { id: "res-" + x.r.resource }, title, el("p", { class: "message error", text: x.error }));
    const url = base() + "/resources/" + enc(x.r.resource) + "/baselines/";
    const rows = x.baselines.map(b => {
      const id = "rb-" + x.r.resource + "-" + b.version;
      const v = (b.fit && b.fit.verifiability) || null;
      return el("tr", { id },
        el("td", { class: "num", text: "v" + b.version }), el("td", { text: b.product }),
        el("td", { text: date(b.from) + " – " + date(b.to) }),
        el("td", { text: modelName(b.model_form) + (b.fit && b.fit.baseline_sec != null ? " · " + secFigure(b.fit.baseline_sec) + " " + unitText(b.fit.sec_unit) : "") }),
        statusCell(b, mark(id, x.marks[b.version]), false), validityCell((v && v.failed_checks) || [], !!v),
        el("td", {}, steps(b, b.approval_opinion)),
        el("td", {}, ...lifecycleActions(id, b.status, url + b.version)));
    });
    return el("div", { id: "res-" + x.r.resource }, title, el("div", { class: "scroll" }, el("table", { class: "ver" },
      el("thead", {}, el("tr", {}, ...["ver.col.version", "ver.col.product", "ver.col.period", "ver.col.model", "ver.col.status", "ver.col.validity", "ver.col.steps", "ver.col.actions"]
        .map(k => el("th", { text: t(k) })))),
      el("tbody", {}, ...(rows.length ? rows : [el("tr", {}, el("td", { colspan: "8", text: t("ver.nobaseline") }))])))));
  }));
}

/** The indicator's word on an approved (or superseded) stored version: to be re-verified, and why. */
function mark(id, ind) {
  if (!ind) return [];
  if (ind.error) return [el("div", { class: "sub", id: id + "-mark", text: t("ver.res.nomark", { e: ind.error }) })];
  const sb = ind.stored_baseline || {};
  if (!sb.to_be_reverified) {
    return [el("div", { class: "sub", id: id + "-mark", text: ind.counts_for_programme ? t("ver.res.counts") : t("verify.notverifiable") })];
  }
  const list = el("ul", { class: "steps" }, ...(sb.revisions || []).map(r => el("li", {
    text: t("ver.res.revision", { k: t("ver.entry." + r.type), d: date(r.day), a: num(r.old_quantity, 3) + " " + unitText(r.old_unit),
      b: num(r.new_quantity, 3) + " " + unitText(r.new_unit), who: r.revised_by, at: dateTime(r.revised_at) }) }, el("q", { text: r.reason }))));
  return [el("div", { class: "warn", id: id + "-mark" }, el("strong", { text: t("baseline.status.to_be_reverified") })), list];
}

/**
 * The panel storing a new resource baseline (createResourceBaseline): offered to the enterprise's
 * administrators when the enterprise declares a resource; the resources listed above, the
 * enterprise's products.
 */
function renderResourceFit() {
  const listed = resources.filter(x => x.r).map(x => x.r);
  $("rfit-form").hidden = !MANAGER || !listed.length;
  keep("rfit-resource", listed, r => (r.name ? r.resource + " — " + r.name : r.resource), r => r.resource);
  keep("rfit-product", products, p => (p.name ? p.product + " — " + p.name : p.product), p => p.product);
  $("rfit-submit").disabled = !products.length || !!(rfitted && rfitted.running);
  const out = $("rfit-result");
  if (!products.length) { out.replaceChildren(el("span", { id: "rfit-noproduct", text: t("ver.rfit.noproduct") })); return; }
  if (!rfitted) { out.replaceChildren(); return; }
  if (rfitted.running) { out.replaceChildren(el("span", { text: t("ver.fit.running") })); return; }
  if (rfitted.error) { out.replaceChildren(el("span", { class: "message error", id: "rfit-error", text: refusalText(rfitted.error) })); return; }
  const b = rfitted.baseline, fit = b.fit || {}, v = fit.verifiability || null, failed = (v && v.failed_checks) || [];
  out.replaceChildren(
    el("strong", { id: "rfit-version", text: t("ver.rfit.done", { v: b.version, r: b.resource, p: b.product, status: t("baseline.status." + b.status), form: modelName(b.model_form) }) }),
    el("div", { id: "rfit-period", text: date(b.from) + " – " + date(b.to) }),
    el("div", { id: "rfit-figures", text: t("ver.rfit.figures", { sec: fit.baseline_sec == null ? t("value.none") : secFigure(fit.baseline_sec),
      unit: unitText(fit.sec_unit), n: num(fit.periods, 0), r2: fit.r2 == null ? t("value.none") : fixed(fit.r2, 3),
      cv: fit.cv_rmse == null ? t("value.none") : fixed(fit.cv_rmse * 100, 1) }) }),
    !v ? el("div", { id: "rfit-validity", text: t("value.none") })
      : failed.length ? el("div", { id: "rfit-validity", class: "warn", text: t("ver.fit.invalid", { flags: checkText(failed) }) })
        : el("div", { id: "rfit-validity", class: "ok", text: t("ver.valid") }),
    el("div", { class: "sub", text: t("ver.rfit.next") }));
}

/**
 * Stores a new draft version of the chosen resource's baseline (createResourceBaseline): its
 * figures shown here and the resource's list refreshed so it can be submitted; a refusal is the
 * API's message naming the field.
 */
async function storeResourceBaseline(ev) {
  ev.preventDefault();
  const resource = $("rfit-resource").value;
  const body = { product: $("rfit-product").value, from: $("rfit-from").value, to: $("rfit-to").value, model: $("rfit-model").value };
  rfitted = { running: true };
  renderResourceFit();
  try {
    rfitted = { baseline: await send(base() + "/resources/" + enc(resource) + "/baselines", body) };
  } catch (e) { rfitted = { error: e }; }
  renderResourceFit();
  if (rfitted.baseline) await loadResources();
}

// ---- sending ----

function button(id, key, onClick) {
  const b = el("button", { type: "button", id, text: t(key) });
  b.addEventListener("click", onClick);
  return b;
}

/** A comment the API requires: said here at once, naming the field as the server would. */
function required(text, field) {
  if (text.value.trim()) return true;
  message(t("ver.required", { f: fieldName(field) }));
  text.focus();
  return false;
}

/** POSTs a JSON body with the session's CSRF token; an ApiError naming the field on a refusal. */
function send(url, body) {
  return sendJson("POST", url, body, m.csrf_token);
}

async function act(work, doneKey) {
  try {
    await work();
  } catch (e) { message(refusalText(e)); return; }
  await Promise.all([loadEnpi(), loadResources()]);
  message(t(doneKey), "info");
}
