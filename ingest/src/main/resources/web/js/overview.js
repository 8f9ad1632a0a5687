// Enterprise overview: live power per meter and total, energy today (kWh, TOE, t CO2), SEC and
// savings against the baseline, progress to the 8 % and 13 % targets, meters online/offline.
import { t, has, num, fixed, pct, money, date, dateTime, onLangChange, apply, setZone, unitText, enpiName, verificationText, periodVerifiedText } from "./i18n.js";
import { loadResources, renderResources } from "./resources.js";
import { getJson, header, enterpriseOf, message, errorText, LiveChannel, el, addDays, siteDays, baselinePeriodSec, QUARANTINE_READERS, PROGRAMME } from "./app.js";

let overview = null;
let enpiState = null;
let enterprise = null;

const m = await header("overview", { signIn: true });
enterprise = await enterpriseOf(m);
if (!enterprise) {
  message(m.role === "anonymous" ? t("err.signin")
    : PROGRAMME.includes(m.role) ? t("err.noenterprise.programme")
    : t("err.noenterprise"));
} else {
  document.getElementById("enterprise-name").textContent = "– " + enterprise;
  await load();
  loadQuarantine();
  if (overview) {
    const live = new LiveChannel("/api/v1/live?enterprise=" + encodeURIComponent(enterprise), onReading);
    live.onopen = () => load();
    setInterval(() => { load(); loadQuarantine(); }, 60000);
    loadEnpi();
    loadResources(enterprise, overview).then(renderResources);
  }
}
onLangChange(() => { render(); renderEnpi(); renderResources(); renderQuarantine(); });

// how many of the enterprise's messages are still in quarantine and when the newest arrived (null:
// none, or not asked: a role that may not read the quarantine): readings the enterprise sent that
// are not stored, said where it looks, without reading the messages themselves
let quarantined = null;

async function loadQuarantine() {
  if (!QUARANTINE_READERS.includes(m.role)) return;
  try {
    const q = await getJson("/api/v1/quarantine/summary?enterprise=" + encodeURIComponent(enterprise));
    quarantined = q.in_quarantine > 0 ? q : null;
  } catch (e) {
    quarantined = null;
  }
  renderQuarantine();
}

function renderQuarantine() {
  const note = document.getElementById("quarantine-note");
  note.hidden = !quarantined;
  if (!quarantined) { note.replaceChildren(); return; }
  note.replaceChildren(t("overview.quarantine", { n: num(quarantined.in_quarantine, 0), at: dateTime(quarantined.newest_received_at) }), " ",
    el("a", { id: "quarantine-link", href: "/quarantine.html?enterprise=" + encodeURIComponent(enterprise), text: t("overview.quarantine.link") }));
}

async function load() {
  try {
    const fresh = await getJson("/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/overview");
    keepNewerLiveValues(fresh, overview);
    overview = fresh;
    setZone(siteDays(overview).zone);
    // the registry's name when the enterprise is in the programme, with its code
    document.getElementById("enterprise-name").textContent =
      "– " + (overview.enterprise_name ? overview.enterprise_name + " (" + enterprise + ")" : enterprise);
    message(null);
    document.getElementById("content").hidden = false;
    render();
  } catch (e) {
    if (!overview) document.getElementById("content").hidden = true;
    message(errorText(e));
  }
}

const instant = ts => (ts ? Date.parse(ts) : -Infinity);

/**
 * A snapshot may have been read before a reading that the live feed delivered while the snapshot was
 * on its way (the feed reopens and asks for a snapshot at once): keep the newer live power and
 * last-seen of each meter instead of going back to the older stored ones.
 */
function keepNewerLiveValues(fresh, previous) {
  if (!previous) return;
  let kept = false;
  for (const row of fresh.meters) {
    const old = previous.meters.find(x => x.meter === row.meter);
    if (!old) continue;
    if (old.power_kw != null && instant(old.power_ts) > instant(row.power_ts)) {
      row.power_channel = old.power_channel; row.power_kw = old.power_kw;
      row.power_ts = old.power_ts; row.power_quality = old.power_quality;
      kept = true;
    }
    if (instant(old.last_seen) > instant(row.last_seen)) {
      row.last_seen = old.last_seen; row.online = old.online;
      kept = true;
    }
  }
  if (kept) totals(fresh);
}

