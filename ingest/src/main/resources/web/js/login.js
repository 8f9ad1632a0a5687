// the sign-in form (login.html); a module file, not inline: the pages' CSP has no 'unsafe-inline'
import { t } from "/js/i18n.js";
import { header, message, param, safeNext, homeOf } from "/js/app.js";
await header("login");
document.getElementById("login").addEventListener("submit", async ev => {
  ev.preventDefault();
  let res;
  try {
    res = await fetch("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: document.getElementById("username").value, password: document.getElementById("password").value }) });
  } catch (e) { message(t("err.network")); return; }
  if (res.status === 429) { message(t("login.throttled")); return; }
  if (!res.ok) { message(t("login.failed")); return; }
  const body = await res.json();
  // an initial password: the accounts page's own-password form first, then on to where they were going
  const home = homeOf(body.role);
  if (body.must_change_password) { location.href = "/accounts.html?next=" + encodeURIComponent(safeNext(param("next"), home)); return; }
  location.href = safeNext(param("next"), home);
});
