// The public CP section (issue 18), no sign-in: what the province's officers published (news and
// activities with date and attendance, the yearly CP plans) and the measures catalogue's entries
// with their verified savings, in Vietnamese or English.
import { t, num, pct, money, date, lang, onLangChange, periodText } from "./i18n.js";
import { getJson, header, message, errorText, el } from "./app.js";

let data = null;
await header("cp");
onLangChange(render);
try {
  data = await getJson("/api/v1/cp-public");
  message(null);
} catch (e) { message(errorText(e)); }
render();

function pick(item, field) {
  return (lang() === "en" && item[field + "_en"]) || item[field + "_vi"] || "";
}

function item(x) {
  const meta = [t("cp.kind." + x.kind)];
  if (x.date) meta.push(date(x.date));
  if (x.plan_year) meta.push(String(x.plan_year));
  if (x.attendance != null) meta.push(t("cp.attendance", { n: num(x.attendance, 0) }));
  return el("li", { id: "item-" + x.code },
    el("strong", { text: pick(x, "title") }), el("span", { class: "sub", text: " · " + meta.join(" · ") }),
    el("p", { text: pick(x, "body") }));
}

function render() {
  if (!data) return;
  const none = () => el("li", { text: t("cp.none") });
  const acts = data.activities.map(item);
  document.getElementById("activities").replaceChildren(...(acts.length ? acts : [none()]));
  const plans = data.plans.map(item);
  document.getElementById("plans").replaceChildren(...(plans.length ? plans : [none()]));
  const typeName = x => lang() === "en" ? x.type_en : x.type_vi;
  const share = f => f.denominator ? num(f.numerator, 0) + "/" + num(f.denominator, 0) + " (" + pct(f.share) + ")" : t("value.none");
  const ach = (data.achievements || []).map(a => el("tr", { id: "achievement-" + a.period },
    el("td", { text: periodText(a.period) }), el("td", { class: "num", text: num(a.figures.facilities, 0) }),
    el("td", { class: "num", text: share(a.figures.aware) }),
    el("td", { class: "num", text: share(a.figures.applying) }),
    el("td", { class: "num", text: share(a.figures.officers_trained) }),
    el("td", { class: "num", text: a.figures.energy_saved_verified.toe == null ? t("value.none") : num(a.figures.energy_saved_verified.toe, 1) })));
  document.getElementById("achievements").replaceChildren(...(ach.length ? ach
    : [el("tr", {}, el("td", { colspan: "6", text: t("cp.none") }))]));
  const pilots = (data.pilot_sites || []).map(p => el("li", { id: "pilot-" + p.code },
    el("a", { href: p.showcase, text: pick(p, "title") }), el("p", { text: pick(p, "body") })));
  document.getElementById("pilots").replaceChildren(...(pilots.length ? pilots : [none()]));
  const notes = (data.guidance || []).map(n => el("li", { id: "guidance-" + n.code },
    el("strong", { text: pick(n, "title") }),
    el("span", { class: "sub", text: " · " + t("cp.col.sector") + " " + n.sector + " · " + (n.entries.length === 1 ? t("cp.cites.one") : t("cp.cites", { n: num(n.entries.length, 0) })) }),
    el("p", { text: pick(n, "body") }),
    el("a", { href: "/api/v1/cp-public/guidance/" + encodeURIComponent(n.code) + "/document?lang=" + lang(), text: t("cp.download") })));
  document.getElementById("guidance").replaceChildren(...(notes.length ? notes : [none()]));
  const entries = data.catalogue.entries.map(x => el("tr", {},
    el("td", { text: x.sector || t("value.none") }), el("td", { text: typeName(x) }),
    el("td", { text: x.description + (x.legal_name_vi ? " (" + x.legal_name_vi + ")" : "") }),
    el("td", { class: "num", text: money(x.investment, "VND") }),
    savingCell(x.verified),
    el("td", { class: "num", text: x.payback_years == null ? t("value.none") : t("cp.years", { n: num(x.payback_years, 1) }) })));
  // an empty catalogue says why when measures wait for an auditor (a period to sign off, or to
  // sign off again after its data changed), not "nothing published"
  const pending = data.catalogue.pending_verification || 0;
  document.getElementById("catalogue").replaceChildren(...(entries.length ? entries
    : [el("tr", {}, el("td", { colspan: "6", id: "catalogue-empty", text: pending ? t("cp.catalogue.pending", { n: num(pending, 0) }) : t("cp.none") }))]));
  document.getElementById("aggregates").replaceChildren(...data.catalogue.aggregates.map(g => el("tr", {},
    el("td", { text: g.sector || t("value.none") }), el("td", { text: t("cp.type." + g.type) }),
    el("td", { class: "num", text: num(g.entries, 0) }),
    el("td", { class: "num", text: pct(g.median_savings_fraction) }),
    el("td", { class: "num", text: g.median_payback_years == null ? t("value.none") : t("cp.years", { n: num(g.median_payback_years, 1) }) }))));
  // entries whose saving holds other measures of their period are not one type's result
  const leftOut = data.catalogue.aggregates_left_out || 0;
  const note = document.getElementById("aggregates-note");
  note.hidden = !leftOut;
  note.textContent = leftOut ? t("cp.aggregates.leftout", { n: num(leftOut, 0) }) : "";
}

/**
 * The verified saving of a measure's EnPI as a reader can weigh it: the fraction, its band at the
 * savings' confidence, the EnPI and the period. It is the EnPI's, every measure of the period
 * together (a visitor read a whole plant's 10 % as one 45-million-đồng fix's).
 */
function savingCell(v) {
  if (!v || v.savings_fraction == null) return el("td", { class: "num", text: t("value.none") });
  const k = v.savings ? v.savings_fraction / v.savings : null;
  return el("td", { class: "num" }, document.createTextNode(pct(v.savings_fraction)),
    k != null && v.savings_low != null && v.savings_high != null
      ? el("div", { class: "sub", text: t("cp.saving.band", { level: pct(v.confidence, 0), low: pct(v.savings_low * k), high: pct(v.savings_high * k) }) }) : "",
    el("div", { class: "sub", text: v.enpi + " · " + date(v.from) + " – " + date(v.to) }),
    (v.other_measures || []).length
      ? el("div", { class: "sub others", text: t("cp.saving.others", { n: num(v.other_measures.length, 0), types: v.other_measures.map(m => t("cp.type." + m.type)).join(", ") }) }) : "");
}
