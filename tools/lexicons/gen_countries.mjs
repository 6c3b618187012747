#!/usr/bin/env node
// Generates crates/mentions/actors/data/{en,fr}/countries.tsv from the npm package
// i18n-iso-countries (MIT) and the hand-written overlays tools/lexicons/countries_overlay_{en,fr}.tsv.
//
// Usage (see tools/lexicons/README.md):
//   npm install --prefix /tmp/vigie-lex i18n-iso-countries
//   node tools/lexicons/gen_countries.mjs /tmp/vigie-lex/node_modules/i18n-iso-countries
//
// The output is deterministic: rows sorted by iso3, forms in a fixed order
// (name, package forms, overlay additions, derived variants), duplicates removed.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const OUT_DIR = join(REPO, "crates", "mentions", "actors", "data");
const LANGS = ["en", "fr"];
// The package uses the user-assigned code XKK for Kosovo; Vigie uses XKX (as the EU and others do).
const ALPHA3_OVERRIDE = { XKK: "XKX" };

function die(msg) {
  console.error(`gen_countries: ${msg}`);
  process.exit(1);
}

const pkgDir = process.argv[2] || process.env.I18N_ISO_COUNTRIES_DIR;
if (!pkgDir) die("usage: node gen_countries.mjs <path to node_modules/i18n-iso-countries>");

const readJson = (p) => JSON.parse(readFileSync(join(pkgDir, p), "utf8"));
const pkg = readJson("package.json");
if (pkg.name !== "i18n-iso-countries") die(`${pkgDir} is not the i18n-iso-countries package`);

// alpha2 -> alpha3
const alpha3Of = new Map();
for (const [a2, a3] of readJson("codes.json")) alpha3Of.set(a2, ALPHA3_OVERRIDE[a3] ?? a3);

function clean(form) {
  return form.replace(/[\u2019\u2018\u02bc]/g, "'").replace(/\s+/g, " ").trim();
}

function splitCell(cell) {
  if (cell === "-") return [];
  return cell.split("|").map(clean).filter((f) => f.length > 0);
}

function readOverlay(lang) {
  const path = join(HERE, `countries_overlay_${lang}.tsv`);
  const rows = new Map();
  readFileSync(path, "utf8").split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cols = line.split("\t");
    if (cols.length !== 4) die(`${path}:${i + 1}: expected 4 columns, got ${cols.length}`);
    const [iso3, name, add, drop] = cols;
    if (rows.has(iso3)) die(`${path}:${i + 1}: duplicate row for ${iso3}`);
    rows.set(iso3, { name: name === "-" ? null : clean(name), add: splitCell(add), drop: splitCell(drop) });
  });
  return rows;
}

// French: "Îles Cook" is written "îles Cook" mid-sentence; capitals often lose their accent ("Etats-Unis").
function frVariants(form) {
  const out = [];
  if (/^Îles? /.test(form)) out.push("î" + form.slice(1));
  if (/^[Éé]/.test(form)) out.push((form[0] === "É" ? "E" : "e") + form.slice(1));
  if (/^Îles? /.test(form)) out.push("I" + form.slice(1));
  return out;
}

function generate(lang) {
  const countries = readJson(join("langs", `${lang}.json`)).countries;
  const overlay = readOverlay(lang);
  const rows = [];
  const seen = new Set();
  for (const [a2, raw] of Object.entries(countries)) {
    const iso3 = alpha3Of.get(a2);
    if (!iso3) die(`${lang}: no alpha-3 code for ${a2}`);
    seen.add(iso3);
    let pkgForms = (Array.isArray(raw) ? raw : [raw]).map(clean);
    pkgForms = pkgForms.filter((f) => !f.includes("("));
    const ov = overlay.get(iso3) ?? { name: null, add: [], drop: [] };
    for (const d of ov.drop) {
      if (!pkgForms.includes(d)) die(`${lang}: overlay drops '${d}' for ${iso3}, but the package does not have it`);
    }
    pkgForms = pkgForms.filter((f) => !ov.drop.includes(f));
    let name = ov.name ?? pkgForms[0];
    if (!name) die(`${lang}: ${iso3} has no name left`);
    if (lang === "fr" && /^Îles? /.test(name)) name = "î" + name.slice(1);
    let forms = [name, ...pkgForms, ...ov.add];
    if (lang === "fr") forms = forms.flatMap((f) => [f, ...frVariants(f)]);
    forms = [...new Set(forms)];
    for (const f of forms) {
      if (/[\t|]/.test(f) || f === "-" || f === "") die(`${lang}: bad form '${f}' for ${iso3}`);
    }
    rows.push([iso3, name, forms.join("|")]);
  }
  for (const iso3 of overlay.keys()) {
    if (!seen.has(iso3)) die(`${lang}: overlay row for unknown code ${iso3}`);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  const header = [
    `# Vigie lexicon: country names (${lang === "en" ? "English" : "French"}).`,
    `# Columns: iso3<TAB>name<TAB>forms`,
    `#   iso3:  ISO 3166-1 alpha-3 code (plus XKX for Kosovo, which is not in ISO 3166-1).`,
    `#   name:  the usual short name in this language, as output by Vigie.`,
    `#   forms: '|'-separated surface forms used in news (case-sensitive, no determiners), the name included.`,
    `# Sources: npm package i18n-iso-countries ${pkg.version} (MIT licence, Copyright (c) 2016 widdix GmbH),`,
    `#   and the hand-written overlay tools/lexicons/countries_overlay_${lang}.tsv (Vigie developers; facts are`,
    `#   common knowledge; MIT OR Apache-2.0).`,
    `# GENERATED by tools/lexicons/gen_countries.mjs: do not edit by hand; edit the overlay and regenerate`,
    `#   (see tools/lexicons/README.md).`,
  ];
  const text = header.join("\n") + "\n" + rows.map((r) => r.join("\t")).join("\n") + "\n";
  const out = join(OUT_DIR, lang, "countries.tsv");
  writeFileSync(out, text);
  console.log(`gen_countries: wrote ${rows.length} rows to ${out}`);
}

for (const lang of LANGS) generate(lang);
