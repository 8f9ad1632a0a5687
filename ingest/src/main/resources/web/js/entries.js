// Entering production and resource figures (issue 5, issue 17; docs/dashboards.md): a CSV or XLSX
// file is previewed — every row's problem named with its row and column, in the page's language —
// then stored exactly as previewed (the preview's upload_id), with a reason when it changes figures
// an approved baseline or a verified period used. The API does the checking; the page shows it.
import { t, num, date, money, onLangChange, fieldName, refusalWords, refusalReason } from "./i18n.js";
import { getJson, sendJson, sendFile, header, enterpriseOf, message, errorText, refusalText, el, ApiError, productNames, PROGRAMME } from "./app.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MANAGERS = ["system_admin", "enterprise_admin"];
const $ = id => document.getElementById(id);

const m = await header("entries", { signIn: true });
const enterprise = await enterpriseOf(m);
const base = () => "/api/v1/enterprises/" + encodeURIComponent(enterprise);
// what each section previewed: the file (sent again to be stored) and the preview's answer
const state = {
  prod: { url: () => base() + "/production/uploads", file: null, preview: null, done: null, error: null },
  res: { url: () => base() + "/resource-uploads", file: null, preview: null, done: null, error: null },
};
let products = {}, lines = [], resources = [];

if (!enterprise) {
  message(PROGRAMME.includes(m.role) ? t("err.noenterprise.programme") : t("err.noenterprise"));
} else if (!MANAGERS.includes(m.role)) {
  // the server refuses them too (AccessPolicy: previewProductionUpload and the others)
  message(t("ent.managers"), "info");
} else {
  $("enterprise-name").textContent = "– " + enterprise;
  // the company by its legal name in the programme registry, as the overview and trends title it
  getJson(base() + "/overview").then(o => {
    if (o.enterprise_name) $("enterprise-name").textContent = "– " + o.enterprise_name + " (" + enterprise + ")";
  }).catch(() => {});
  $("content").hidden = false;
  for (const kind of ["prod", "res"]) {
    $(kind + "-form").addEventListener("submit", e => { e.preventDefault(); preview(kind); });
    $(kind + "-commit").addEventListener("click", () => commit(kind));
    $(kind + "-file").addEventListener("change", () => {
      const s = state[kind];
      s.file = $(kind + "-file").files[0] || null;
      s.preview = s.done = s.error = null;
      render(kind);
    });
  }
  $("del-kind").addEventListener("change", () => { renderDelete(); showStored(); });
  for (const id of ["del-product", "del-resource", "del-day"]) $(id).addEventListener("change", showStored);
  $("del-form").addEventListener("submit", e => { e.preventDefault(); deleteFigure(); });
  $("one-form").addEventListener("submit", e => { e.preventDefault(); storeOne(); });
  $("one-type").addEventListener("change", renderOne);
  $("one-resource").addEventListener("change", renderOne);
  await loadCodes();
  onLangChange(() => { renderCodes(); render("prod"); render("res"); renderDelete(); renderOne(); showStored(); });
}

/** The codes a file must use: the enterprise's products and its resources entered by hand. */
async function loadCodes() {
  try {
    lines = (await getJson(base() + "/lines")).lines || [];
    products = await productNames(enterprise);
  } catch (e) { lines = []; }
  try {
    resources = ((await getJson(base() + "/resources")).resources || []).filter(r => r.source === "entries");
  } catch (e) { resources = []; }
  renderCodes();
  renderDelete();
  renderOne();
}

/**
 * The one-figure form's choices (the resources entered by hand, the four types), the ones chosen
 * kept; an invoice's amount and currency shown for an invoice only, the unit's placeholder the
 * resource's own.
 */
