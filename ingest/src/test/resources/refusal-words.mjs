// The API's refusals as a Vietnamese page says them (i18n.js refusalReason), outside a browser:
//   node refusal-words.mjs I18N_JS REFUSALS_JSONL
// reads one [parameter, message] per line and prints, as JSON lines, first {"read": N}, then each
// refusal whose Vietnamese words have no Vietnamese letter outside the values it quotes (the page
// would show it in English) with what the page would say. Used by fixtures.VietnameseRefusals.
import fs from "fs";
import { pathToFileURL } from "url";

globalThis.location = { search: "?lang=vi" };
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
const i18n = await import(pathToFileURL(process.argv[2]).href);
const VI = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const lines = fs.readFileSync(process.argv[3], "utf8").split("\n").filter(l => l);
console.log(JSON.stringify({ read: lines.length }));
for (const line of lines) {
  const [parameter, message] = JSON.parse(line);
  const said = i18n.refusalReason(parameter, message);
  if (!VI.test(said.replace(/“[^”]*”|'[^']*'/g, ""))) {
    console.log(JSON.stringify({ parameter, message, said }));
  }
}