function totals(o) {
  const withPower = o.meters.filter(x => x.power_kw != null);
  o.power_kw = withPower.length ? withPower.reduce((a, x) => a + x.power_kw, 0) : null;
  o.meters_online = o.meters.filter(x => x.online).length;
  o.meters_offline = o.meters.length - o.meters_online;
}

/** A stored reading arrived: power and last-seen of its meter, and the total, without a reload. */
function onReading(r) {
  if (!overview) return;
  const row = overview.meters.find(x => x.meter === r.meter);
  if (!row) { load(); return; }
  row.last_seen = !row.last_seen || r.ts > row.last_seen ? r.ts : row.last_seen;
  row.online = true;
  if (r.kind === "gauge" && r.unit === "KWT" && (!row.power_channel || row.power_channel === r.channel)) {
    if (!row.power_ts || r.ts >= row.power_ts) {
      row.power_channel = r.channel; row.power_kw = r.value; row.power_ts = r.ts; row.power_quality = r.quality;
      const cell = document.getElementById("power-" + r.meter);
      if (cell) { cell.classList.remove("flash"); void cell.offsetWidth; cell.classList.add("flash"); }
    }
  }
  totals(overview);
  render();
}

/**
 * Production the gateways counted for products the enterprise has not declared: a typo in a
 * gateway's production mapping fed nothing and left no trace. Named, with what to do.
 */
function renderUndeclared() {
  const note = document.getElementById("undeclared-note");
  const list = overview.undeclared_production || [];
  note.hidden = !list.length;
  note.textContent = list.length ? t("overview.undeclared", {
    list: list.map(u => t("overview.undeclared.item", { product: u.product, line: u.line, n: num(u.counts, 0), at: dateTime(u.last) })).join("; ") }) : "";
}

/**
 * The gateways: what each last said of itself (its status message, or the broker's last will),
 * when its last message came, and the numbered messages that never arrived: readings in them are
 * not stored, and the gateway no longer holds them.
 */
function renderGateways() {
  const list = overview.gateways || [];
  document.getElementById("gateways-section").hidden = !list.length;
  document.getElementById("gateways").replaceChildren(...list.map(g => {
    // the gateway's own words, in the page's language where they are the ones it sends
    const said = has("gw.reason." + g.status_reason) ? t("gw.reason." + g.status_reason) : g.status_reason;
    const reason = said ? " (" + said + ")" : "";
    const status = g.status == null ? t("gw.status.none")
      : t("gw.status." + g.status, { at: dateTime(g.status_at) }) + reason;
    const ranges = g.missing.map(x => t("gw.missing.range", {
      seq: x.from === x.to ? String(x.from) : x.from + "–" + x.to, at: dateTime(x.since) }));
    if (g.missing_ranges > g.missing.length) ranges.push(t("gw.missing.more", { n: num(g.missing_ranges - g.missing.length, 0) }));
    const missing = g.messages_missing
      ? t("gw.missing", { n: num(g.messages_missing, 0), ranges: ranges.join("; ") }) : t("gw.missing.none");
    return el("tr", { id: "gw-" + g.gateway },
      el("td", { text: g.gateway }),
      el("td", { text: [g.site, ...g.extra_sites].join(", ") }),
      el("td", { class: g.status === "online" ? "status-online" : g.status === "offline" ? "status-offline" : "", text: status }),
      el("td", { text: g.last_seen ? dateTime(g.last_seen) : t("value.none") }),
      el("td", { text: g.software_version || t("value.none") }),
      el("td", { class: g.messages_missing ? "warn" : "", id: "gw-" + g.gateway + "-missing", text: missing }));
  }));
}

