// CP assessments (issue 18) for enterprises and officers: the assessments in the caller's scope
// (searchCpAssessments), one opened with its six steps, its options with payback and verified
// savings, and its report to download (PDF, XLSX, DOCX in Vietnamese or English).
import { t, num, pct, money, date, lang, onLangChange } from "./i18n.js";
import { getJson, header, message, errorText, el, param } from "./app.js";

let list = null, one = null;
await header("cp-assessments", { signIn: true });
onLangChange(render);
try {
  list = (await getJson("/api/v1/cp-assessments")).assessments;
  message(null);
} catch (e) { message(errorText(e)); }
const e0 = param("enterprise"), a0 = param("assessment");
if (e0 && a0) await open(e0, a0); else render();

async function open(enterprise, assessment) {
  try {
    one = await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/cp-assessments/" + encodeURIComponent(assessment));
    message(null);
  } catch (e) { one = null; message(errorText(e)); }
  render();
}

function years(v) { return v == null ? t("value.none") : t("cp.years", { n: num(v, 2) }); }

function render() {
  if (list) {
    const rows = list.map(a => {
      const link = el("a", { href: "?enterprise=" + encodeURIComponent(a.enterprise) + "&assessment=" + encodeURIComponent(a.assessment), text: a.assessment + " — " + a.title });
      link.addEventListener("click", ev => {
        ev.preventDefault();
        history.replaceState(null, "", link.getAttribute("href"));
        open(a.enterprise, a.assessment);
      });
      return el("tr", { id: "a-" + a.enterprise + "-" + a.assessment },
        el("td", { text: a.enterprise }), el("td", {}, link), el("td", { text: t("cpa.status." + a.status) }),
        el("td", { class: "num", text: num(a.implemented, 0) + "/" + num(a.options, 0) }),
        el("td", { class: "num", text: money(a.investment, "VND") }),
        el("td", { class: "num", text: money(a.money_saving, "VND") }),
        el("td", { class: "num", text: years(a.payback_years) }));
    });
    document.getElementById("assessments").replaceChildren(...(rows.length ? rows
      : [el("tr", {}, el("td", { colspan: "7", text: t("cpa.none") }))]));
  }
  const box = document.getElementById("one");
  box.hidden = !one;
  if (!one) return;
  document.getElementById("h-one").textContent = one.code + " — " + one.title;
  document.getElementById("one-meta").textContent = [one.enterprise, one.site, t("cpa.kind." + one.kind),
    t("cpa.status." + one.status), date(one.started_on)].filter(x => x).join(" · ");
  document.getElementById("steps").replaceChildren(...one.steps.map(s => el("li", { id: "step-" + s.step },
    el("span", { text: (lang() === "en" ? s.label_en : s.label_vi) + ": " }), el("strong", { text: t("cpa.task." + s.status) }))));
  document.getElementById("options").replaceChildren(...one.options.map(o => el("tr", { id: "opt-" + o.code },
    el("td", { text: o.code }), el("td", { text: t("cp.type." + o.type) }), el("td", { text: o.description }),
    el("td", { class: "num", text: money(o.investment, "VND") }),
    el("td", { class: "num", text: money(o.money_saving, "VND") }),
    el("td", { class: "num", text: years(o.payback_years) }),
    el("td", { text: o.decision ? t("cpa.decision." + o.decision) : t("value.none") }),
    el("td", { class: "num", text: !o.verified ? t("value.none") : o.verified.status === "verified" ? pct(o.verified.savings_fraction) : o.verified.status === "indicative" ? pct(o.verified.savings_fraction) + " — " + t("cpa.indicative") : o.verified.status === "to_be_reverified" ? pct(o.verified.savings_fraction) + " — " + t("cpa.reverify") : t("cpa.pending") }))));
  const base = "/api/v1/enterprises/" + encodeURIComponent(one.enterprise) + "/cp-assessments/" + encodeURIComponent(one.code) + "/report";
  const links = [];
  for (const f of ["pdf", "xlsx", "docx"]) for (const l of [lang(), lang() === "vi" ? "en" : "vi"]) {
    links.push(el("li", {}, el("a", { id: "dl-" + f + "-" + l, href: base + "?format=" + f + "&lang=" + l, text: f.toUpperCase() + " · " + t("cpa.lang." + l) })));
  }
  document.getElementById("downloads").replaceChildren(...links);
}
