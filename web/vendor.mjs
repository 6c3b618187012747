// Writes the dashboard's third-party files into crates/serve/assets/vendor/
// from the npm packages pinned in package.json (run `npm ci` first):
//   - Leaflet (BSD-2-Clause): leaflet.js, leaflet.css and its licence;
//   - the country outlines of world-atlas (ISC; Natural Earth 1:110m, public
//     domain), converted once from TopoJSON to GeoJSON with topojson-client,
//     coordinates rounded to 0.01 degree (finer than the 1:110m data).
// `node vendor.mjs --check` writes nothing and fails when the committed
// files differ from what the packages give (CI runs it).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "crates", "serve", "assets", "vendor");
const mod = (p) => join(here, "node_modules", p);
const check = process.argv.includes("--check");

function round(coords) {
  return Array.isArray(coords[0]) ? coords.map(round) : coords.map((x) => Math.round(x * 100) / 100);
}

function countries() {
  const topo = JSON.parse(readFileSync(mod("world-atlas/countries-110m.json"), "utf8"));
  const fc = feature(topo, topo.objects.countries);
  const features = fc.features.map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }));
  // One feature a line: readable diffs when the package changes.
  return (
    '{"type":"FeatureCollection","features":[\n' +
    features.map((f) => JSON.stringify(f)).join(",\n") +
    "\n]}\n"
  );
}

const files = {
  "leaflet/leaflet.js": readFileSync(mod("leaflet/dist/leaflet.js"), "utf8"),
  "leaflet/leaflet.css": readFileSync(mod("leaflet/dist/leaflet.css"), "utf8"),
  "leaflet/LICENSE": readFileSync(mod("leaflet/LICENSE"), "utf8"),
  "countries-110m.geojson": countries(),
  "countries-110m.LICENSE":
    "Country outlines: world-atlas 2.0.2 (https://github.com/topojson/world-atlas), " +
    "converted to GeoJSON by web/vendor.mjs.\n" +
    "Made with Natural Earth (https://www.naturalearthdata.com), public domain.\n\n" +
    readFileSync(mod("world-atlas/LICENSE"), "utf8"),
};

let stale = [];
for (const [name, content] of Object.entries(files)) {
  const path = join(out, name);
  if (check) {
    if (!existsSync(path) || readFileSync(path, "utf8") !== content) stale.push(name);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}
if (stale.length) {
  console.error(`vendor.mjs: committed files differ from the packages: ${stale.join(", ")}; run \`node web/vendor.mjs\``);
  process.exit(1);
}
console.log(check ? "vendor.mjs: vendored files match the packages" : `vendor.mjs: wrote ${Object.keys(files).length} files to ${out}`);