function render() {
  if (!overview) return;
  renderUndeclared();
  renderGateways();
  document.getElementById("kpi-power").textContent = num(overview.power_kw, 1);
  document.getElementById("kpi-energy").textContent = num(overview.energy_today_kwh, 1);
  // each carrier in its own unit; the total above is final energy (fuels through their MJ factor)
  const parts = (overview.energy_today_by_carrier || []).map(x =>
    t("carrier." + x.carrier) + " " + num(x.quantity, 1) + " " + ({ Nm3: "Nm³", m3: "m³" }[x.unit] || x.unit));
  const left = (overview.energy_today_not_counted || []).length
    ? " · " + t("kpi.energy.notcounted", { meters: overview.energy_today_not_counted.join(", ") }) : "";
  document.getElementById("kpi-energy-parts").textContent = parts.join(" · ") + left;
  document.getElementById("kpi-toe").textContent = num(overview.energy_today_toe, 3);
  document.getElementById("kpi-co2").textContent = num(overview.co2_today_t, 3);
  document.getElementById("kpi-online").textContent = overview.meters_online + " / " + overview.meters.length;
  const tbody = document.getElementById("meters");
  tbody.replaceChildren(...overview.meters.map(x => {
    const link = el("a", { href: "/meter.html?enterprise=" + encodeURIComponent(enterprise) + "&meter=" + encodeURIComponent(x.meter), text: x.meter });
    const energy = x.energy_today == null ? t("value.none") : num(x.energy_today, 1) + " " + ({ KWH: "kWh", MWH: "MWh", NM3: "Nm³", MTQ: "m³" }[x.energy_unit] || x.energy_unit);
    return el("tr", { id: "row-" + x.meter },
      el("td", {}, link), el("td", { text: x.site }),
      el("td", { class: "num", id: "power-" + x.meter, "data-value": x.power_kw, text: num(x.power_kw, 1) }),
      el("td", { class: "num", text: energy }),
      el("td", { class: x.online ? "status-online" : "status-offline", text: t(x.online ? "status.online" : "status.offline") }),
      el("td", { text: dateTime(x.last_seen) }),
      el("td", { class: "num", text: x.coverage_today == null ? t("value.none") : pct(x.coverage_today, 0) }));
  }));
  document.getElementById("updated").textContent = t("updated", { time: dateTime(new Date().toISOString()) });
}

// ---- EnPI: SEC (last complete day, this month) against the baseline; savings to date ----

async function loadEnpi() {
  const enpis = overview.enpis || [];
  if (!enpis.length) { enpiState = { none: "enpi.none" }; renderEnpi(); return; }
  const base = "/api/v1/enterprises/" + encodeURIComponent(enterprise) + "/enpis/" + encodeURIComponent(enpis[0].enpi);
  // the site's days (its zone, from the API), as on the showcase: not the browser's
  const { today, yesterday, monthStart } = siteDays(overview);
  const s = { enpi: enpis[0] };
  try {
    const baselines = (await getJson(base + "/baselines")).baselines;
    const approved = baselines.filter(b => b.status === "approved");
    const b = (approved.length ? approved : baselines).sort((x, y) => y.version - x.version)[0];
    s.baseline = b;
    const from = monthStart < yesterday ? monthStart : yesterday;
    // with ?baseline= every point carries the baseline model's SEC for that point's own output
    const withModel = b ? "&baseline=" + b.version : "";
    const [days, month] = await Promise.all([
      getJson(base + "/sec?bucket=day&from=" + from + "&to=" + yesterday + withModel).catch(() => null),
      getJson(base + "/sec?bucket=month&from=" + monthStart + "&to=" + today + withModel).catch(() => null)]);
    const complete = days ? days.points.filter(p => p.complete && p.sec != null) : [];
    s.lastDay = complete.length ? complete[complete.length - 1] : null;
    s.month = month && month.points.length ? month.points[month.points.length - 1] : null;
    s.unit = (days || month || {}).unit;
    if (b) {
      s.baselineSec = await baselinePeriodSec(base, b).catch(() => null);
      s.measureFrom = addDays(b.to, 1);
      if (s.measureFrom <= yesterday) {
        const co2Year = overview.grid_factor_year ? "&co2_year=" + overview.grid_factor_year : "";
        try { s.savings = await getJson(base + "/savings?baseline=" + b.version + "&from=" + s.measureFrom + "&to=" + yesterday + co2Year); }
        catch (e) { s.savingsError = e.message; }
        if (s.savings && !(s.savings.verification || {}).signoff) s.signed = await signedPeriod(base, b).catch(() => null);
      }
    }
  } catch (e) { s.error = errorText(e); }
  enpiState = s;
  renderEnpi();
}

