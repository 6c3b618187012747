// The dashboard in a real browser: headless Chromium (Debian's package,
// driven by playwright-core) against a running Vigie server.
//
//   node dashboard.mjs http://127.0.0.1:PORT/ ../../target/dashboard.png
//
// Checks, each against what the API says: the map shows one marker per
// located incident (single markers plus the counts of the groups); clicking a
// marker opens the incident panel with its source sentence and the trigger
// marked; dragging on the timeline puts the dates in the URL and narrows the
// map; the "try it" box extracts a pasted text. Saves a screenshot. Prints
// "browser: N passed, M failed" and exits 1 on a failure.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const base = (process.argv[2] || "").replace(/\/$/, "");
const shot = process.argv[3] || "dashboard.png";
if (!base.startsWith("http://127.0.0.1:")) {
  console.error("usage: node dashboard.mjs http://127.0.0.1:PORT/ SCREENSHOT.png (a loopback server only)");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "vigie-chromium-"));
// A persistent context is how playwright takes a fresh --user-data-dir.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

let passed = 0;
let failed = 0;
async function check(name, f) {
  try {
    await f();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
const api = async (path) => {
  const r = await fetch(base + path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};

/** Markers on the map: single incidents plus the incidents in the groups. */
async function markerCount(page) {
  return page.evaluate(() => {
    const singles = document.querySelectorAll("#map .vigie-marker").length;
    const grouped = [...document.querySelectorAll("#map .vigie-cluster")].reduce((n, c) => n + Number(c.dataset.count), 0);
    return { singles, grouped, total: singles + grouped };
  });
}

const page = await browser.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
// Nothing but the server under test is ever asked.
await browser.route("**/*", (route) =>
  route.request().url().startsWith(base + "/") ? route.continue() : route.abort(),
);

// Clicks the first single marker until its incident opens: the map may
// still be moving to its bounds after a load, and a click that lands beside
// the marker is tried again once it has settled.
async function openFirstMarker(page) {
  for (let attempt = 1; ; attempt++) {
    await page.locator("#map .vigie-marker").first().click({ force: true });
    try {
      await page.waitForSelector("#incident .source .sentence", { timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 4) throw e;
      await page.waitForTimeout(1000);
    }
  }
}

try {
  const located = (await api("/api/incidents?format=geojson&limit=1000")).features.length;
  await page.goto(base + "/", { waitUntil: "load" });

  await check("the map shows one marker per located incident", async () => {
    await page.waitForFunction(() => document.querySelector("#summary").textContent.includes("incident"), null, { timeout: 15000 });
    await page.waitForSelector("#map .vigie-marker, #map .vigie-cluster", { timeout: 15000 });
    const n = await markerCount(page);
    assert(located > 0, "the demo database has located incidents");
    assert(n.total === located, `${n.total} markers (${n.singles} single, ${n.grouped} grouped), ${located} located incidents`);
    // The country outlines are drawn (no tile server).
    const paths = await page.locator("#map .leaflet-overlay-pane path").count();
    assert(paths > 100, `${paths} paths: the country outlines are missing`);
  });

  await check("clicking a marker shows the incident and its evidence sentence", async () => {
    const marker = page.locator("#map .vigie-marker").first();
    const cls = await marker.getAttribute("class");
    const id = /vigie-incident-(\d+)/.exec(cls)[1];
    const incident = await api(`/api/incidents/${id}`);
    await openFirstMarker(page);
    const title = await page.locator("#incident-title").textContent();
    assert(title.toLowerCase().includes(incident.plover.toLowerCase()), `title '${title}' for ${incident.plover}`);
    const sentence = (await page.locator("#incident .source .sentence").first().textContent()).trim();
    const expected = incident.events[0].sentence.text.trim();
    assert(sentence === expected, `panel shows '${sentence}', API gives '${expected}'`);
    assert(sentence.includes(incident.events[0].evidence.text), "the sentence holds the evidence");
    const trigger = await page.locator("#incident .source mark.trigger").count();
    assert(trigger > 0, "the trigger is marked");
    assert(page.url().includes(`incident=${id}`), `URL ${page.url()} names the incident`);
  });

  await check("brushing the timeline filters the map and the URL", async () => {
    const box = await page.locator("#timeline svg").boundingBox();
    const y = box.y + box.height / 2;
    // From the middle to the right end: the latest incidents.
    await page.mouse.move(box.x + box.width * 0.55, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, y, { steps: 5 });
    await page.mouse.move(box.x + box.width - 2, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => location.search.includes("since=") && location.search.includes("until="), null, { timeout: 5000 });
    const q = new URL(page.url()).searchParams;
    const since = q.get("since");
    const until = q.get("until");
    const want = (await api(`/api/incidents?format=geojson&limit=1000&since=${since}&until=${until}`)).features.length;
    await page.waitForFunction(
      (w) => {
        const singles = document.querySelectorAll("#map .vigie-marker").length;
        const grouped = [...document.querySelectorAll("#map .vigie-cluster")].reduce((n, c) => n + Number(c.dataset.count), 0);
        return singles + grouped === w;
      },
      want,
      { timeout: 10000 },
    );
    assert(want > 0 && want < located, `the brushed dates ${since}..${until} keep ${want} of ${located}`);
    // The shared URL gives the same view.
    const other = await browser.newPage();
    await other.goto(page.url(), { waitUntil: "load" });
    await other.waitForSelector("#map .vigie-marker, #map .vigie-cluster", { timeout: 15000 });
    const n = await markerCount(other);
    assert(n.total === want, `the shared URL shows ${n.total}, not ${want}`);
    assert((await other.locator("#filters input[name=since]").inputValue()) === since, "the form shows the dates");
    await other.close();
    await page.goto(base + "/", { waitUntil: "load" });
    await page.waitForSelector("#map .vigie-marker, #map .vigie-cluster", { timeout: 15000 });
  });

  await check("the try-it box extracts pasted text", async () => {
    await page.click(".tabs button[data-tab=try]");
    await page.fill("#try-form textarea", "Police arrested three opposition leaders in Dakar on Tuesday, the interior ministry said.");
    await page.fill("#try-form input[name=published]", "2026-06-12");
    await page.click("#try-form button[type=submit]");
    await page.waitForSelector("#try-out .event", { timeout: 20000 });
    const text = await page.locator("#try-out").textContent();
    assert(/coerce/i.test(text), `no arrest coded: ${text}`);
    assert(text.includes("Dakar"), `no place: ${text}`);
  });

  await check("the page logs no error", async () => {
    assert(errors.length === 0, errors.join("; "));
  });

  // The screenshot: the map with an incident open.
  await page.goto(base + "/", { waitUntil: "load" });
  await page.waitForSelector("#map .vigie-marker", { timeout: 15000 });
  await openFirstMarker(page);
  mkdirSync(dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