function renderOne() {
  const fill = (id, items) => {
    const sel = $(id), keep = sel.value;
    sel.replaceChildren(...items.map(([value, text]) => el("option", { value, text })));
    if (items.some(([value]) => value === keep)) sel.value = keep;
  };
  fill("one-resource", resources.map(r => [r.resource, r.name && r.name !== r.resource ? r.resource + " (" + r.name + ")" : r.resource]));
  fill("one-type", ["delivery", "stock_count", "usage", "invoice"].map(x => [x, t("ent.type." + x)]));
  const invoice = $("one-type").value === "invoice";
  $("one-amount-l").hidden = !invoice;
  $("one-currency-l").hidden = !invoice;
  const r = resources.find(x => x.resource === $("one-resource").value);
  $("one-unit").placeholder = r ? r.unit : "";
}

/**
 * Stores one entry typed in the form (postResourceEntries): a file was needed for a single
 * delivery. Answered with what was stored, the figure it replaced, and what the stock ledger now
 * holds wrong; a refused field is named in the page's language.
 */
async function storeOne() {
  const status = $("one-status");
  const say = (text, error) => { status.textContent = text; status.className = "wide" + (error ? " message error" : ""); };
  const code = $("one-resource").value;
  if (!code) { say(t("ent.one.none"), true); return; }
  const type = $("one-type").value;
  // sent as typed: the server reads it by the file's rules and names what is wrong ("1.200" is
  // ambiguous, "12,5" wants a point), where Number("1.200") stored 1.2 without a word
  const figure = v => v.trim();
  const entry = { type, day: $("one-day").value, quantity: figure($("one-quantity").value) };
  if ($("one-unit").value.trim()) entry.unit = $("one-unit").value.trim();
  if ($("one-ref").value.trim()) entry.ref = $("one-ref").value.trim();
  if (type === "invoice" && $("one-amount").value.trim()) {
    entry.amount = figure($("one-amount").value);
    entry.currency = $("one-currency").value.trim();
  }
  const body = { entries: [entry] };
  if ($("one-reason").value.trim()) body.reason = $("one-reason").value.trim();
  $("one-submit").disabled = true;
  try {
    const a = await sendJson("POST", base() + "/resources/" + encodeURIComponent(code) + "/entries", body, m.csrf_token);
    const unit = entry.unit || (resources.find(x => x.resource === code) || {}).unit || "";
    const what = t("ent.type." + type) + " " + code + (entry.ref ? " (" + entry.ref + ")" : "");
    const lines = [t("ent.one.done", { what, day: date(entry.day), q: num(Number(entry.quantity), 3) + " " + unit })];
    for (const r of a.replaced || []) {
      lines.push(t("ent.replaced", { what, day: date(r.day), old: num(r.old_quantity, 3) + (r.old_unit ? " " + r.old_unit : ""),
        now: num(r.quantity != null ? r.quantity : r.new_quantity, 3) + (r.unit ? " " + r.unit : "") }));
    }
    for (const l of a.ledger_problems || []) lines.push(t("ent.ledger", { problem: refusalWords(null, l) }));
    say(lines.join(" · "), false);
    showStored();
  } catch (e) {
    if (e instanceof ApiError && e.body && Array.isArray(e.body.errors) && e.body.errors.length) {
      // "entries[0].quantity: not a non-negative decimal number: 'x'" → the field in words
      say(e.body.errors.map(x => {
        const f = String(x.message || "").match(/^entries\[\d+\](?:\.(\w+))?: (.*)$/);
        return f ? (f[1] ? fieldName(f[1]) + ": " : "") + refusalWords(null, f[2]) : refusalWords(null, x.message);
      }).join(" · "), true);
    } else {
      say(refusalText(e), true);
    }
  } finally {
    $("one-submit").disabled = false;
  }
}

