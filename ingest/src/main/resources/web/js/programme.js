// The province's CP programme for its officers (issue 16): the registry's facilities the caller
// may read, filterable by district, sector and stage, and the indicators (ProgrammeCalculator, the
// same JSON as `analytics programme`) with progress bars against their targets.
import { t, num, pct, onLangChange } from "./i18n.js";
import { getJson, header, message, errorText, param, el } from "./app.js";

const STAGES = ["not_reached", "aware", "potential_assessed", "assessment_done", "applying", "savings_verified"];
const FIGURES = [
  ["aware", i => i.aware],
  ["applying", i => i.applying],
  ["saving8", i => i.verified.saving_low.any_resource],
  ["saving13", i => i.verified.saving_high.any_resource],
  ["saving8.indicative", i => i.indicative.saving_low.any_resource],
  ["officers", i => i.officers_trained],
];
let all = [], indicators = null;

await header("programme", { signIn: true });
const f = { district: document.getElementById("f-district"), sector: document.getElementById("f-sector"),
  stage: document.getElementById("f-stage"), asof: document.getElementById("f-asof") };
f.district.value = param("district") || "";
f.asof.value = param("as_of") || "";
for (const x of Object.values(f)) x.addEventListener("change", load);
onLangChange(render);
await load();

async function load() {
  const q = new URLSearchParams();
  if (f.asof.value) q.set("as_of", f.asof.value);
  const scope = new URLSearchParams(q);
  if (f.district.value) scope.set("district", f.district.value);
  if (f.sector.value) scope.set("sector", f.sector.value);
  try {
    all = (await getJson("/api/v1/programme/facilities?" + q)).facilities;
    indicators = await getJson("/api/v1/programme/indicators?" + scope);
    message(null);
  } catch (e) { message(errorText(e)); return; }
  render();
}

function options(select, values, label) {
  const current = select.value || param(select.id.substring(2)) || "";
  select.replaceChildren(el("option", { value: "", text: t("programme.all") }),
    ...values.map(v => el("option", { value: v, text: label(v) })));
  select.value = values.includes(current) ? current : "";
}

function render() {
  options(f.district, [...new Set(all.map(x => x.district))].sort(), v => v);
  options(f.sector, [...new Set(all.map(x => x.vsic))].sort(), v => v);
  options(f.stage, STAGES, v => t("stage." + v));
  const rows = all.filter(x => (!f.district.value || x.district === f.district.value)
    && (!f.sector.value || x.vsic.startsWith(f.sector.value)) && (!f.stage.value || x.stage === f.stage.value));
  document.getElementById("facilities").replaceChildren(...rows.map(x => el("tr", { id: "fac-" + x.enterprise },
    el("td", { text: x.short_name || x.legal_name_vi }), el("td", { text: x.district }),
    el("td", { text: x.industrial_park || t("value.none") }), el("td", { text: x.vsic }),
    el("td", { class: "stage", text: t("stage." + x.stage) }),
    el("td", { class: "num", text: num(x.officers_trained, 0) + " / " + num(x.officers, 0) }),
    el("td", { text: x.key_energy_user.key_energy_user ? t("programme.keu.yes") : t("programme.keu.no") }))));
  document.getElementById("count").textContent = t("programme.count", { n: num(rows.length, 0), all: num(all.length, 0) });
  if (!indicators) return;
  document.getElementById("ind-scope").textContent = t("programme.asof.text", { date: indicators.as_of })
    + (f.district.value ? " · " + f.district.value : "") + (f.sector.value ? " · VSIC " + f.sector.value : "");
  document.getElementById("indicators").replaceChildren(...FIGURES.map(([key, pick]) => {
    const fig = pick(indicators.indicators);
    const share = fig.share == null ? 0 : fig.share;
    const target = fig.target;
    const progress = target ? Math.max(0, Math.min(1, share / target)) : share;
    const fill = el("span");
    fill.style.width = (progress * 100).toFixed(1) + "%";
    return el("div", { class: "card kpi", id: "ind-" + key.replace(".", "-") },
      el("div", { class: "label", text: t("programme.ind." + key) }),
      el("div", {}, el("span", { class: "value", text: fig.share == null ? t("value.none") : pct(fig.share) })),
      el("div", { class: "sub", text: t("programme.fraction", { n: num(fig.numerator, 0), d: num(fig.denominator, 0) })
        + (target != null ? " · " + t("programme.target", { target: pct(target, 0) }) : "") }),
      el("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100",
        "aria-valuenow": String(Math.round(progress * 100)), "aria-label": t("programme.ind." + key) }, fill));
  }));
}
