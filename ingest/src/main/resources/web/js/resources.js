// Resources per unit of product on the overview (issue 17, docs/resources.md): for each resource
// the site tracks (energy carriers, water, materials), its specific consumption per unit of the
// first EnPI's product over the EnPI baseline's period and since, the savings with their band,
// and the progress to the 8 % and 13 % targets. The numbers are the API's
// (GET .../resources/{resource}/indicator); nothing is computed here.
import { t, num, fixed, pct, date, unitText, locale, modelName, money, currencyUnit, secText, secScale } from "./i18n.js";
import { getJson, errorText, errorParts, el, addDays, siteDays, productNames } from "./app.js";

let state = null;

/** Reads the resources and their indicators; the EnPI gives the product and the baseline period. */
export async function loadResources(enterprise, overview) {
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise);
  const s = { items: [] };
  try {
    const resources = (await getJson(base + "/resources")).resources;
    if (!resources.length) { state = { none: "res.none" }; return; }
    const enpis = overview.enpis || [];
    if (!enpis.length) { state = { none: "res.noenpi", resources }; return; }
    const enpiUrl = base + "/enpis/" + encodeURIComponent(enpis[0].enpi);
    const [enpi, baselines] = await Promise.all([getJson(enpiUrl), getJson(enpiUrl + "/baselines")]);
    const approved = baselines.baselines.filter(b => b.status === "approved");
    const b = (approved.length ? approved : baselines.baselines).sort((x, y) => y.version - x.version)[0];
    if (!b || !enpi.products.length) { state = { none: "res.noenpi", resources }; return; }
    const { yesterday } = siteDays(overview);
    s.product = enpi.products[0];
    // its name as the enterprise gave it ("per unit of can-beer" read the code)
    s.productName = (await productNames(enterprise))[s.product] || s.product;
    s.baseline = b;
    s.from = addDays(b.to, 1);
    s.to = yesterday;
    s.items = await Promise.all(resources.map(async r => {
      const q = "?product=" + encodeURIComponent(s.product) + "&baseline_from=" + b.from + "&baseline_to=" + b.to
        + "&from=" + s.from + "&to=" + s.to;
      try { return { r, ind: await getJson(base + "/resources/" + encodeURIComponent(r.resource) + "/indicator" + q) }; }
      catch (e) { return { r, error: e }; }
    }));
  } catch (e) { s.error = errorText(e); }
  state = s;
}

/** Draws the panels into #resources-body (again on a language change). */
export function renderResources() {
  const box = document.getElementById("resources-body");
  if (!box || !state) return;
  if (state.error) { box.replaceChildren(el("p", { class: "message error", text: state.error })); return; }
  if (state.none) {
    const list = (state.resources || []).map(r => r.name || r.resource).join(", ");
    box.replaceChildren(el("p", { text: t(state.none) + (list ? " (" + list + ")" : "") }));
    return;
  }
  const intro = el("p", { id: "res-intro", text: t("res.intro", { product: state.productName || state.product, from: date(state.baseline.from), to: date(state.baseline.to), since: date(state.from) }) });
  const panels = el("div", { class: "kpis" }, ...state.items.map(panel));
  box.replaceChildren(intro, panels);
}


function panel({ r, ind, error }) {
  const id = "res-" + r.resource;
  const title = el("div", { class: "label", text: (r.name || r.resource) + " · " + t("res.kind." + r.kind) + " · " + t("res.source." + r.source) });
  if (error) return el("div", { class: "card kpi", id }, title, el("div", { class: "sub message error", id: id + "-error" }, ...errorParts(error)));
  // both figures in one unit that reads well: 11,9 g/sp, not 0,0000119 t/sp
  const scale = secScale([ind.reporting_sec, ind.baseline_sec], ind.sec_unit);
  const unit = unitText(scale.unit);
  const own = unitText(ind.unit);
  const parts = [title,
    el("div", {}, el("span", { class: "value", id: id + "-sec", text: secText(scale.of(ind.reporting_sec)) }), el("span", { class: "unit", text: unit })),
    el("div", { class: "sub", id: id + "-baseline", text: t("res.baseline") + ": " + secText(scale.of(ind.baseline_sec)) + " " + unit + " · " + t("res.model") + " " + modelName(ind.model) }),
    el("div", { class: "sub", id: id + "-savings", text: t("res.savings") + ": " + num(ind.savings, 1) + " " + own + " (" + pct(ind.savings_fraction) + ") · "
      + t("savings.band") + " " + num(ind.savings_low, 1) + " … " + num(ind.savings_high, 1) + " " + own })];
  // the money the invoices state (issue 17): per unit of product since, and in the baseline period
  const cost = (ind.reporting && ind.reporting.cost) || (ind.baseline && ind.baseline.cost);
  if (cost && cost.per_unit_unit) {
    // the currency as the overview's money writes it: ₫/hl, not VND/hl beside 1.234 ₫
    const pu = currencyUnit(cost.per_unit_unit);
    parts.push(el("div", { class: "sub", id: id + "-cost", text: t("res.cost") + ": " + num(ind.reporting_cost_per_unit, 0) + " " + pu
      + " (" + t("res.baseline").toLowerCase() + " " + num(ind.baseline_cost_per_unit, 0) + " " + pu + ")"
      + (ind.reporting.cost && ind.reporting.cost.amount != null ? " · " + money(ind.reporting.cost.amount, ind.reporting.cost.currency) : "") }));
  }
  for (const tg of ind.targets || []) {
    const key = Math.round(tg.target * 100) === 8 ? "target.8" : "target.13";
    parts.push(el("div", { class: "sub", text: t(key) + ": " + t("target." + tg.status) }));
  }
  // measured against the EnPI's baseline period, which nobody approved as this resource's baseline
  if (!ind.counts_for_programme) parts.push(el("div", { class: "sub", id: id + "-label", text: t("res.unapproved") }));
  return el("div", { class: "card kpi", id }, ...parts);
}