/** The delete form's choices in the page's language, the ones chosen kept. */
function renderDelete() {
  const res = $("del-kind").value === "res";
  $("del-product-l").hidden = res;
  for (const id of ["del-resource-l", "del-type-l", "del-ref-l"]) $(id).hidden = !res;
  const fill = (id, items) => {
    const sel = $(id), keep = sel.value;
    sel.replaceChildren(...items.map(([value, text]) => el("option", { value, text })));
    if (items.some(([value]) => value === keep)) sel.value = keep;
  };
  fill("del-product", Object.keys(products).map(p => [p, products[p] && products[p] !== p ? p + " (" + products[p] + ")" : p]));
  fill("del-resource", resources.map(r => [r.resource, r.name && r.name !== r.resource ? r.resource + " (" + r.name + ")" : r.resource]));
  fill("del-type", ["delivery", "invoice", "stock_count", "usage"].map(x => [x, t("ent.type." + x)]));
}

let storedAsked = 0;

/**
 * What is stored for the chosen code and day, so that the reader deletes the right figure: a
 * resource's entries as buttons that choose their type and ref (a delivery is deleted by its ref).
 */
async function showStored() {
  const out = $("del-stored"), res = $("del-kind").value === "res", day = $("del-day").value;
  const code = res ? $("del-resource").value : $("del-product").value;
  const asked = ++storedAsked;
  if (!code || !day) { out.replaceChildren(); return; }
  try {
    const items = res
      ? (await getJson(base() + "/resources/" + encodeURIComponent(code) + "/entries?from=" + day + "&to=" + day)).entries || []
      : (await getJson(base() + "/production?from=" + day + "&to=" + day + "&product=" + encodeURIComponent(code))).quantities || [];
    if (asked !== storedAsked) return;
    if (!items.length) { out.replaceChildren(t("ent.del.nothing")); return; }
    out.replaceChildren(t("ent.del.stored") + " ", ...items.flatMap((x, i) => {
      const sep = i ? "; " : "";
      if (!res) return [sep, num(x.quantity, 3)];
      const b = el("button", { type: "button", class: "link", text: t("ent.type." + x.type) + (x.ref ? " " + x.ref : "") + ": " + num(x.quantity, 3) + " " + x.unit });
      b.addEventListener("click", () => { $("del-type").value = x.type; $("del-ref").value = x.ref || ""; });
      return [sep, b];
    }));
  } catch (e) {
    if (asked === storedAsked) out.replaceChildren(errorText(e));
  }
}

/**
 * Deletes the figure chosen (deleteProductionQuantity, deleteResourceEntry) once the reader
 * confirms, and says what was deleted and what the day or the stock ledger now holds.
 */
async function deleteFigure() {
  const status = $("del-status"), res = $("del-kind").value === "res", day = $("del-day").value;
  const say = (text, error) => { status.textContent = text; status.className = "wide" + (error ? " message error" : ""); };
  const code = res ? $("del-resource").value : $("del-product").value;
  if (!code) { say(t("ent.del.nochoice"), true); return; }
  if (!day) { say(t("ent.del.noday"), true); return; }
  const ref = $("del-ref").value.trim();
  const what = res
    ? t("ent.type." + $("del-type").value) + " " + code + (ref ? " (" + ref + ")" : "")
    : (products[code] || code);
  if (!window.confirm(t("ent.del.confirm", { what, day: date(day) }))) return;
  const url = res
    ? base() + "/resources/" + encodeURIComponent(code) + "/entries/" + $("del-type").value + "/" + day + (ref ? "?ref=" + encodeURIComponent(ref) : "")
    : base() + "/production/" + encodeURIComponent(code) + "/" + day;
  try {
    const a = await sendJson("DELETE", url, undefined, m.csrf_token);
    const d = a.deleted;
    const lines = [t("ent.del.done", { what, day: date(d.day), q: num(d.quantity, 3) + (d.unit ? " " + d.unit : "") })];
    if (!res) lines.push(a.counters == null ? t("ent.del.nocounters") : t("ent.del.counters", { q: num(a.counters, 3) }));
    for (const l of a.ledger_problems || []) lines.push(t("ent.ledger", { problem: refusalWords(null, l) }));
    say(lines.join(" · "), false);
    showStored();
  } catch (e) {
    // a refusal is not a bad request: said as what could not be done, and why
    say(e instanceof ApiError && e.status === 404 ? t("ent.del.notfound", { what, day: date(day) })
      : e instanceof ApiError && e.status === 409 ? t("ent.del.refused", { why: refusalReason(e.parameter, e.message) })
        : refusalText(e), true);
  }
}