/**
 * The newest period an auditor signed off (verified, with or without reservations) against the
 * baseline, with its saving, when the saving to date runs past it (days since then are not signed
 * off): the figure the showcase shows, and whether its data changed after the sign-off.
 */
async function signedPeriod(base, b) {
  const list = (await getJson(base + "/signoffs")).signoffs
    .filter(x => x.current && x.baseline_version === b.version && (x.opinion === "verified" || x.opinion === "verified_with_reservations"))
    .sort((x, y) => (x.to < y.to ? 1 : x.to > y.to ? -1 : 0));
  if (!list.length) return null;
  const so = list[0];
  const savings = await getJson(base + "/savings?baseline=" + b.version + "&from=" + so.from + "&to=" + so.to);
  return { signoff: so, savings };
}

function renderEnpi() {
  const box = document.getElementById("enpi-body");
  if (!enpiState || !box) return;
  if (enpiState.none) { box.replaceChildren(el("p", { text: t(enpiState.none) })); return; }
  if (enpiState.error) { box.replaceChildren(el("p", { class: "message error", text: enpiState.error })); return; }
  const s = enpiState, unit = unitText(s.unit);
  const kpi = (label, value, sub, id) => el("div", { class: "card kpi" }, el("div", { class: "label", text: label }),
    el("div", {}, el("span", { class: "value", id, text: value }), el("span", { class: "unit", text: unit && id !== "kpi-savings" ? unit : "" })),
    el("div", { class: "sub", text: sub }));
  // the comparison is the baseline model's SEC at the same output (a regression baseline's SEC
  // depends on output); the baseline period's average SEC is shown below it, labelled as such
  const modelTxt = p => t("sec.model") + ": " + fixed(p && p.baseline_sec, 3) + " " + unit;
  const periodTxt = t("sec.baselineperiod") + ": " + fixed(s.baselineSec, 3) + " " + unit;
  const secKpi = (label, p, id) => {
    const card = kpi(label, fixed(p && p.sec, 3), modelTxt(p), id);
    card.querySelector(".sub").id = id + "-model";
    card.append(el("div", { class: "sub", id: id + "-period", text: periodTxt }));
    return card;
  };
  const cards = el("div", { class: "kpis" },
    secKpi(t("sec.lastday") + (s.lastDay ? " (" + date(s.lastDay.period) + ")" : ""), s.lastDay, "kpi-sec-day"),
    secKpi(t("sec.month"), s.month, "kpi-sec-month"));
  const parts = [el("p", { text: enpiName(s.enpi) + (s.baseline ? " · " + t("sec.baseline") + " v" + s.baseline.version + ": " + date(s.baseline.from) + " – " + date(s.baseline.to) : "") }), cards];
  if (!s.baseline) parts.push(el("p", { text: t("baseline.none") }));
  else if (!s.savings) parts.push(el("p", { text: t("savings.none") + (s.savingsError ? " (" + s.savingsError + ")" : "") }));
  else {
    // the total with approved non-routine adjustments, the routine part beside it (issue 15)
    const r = s.savings.savings_split || s.savings.reporting, eu = s.savings.reporting_period.energy_unit;
    const v = s.savings.verification || {};
    cards.append(el("div", { class: "card kpi" }, el("div", { class: "label", text: t("savings.todate") + " (" + t("showcase.since", { date: date(s.measureFrom) }) + ")" }),
      el("div", {}, el("span", { class: "value", id: "kpi-savings", text: num(r.savings, 0) }), el("span", { class: "unit", text: eu })),
      el("div", { class: "sub", text: t("savings.band") + ": " + num(r.savings_low, 0) + " … " + num(r.savings_high, 0) + " " + eu + " · " + pct(r.savings_fraction) }),
      r.non_routine ? el("div", { class: "sub", id: "kpi-savings-split", text: t("savings.split", { routine: num(r.routine, 0), nonroutine: num(r.non_routine, 0), unit: eu }) }) : ""));
    // the baseline's status (draft … verified) and its validity: "indicative, not verifiable"
    parts.push(el("p", { class: "verification", id: "savings-verification", "data-status": v.status || "", "data-verifiable": String(v.verifiable),
      text: verificationText(v, s.baseline.status)
        + (v.verifiable === false ? " · " + t("verify.notverifiable") + " (" + t("verify.failed", { flags: (v.failed_checks || []).map(f => t("check." + f)).join(", ") }) + ")" : "") }));
    if (s.signed) {
      // the saving to date runs past the newest signed-off period: that period's own figure and status
      const so = s.signed.signoff, sv = s.signed.savings, sr = sv.savings_split || sv.reporting;
      const sst = (sv.verification || {}).status === "to_be_reverified" ? "to_be_reverified" : "verified";
      parts.push(el("p", { class: "verification", id: "signed-period", "data-status": sst,
        text: t("overview.signed", { from: date(so.from), to: date(so.to), saving: num(sr.savings, 0), unit: sv.reporting_period.energy_unit, pct: pct(sr.savings_fraction) })
          + " · " + periodVerifiedText({ status: sst, verified_at: so.signed_at })
          + (sst === "to_be_reverified" ? " · " + t("overview.signed.reverify") : "") }));
    }
    const mo = s.savings.money || {}, co2 = s.savings.co2 || {};
    const moneyParts = (mo.by_carrier || []).map(x => t("carrier." + x.carrier) + " " + money(x.amount, mo.currency)).join(" · ");
    const co2Parts = (co2.by_carrier || []).map(x => t("carrier." + x.carrier) + " " + num(x.avoided_t, 2) + " t").join(" · ");
    cards.append(el("div", { class: "card kpi" }, el("div", { class: "label", text: t("savings.money") }),
      el("div", {}, el("span", { class: "value", id: "kpi-money", text: mo.amount != null ? money(mo.amount, mo.currency) : t("value.none") })),
      el("div", { class: "sub", text: mo.amount != null ? moneyParts : (mo.reason || "") })));
    const factorYear = overview.grid_factor_year ? " · " + t("co2.gridyear", { year: overview.grid_factor_year }) : "";
    cards.append(el("div", { class: "card kpi" }, el("div", { class: "label", text: t("savings.co2") }),
      el("div", {}, el("span", { class: "value", id: "kpi-co2-avoided", text: co2.avoided_t != null ? num(co2.avoided_t, 2) : t("value.none") }), el("span", { class: "unit", text: "t CO₂" })),
      el("div", { class: "sub", text: co2.avoided_t != null ? co2Parts + factorYear : (co2.reason || "") })));
    for (const tg of s.savings.targets || []) {
      const key = Math.round(tg.target * 100) === 8 ? "target.8" : "target.13";
      const progress = Math.max(0, Math.min(1, (tg.savings_fraction || 0) / tg.target));
      parts.push(el("div", { class: "target" },
        // "met" is the measured saving's verdict; until an auditor signs the period it says so
        el("div", { text: t(key) + ": " + pct(tg.savings_fraction) + " / " + pct(tg.target, 0) + " – " + t("target." + tg.status)
          + (tg.status === "MET" && v.status !== "verified" ? " (" + t("target.met.unsigned") + ")" : "") }),
        el("div", { class: "bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(Math.round(progress * 100)), "aria-label": t(key) },
          barFill(progress))));
    }
  }
  box.replaceChildren(...parts);
}

/** The filled part of a progress bar; its width set through CSSOM (the CSP allows no style attribute). */
function barFill(progress) {
  const fill = el("span");
  fill.style.width = (progress * 100).toFixed(1) + "%";
  return fill;
}
