// Quarantine reasons as a Vietnamese page says them (quarantine-words.js), outside a browser:
//   node quarantine-words.mjs QUARANTINE_WORDS_JS REASONS_JSONL
// reads one [reason] per line and prints, as JSON lines, first {"read": N}, then each
// reason part of which has no Vietnamese words (a part, a place or a parser's message no rule
// knows), with what the page would say. Used by fixtures.VietnameseRefusals.
import fs from "fs";
import { pathToFileURL } from "url";

globalThis.location = { search: "?lang=vi" };
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
const words = await import(pathToFileURL(process.argv[2]).href);
const lines = fs.readFileSync(process.argv[3], "utf8").split("\n").filter(l => l);
console.log(JSON.stringify({ read: lines.length }));
for (const line of lines) {
  const [reason] = JSON.parse(line);
  const unsaid = [];
  const said = words.quarantineParts(reason, unsaid).join("; ");
  if (unsaid.length) {
    console.log(JSON.stringify({ reason, said, unsaid }));
  }
}