function renderCodes() {
  const code = c => el("code", { translate: "no", text: c });
  const list = items => items.flatMap((x, i) => i ? [", ", x] : [x]);
  $("prod-columns").replaceChildren(...withCodes("ent.prod.columns", {
    req: list(["product", "day", "quantity"].map(code)), opt: list(["line", "note"].map(code)), day: code("YYYY-MM-DD") }));
  $("res-columns").replaceChildren(...withCodes("ent.res.columns", {
    req: list(["resource", "type", "day", "quantity"].map(code)), opt: list(["unit", "ref", "amount", "currency", "note"].map(code)),
    types: list(["delivery", "invoice", "stock_count", "usage"].map(code)), day: code("YYYY-MM-DD") }));
  const ps = lines.flatMap(l => (l.products || []).map(p => [code(p.product), products[p.product] ? " (" + products[p.product] + ")" : ""]));
  $("prod-codes").replaceChildren(...(ps.length ? withCodes("ent.prod.codes", { list: ps.flatMap((x, i) => i ? [", ", ...x] : x) }) : [t("ent.prod.none")]));
  const rs = resources.map(r => [code(r.resource), " (" + (r.name && r.name !== r.resource ? r.name + ", " : "") + r.unit + ")"]);
  $("res-codes").replaceChildren(...(rs.length ? withCodes("ent.res.codes", { list: rs.flatMap((x, i) => i ? [", ", ...x] : x) }) : [t("ent.res.none")]));
}

/**
 * The words of {@code key} with each {name} replaced by the nodes {@code vars[name]} (codes stay
 * as written, marked not to translate).
 */
function withCodes(key, vars) {
  // the words with their placeholders kept: t() fills a missing one with nothing
  const text = t(key, new Proxy({}, { get: (_, k) => "{" + String(k) + "}" }));
  return text.split(/(\{\w+\})/).flatMap(part => {
    const m = part.match(/^\{(\w+)\}$/);
    return m && vars[m[1]] ? vars[m[1]] : [part];
  });
}

/** Sends the chosen file to {@code step} (preview or commit) with the query {@code q}. */
async function send(kind, step, q) {
  const s = state[kind];
  try {
    return await sendFile(s.url() + "/" + step + "?" + q, s.file, /\.xlsx$/i.test(s.file.name) ? XLSX : "text/csv", m.csrf_token);
  } catch (e) {
    // a file with problems is answered with them (422), as a preview is
    if (e instanceof ApiError && e.status === 422 && e.body && Array.isArray(e.body.errors)) return e.body;
    throw e;
  }
}

async function preview(kind) {
  const s = state[kind];
  s.preview = s.done = s.error = null;
  if (!s.file) { s.error = t("ent.nofile"); render(kind); return; }
  $(kind + "-status").textContent = t("ent.previewing");
  try {
    s.preview = await send(kind, "preview", new URLSearchParams({ file_name: s.file.name }));
  } catch (e) { s.error = errorText(e); }
  render(kind);
}

async function commit(kind) {
  const s = state[kind];
  if (!s.preview || !s.preview.valid) return;
  s.done = s.error = null;
  const q = new URLSearchParams({ upload_id: s.preview.upload_id, file_name: s.file.name });
  const reason = $(kind + "-reason").value.trim();
  if (reason) q.set("reason", reason);
  $(kind + "-commit").disabled = true;
  try {
    const answer = await send(kind, "commit", q);
    if (Array.isArray(answer.errors)) s.preview = answer; else s.done = answer;
  } catch (e) {
    s.error = e instanceof ApiError && e.status === 409 ? t("ent.changed") : errorText(e);
  }
  render(kind);
}

/** A refused row in the page's language: "Dòng 4, cột C — số lượng (quantity): …". */
function problemText(p) {
  const raw = String(p.message || "").replace(/^row \d+(, column [^:]+)?: /, "");
  const where = p.row > 0 ? t("ent.err.row", { row: p.row })
    + (p.column ? ", " + t("ent.err.column", { column: (p.column_letter ? p.column_letter + " — " : "") + fieldName(p.column) }) : "") : "";
  return (where ? where + ": " : "") + refusalWords(null, raw);
}

function render(kind) {
  const s = state[kind], status = $(kind + "-status"), errors = $(kind + "-errors");
  const p = s.preview;
  $(kind + "-commit").disabled = !(p && p.valid) || !!s.done;
  errors.replaceChildren(...(p ? (p.errors || []).map(x => el("li", { text: problemText(x) })) : []));
  const rows = p && p.rows ? p.rows : [];
  $(kind + "-table").hidden = !rows.length;
  $(kind + "-rows").replaceChildren(...rows.slice(0, 200).map(r => el("tr", {}, el("td", { class: "num", text: String(r.row) }),
    ...(kind === "prod"
      ? [el("td", { text: r.product + (products[r.product] ? " (" + products[r.product] + ")" : "") }), el("td", { text: date(r.day) }), el("td", { class: "num", text: num(r.quantity, 3) })]
      : [el("td", { text: r.resource }), el("td", { text: t("ent.type." + r.type) }), el("td", { text: date(r.day) }),
        el("td", { class: "num", text: num(r.quantity, 3) + " " + r.unit }), el("td", { text: r.ref || "" }),
        // an invoice's money, to be checked before it is stored (the preview left it out)
        el("td", { class: "num", text: r.amount != null ? money(r.amount, r.currency || "VND") : "" })]))));
  if (s.error) { status.textContent = s.error; status.className = "wide message error"; return; }
  status.className = "wide";
  if (s.done) {
    // the same file again: what changed or was deleted since is stored again, else nothing changes
    const lines = [s.done.already_committed
      ? (s.done.stored > 0 ? t("ent.again", { n: num(s.done.stored, 0) }) : t("ent.already"))
      : t("ent.stored", { n: num(s.done.stored, 0) })];
    for (const r of s.done.replaced || []) {
      // a resource entry's figures carry their units (150 t replaced by 60 000 kg); a product is named
      const unit = u => (u ? " " + u : "");
      lines.push(t("ent.replaced", { what: r.product ? (products[r.product] || r.product) : r.resource + " " + t("ent.type." + r.type), day: date(r.day),
        old: num(r.old_quantity, 3) + unit(r.old_unit) + (r.old_source === "counters" ? " " + t("ent.fromcounters") : ""), now: num(r.quantity != null ? r.quantity : r.new_quantity, 3) + unit(r.unit) }));
    }
    for (const l of s.done.ledger_problems || []) lines.push(t("ent.ledger", { problem: refusalWords(null, l) }));
    status.textContent = lines.join(" · ");
    return;
  }
  status.textContent = !p ? (s.file ? t("ent.chosen", { name: s.file.name }) : "")
    : p.valid ? t("ent.valid", { n: num(rows.length, 0) })
      // a figure an approved baseline or a verified period used: the commit needs a reason
      + (p.reason_needed ? " " + t("ent.reasonneeded", { why: refusalWords(null, p.reason_needed) }) : "")
      // what the stock ledger would hold wrong once the file is stored (before, only the commit said)
      + (p.ledger_problems || []).map(l => " · " + t("ent.ledger.preview", { problem: refusalWords(null, l) })).join("")
    : t("ent.invalid", { n: num((p.errors || []).length, 0) });
}
