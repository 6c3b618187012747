// Vigie's dashboard: a map of incidents (sized by deaths, coloured by type,
// grouped when close), a timeline whose brush chooses the dates, filters kept
// in the URL (a view can be shared), an incident panel with each source
// sentence marked up, and a box to try extraction on pasted text.
// Everything comes from this server's API; text from the data is always put
// in the page as text nodes, never as HTML.

const L = window.L;

// ---------------------------------------------------------------- helpers

/** Creates an element with attributes and children (strings become text). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const svgNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

/** GETs or POSTs JSON; an API error becomes an Error with its message. */
async function api(path, init) {
  const r = await fetch(path, init);
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const what = body && body.error ? body.error : `${r.status} ${r.statusText}`;
    const param = body && body.parameter ? ` (${body.parameter})` : "";
    throw new Error(`${what}${param}`);
  }
  return body;
}

const fmt = new Intl.NumberFormat("en");

// PLOVER types: colour and label. Violence in reds, pressure in oranges,
// protest in purple, cooperation in greens and blues.
const TYPES = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", THREATEN: "#d35400", SANCTION: "#b8527a",
  MOBILIZE: "#8e5b3c", PROTEST: "#8e44ad", ACCUSE: "#7f8c8d", REJECT: "#5d6d7e",
  REQUEST: "#95a5a6", AGREE: "#27ae60", CONSULT: "#2e86c1", SUPPORT: "#16a085",
  COOPERATE: "#1f8f6a", AID: "#48c9b0", CONCEDE: "#5dade2", RETREAT: "#76a5af",
};
const colour = (t) => TYPES[t] || "#34495e";

// ---------------------------------------------------------------- state and URL

// The filters are the API's parameter names, so the page's URL and the
// API's URLs read the same.
const FILTERS = ["since", "until", "country", "type", "text", "actor", "acled", "min_fatalities"];

function readUrl() {
  const q = new URLSearchParams(location.search);
  const filters = {};
  for (const k of FILTERS) if (q.get(k)) filters[k] = q.get(k);
  return { filters, incident: q.get("incident") };
}

function writeUrl(state, push) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) q.set(k, state.filters[k]);
  if (state.incident) q.set("incident", state.incident);
  const url = `${location.pathname}${q.toString() ? "?" + q : ""}`;
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

function query(filters, extra = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

const state = readUrl();

// ---------------------------------------------------------------- map

const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 }).setView([20, 10], 2);
map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas)");
const markers = L.layerGroup().addTo(map);
let features = []; // GeoJSON features of the incidents shown

fetch("/assets/vendor/countries-110m.geojson")
  .then((r) => r.json())
  .then((countries) => {
    L.geoJSON(countries, {
      style: { color: "#b9b4a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(map).bringToBack();
  })
  .catch((e) => showError(`Country outlines could not be loaded: ${e.message}`));

const radius = (deaths) => 5 + Math.min(18, 2.2 * Math.sqrt(deaths || 0));

/** Groups incidents closer than a cell of 44 px at the current zoom. */
function drawMarkers() {
  markers.clearLayers();
  const cell = 44;
  const cells = new Map();
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const p = map.project([lat, lon], map.getZoom());
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(f);
  }
  for (const group of cells.values()) {
    if (group.length === 1) {
      const f = group[0];
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const m = L.circleMarker([lat, lon], {
        radius: radius(p.fatalities),
        color: "#fff",
        weight: 1.2,
        fillColor: colour(p.plover),
        fillOpacity: 0.85,
        className: `vigie-marker vigie-incident-${p.id}`,
      });
      const date = p.date_start === p.date_end || !p.date_end ? p.date_start : `${p.date_start} – ${p.date_end}`;
      // An element, not a string: Leaflet would read a string as HTML.
      const tip =
        `${p.plover}${p.event_type ? " · " + p.sub_event_type : ""} — ${p.place}, ${date || "undated"}` +
        (p.fatalities ? ` — ${p.fatalities} dead` : "") + ` — ${p.n_sources} source${p.n_sources === 1 ? "" : "s"}`;
      m.bindTooltip(el("span", {}, tip), { direction: "top", sticky: true });
      m.on("click", () => selectIncident(p.id, true));
      m.addTo(markers);
    } else {
      const lat = group.reduce((s, f) => s + f.geometry.coordinates[1], 0) / group.length;
      const lon = group.reduce((s, f) => s + f.geometry.coordinates[0], 0) / group.length;
      const deaths = group.reduce((s, f) => s + (f.properties.fatalities || 0), 0);
      const size = Math.round(26 + Math.min(24, 4 * Math.log2(group.length)));
      const icon = L.divIcon({
        className: "",
        html: `<div class="vigie-cluster" data-count="${group.length}" style="width:${size}px;height:${size}px">${group.length}</div>`,
        iconSize: [size, size],
      });
      const m = L.marker([lat, lon], { icon, keyboard: true, title: `${group.length} incidents, ${deaths} dead` });
      m.on("click", () => {
        const bounds = L.latLngBounds(group.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
        if (bounds.getNorthEast().equals(bounds.getSouthWest()) || map.getZoom() >= map.getMaxZoom()) {
          // Same place: list them in the panel rather than zooming forever.
          showGroup(group);
        } else {
          map.fitBounds(bounds.pad(0.3), { maxZoom: map.getMaxZoom() });
        }
      });
      m.addTo(markers);
    }
  }
}
map.on("zoomend", drawMarkers);

function drawLegend() {
  const present = [...new Set(features.map((f) => f.properties.plover))].sort();
  const legend = document.getElementById("legend");
  legend.replaceChildren(
    ...present.map((t) => {
      const s = el("span", {}, t.toLowerCase());
      s.style.setProperty("--c", colour(t));
      return s;
    }),
    el("span", { class: "size" }, "size: deaths"),
  );
  legend.hidden = present.length === 0;
}

/** Loads every located incident of the filters (newest first, up to 5,000). */
async function loadIncidents() {
  const out = [];
  let cursor;
  for (let page = 0; page < 5; page++) {
    const r = await api(`/api/incidents?${query(state.filters, { format: "geojson", limit: 1000, cursor })}`);
    out.push(...r.features);
    cursor = r.next_cursor;
    if (!cursor) break;
  }
  return { features: out, more: Boolean(cursor) };
}

// ---------------------------------------------------------------- timeline

let timelineDays = []; // [{key, incidents, fatalities}] for the filters less the dates

function drawTimeline() {
  let days = timelineDays;
  const box = document.getElementById("timeline");
  const W = box.clientWidth || 800;
  const H = box.clientHeight || 120;
  const pad = { l: 40, r: 40, t: 14, b: 20 };
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img" });
  box.replaceChildren(s);
  if (days.length === 0) {
    const t = svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" });
    t.textContent = "No dated incidents for these filters.";
    s.append(t);
    return;
  }
  const dayMs = 86400000;
  // At most the last year of data is drawn (unless the chosen dates reach
  // further back): one old report must not squash the rest into a line.
  const last = Date.parse(days[days.length - 1].key);
  const from = state.filters.since && state.filters.since.length === 10 ? Date.parse(state.filters.since) : Infinity;
  const cutoff = Math.min(last - 365 * dayMs, from);
  const earlier = days.filter((d) => Date.parse(d.key) < cutoff);
  days = days.filter((d) => Date.parse(d.key) >= cutoff);
  const first = Date.parse(days[0].key);
  const t0 = first - dayMs;
  const t1 = last + 2 * dayMs;
  const x = (t) => pad.l + ((t - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const tx = (px) => t0 + ((px - pad.l) / (W - pad.l - pad.r)) * (t1 - t0);
  const maxN = Math.max(...days.map((d) => d.incidents));
  const maxF = Math.max(1, ...days.map((d) => d.fatalities));
  const yN = (n) => H - pad.b - (n / maxN) * (H - pad.t - pad.b);
  const yF = (n) => H - pad.b - (n / maxF) * (H - pad.t - pad.b);
  const since = state.filters.since ? Date.parse(state.filters.since) : -Infinity;
  const until = state.filters.until ? Date.parse(state.filters.until) : Infinity;
  const bw = Math.max(1, x(t0 + dayMs) - x(t0) - 1);
  for (const d of days) {
    const t = Date.parse(d.key);
    const r = svg("rect", {
      class: `bar${t >= since && t <= until ? " in" : ""}`,
      x: x(t), y: yN(d.incidents), width: bw, height: H - pad.b - yN(d.incidents),
    });
    const title = svg("title");
    title.textContent = `${d.key}: ${d.incidents} incident${d.incidents === 1 ? "" : "s"}, ${d.fatalities} dead`;
    r.append(title);
    s.append(r);
  }
  // Deaths: a red dot per day with deaths, higher for more.
  for (const d of days) {
    if (!d.fatalities) continue;
    const dot = svg("circle", { class: "deaths", cx: x(Date.parse(d.key)) + bw / 2, cy: yF(d.fatalities), r: 3 });
    const title = svg("title");
    title.textContent = `${d.key}: ${d.fatalities} dead`;
    dot.append(title);
    s.append(dot);
  }
  // Axes: first and last day, the maxima.
  const label = (text, attrs) => {
    const t = svg("text", attrs);
    t.textContent = text;
    s.append(t);
  };
  label(days[0].key, { x: pad.l, y: H - 5 });
  if (earlier.length) {
    const n = earlier.reduce((a, d) => a + d.incidents, 0);
    label(`← ${n} earlier incident${n === 1 ? "" : "s"} not drawn`, { x: pad.l, y: pad.t - 3 + 12 });
  }
  label(days[days.length - 1].key, { x: W - pad.r, y: H - 5, "text-anchor": "end" });
  label(`${maxN} incidents`, { x: 4, y: pad.t - 3 });
  label(`${maxF} dead`, { x: W - 4, y: pad.t - 3, "text-anchor": "end", fill: "#c0392b" });
  label("drag to choose dates", { x: W / 2, y: H - 5, "text-anchor": "middle" });

  // The brush: the chosen dates, and dragging to choose others.
  const brush = svg("rect", { class: "brush", y: pad.t, height: H - pad.t - pad.b, x: 0, width: 0 });
  s.append(brush);
  const showBrush = (a, b) => {
    brush.setAttribute("x", Math.min(a, b));
    brush.setAttribute("width", Math.abs(b - a));
  };
  if (state.filters.since || state.filters.until) {
    const a = Math.max(pad.l, x(Math.max(since, t0)));
    const b = Math.min(W - pad.r, x(Math.min(until + dayMs, t1)));
    showBrush(a, b);
    const c = svg("text", { class: "clear", x: W - pad.r, y: pad.t + 10, "text-anchor": "end" });
    c.textContent = "× all dates";
    c.addEventListener("click", (e) => {
      e.stopPropagation();
      setFilters({ ...state.filters, since: undefined, until: undefined });
    });
    s.append(c);
  }
  const px = (e) => {
    const r = s.getBoundingClientRect();
    return Math.max(pad.l, Math.min(W - pad.r, ((e.clientX - r.left) / r.width) * W));
  };
  let start = null;
  s.addEventListener("pointerdown", (e) => {
    if (e.target.classList && e.target.classList.contains("clear")) return;
    start = px(e);
    s.setPointerCapture(e.pointerId);
    showBrush(start, start);
  });
  s.addEventListener("pointermove", (e) => {
    if (start !== null) showBrush(start, px(e));
  });
  s.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = px(e);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    const iso = (t) => new Date(t).toISOString().slice(0, 10);
    if (b - a < 3) {
      // A click picks its day.
      const d = iso(Math.floor(tx(a) / dayMs) * dayMs);
      setFilters({ ...state.filters, since: d, until: d });
    } else {
      setFilters({ ...state.filters, since: iso(tx(a)), until: iso(tx(b) - dayMs / 2) });
    }
  });
}
window.addEventListener("resize", () => drawTimeline());

// ---------------------------------------------------------------- filters form

const form = document.getElementById("filters");
const typeSelect = form.elements.type;
for (const t of Object.keys(TYPES).sort()) typeSelect.append(el("option", { value: t }, t.toLowerCase()));

function fillForm() {
  for (const k of ["since", "until", "country", "type", "text"]) {
    const v = state.filters[k] || "";
    // A month or a year in a shared URL fills the date field with its first day.
    form.elements[k].value = (k === "since" || k === "until") && v.length < 10 ? "" : v;
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const f = { ...state.filters };
  for (const k of ["since", "until", "country", "type", "text"]) f[k] = form.elements[k].value.trim() || undefined;
  setFilters(f);
});
document.getElementById("reset").addEventListener("click", () => setFilters({}));

function setFilters(filters) {
  for (const k of Object.keys(filters)) if (!filters[k]) delete filters[k];
  state.filters = filters;
  writeUrl(state, true);
  refresh();
}

window.addEventListener("popstate", () => {
  Object.assign(state, readUrl());
  refresh();
  if (state.incident) selectIncident(state.incident, false);
});

// ---------------------------------------------------------------- refresh

let generation = 0;

async function refresh() {
  const mine = ++generation;
  fillForm();
  showError("");
  const summary = document.getElementById("summary");
  summary.textContent = "Loading…";
  const datesLess = { ...state.filters, since: undefined, until: undefined };
  try {
    const [loaded, stats, context] = await Promise.all([
      loadIncidents(),
      api(`/api/stats?${query(state.filters)}`),
      api(`/api/stats?${query(datesLess)}`),
    ]);
    if (mine !== generation) return; // a newer refresh is under way
    features = loaded.features;
    timelineDays = context.by_day.map((d) => ({ key: d.key, incidents: d.incidents, fatalities: d.fatalities }));
    const located = features.length;
    summary.textContent =
      `${fmt.format(stats.total.incidents)} incident${stats.total.incidents === 1 ? "" : "s"}, ` +
      `${fmt.format(stats.total.fatalities)} dead` +
      (located < stats.total.incidents ? ` · ${fmt.format(located)} on the map` : "") +
      (loaded.more ? " (newest 5,000)" : "");
    const list = document.getElementById("countries");
    list.replaceChildren(...context.by_country.filter((c) => c.key).map((c) => el("option", { value: c.key })));
    drawMarkers();
    drawLegend();
    drawTimeline();
    if (located && !state.fitted) {
      const b = L.latLngBounds(features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
      map.fitBounds(b.pad(0.2), { maxZoom: 6 });
      state.fitted = true;
    }
  } catch (e) {
    if (mine !== generation) return;
    summary.textContent = "";
    showError(e.message);
  }
}

// ---------------------------------------------------------------- side panel

function showTab(name) {
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== name;
}
for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

const KEYS = ["trigger", "source", "target", "place", "date", "number", "fatalities"];
const KEY_LABELS = { trigger: "trigger", source: "actor (source)", target: "actor (target)", place: "place", date: "date", number: "number", fatalities: "death toll" };

function keys() {
  return el("div", { class: "keys" }, KEYS.map((k) => el("mark", { class: k }, KEY_LABELS[k])));
}

function actorName(a) {
  if (!a) return null;
  return a.country && !a.name.includes(a.country) ? `${a.name} (${a.country})` : a.name;
}

function sentenceView(s, evidence) {
  if (!s) return el("p", { class: "sentence" }, el("span", { class: "ev" }, evidence.text));
  return el(
    "p",
    { class: "sentence" },
    s.parts.map((p) => {
      const inner = p.kind ? el("mark", { class: p.kind, title: KEY_LABELS[p.kind] }, p.text) : p.text;
      return p.evidence ? el("span", { class: "ev" }, inner) : inner;
    }),
  );
}

function dates(d) {
  if (!d || !d.start) return "undated";
  return d.start === d.end || !d.end ? d.start : `${d.start} – ${d.end}`;
}

async function selectIncident(id, push) {
  state.incident = String(id);
  writeUrl(state, push);
  showTab("incident");
  const panel = document.getElementById("incident");
  panel.replaceChildren(el("p", { class: "hint" }, "Loading…"));
  try {
    const i = await api(`/api/incidents/${encodeURIComponent(id)}`);
    if (state.incident !== String(id)) return;
    const a1 = actorName(i.actor1);
    const a2 = actorName(i.actor2);
    const assoc = [...(i.assoc_actor_1 || []), ...(i.assoc_actor_2 || [])].map(actorName);
    const place = i.location
      ? [i.location.name, i.location.admin1 !== i.location.name ? i.location.admin1 : null, i.location.country].filter(Boolean).join(", ")
      : "unknown";
    const deaths = i.fatalities
      ? `${i.fatalities.qualifier === "at_least" ? "at least " : i.fatalities.qualifier === "about" ? "about " : ""}${i.fatalities.total}` +
        (i.fatalities.civilians ? ` (${i.fatalities.civilians} civilians)` : "")
      : "none reported";
    panel.replaceChildren(
      el("h2", { id: "incident-title" }, `${i.plover.toLowerCase()}${i.acled ? " — " + i.acled.sub_event_type : ""}`),
      el(
        "dl",
        { class: "facts" },
        el("dt", {}, "Type"), el("dd", {}, `${i.plover} (CAMEO ${i.cameo})${i.acled ? `; ACLED ${i.acled.event_type} / ${i.acled.sub_event_type}` : ""}`),
        el("dt", {}, "Actors"), el("dd", {}, [a1 || "unknown", a2 ? ` → ${a2}` : ""].join("")),
        assoc.length ? [el("dt", {}, "Also"), el("dd", {}, assoc.join("; "))] : null,
        el("dt", {}, "Place"), el("dd", {}, place),
        el("dt", {}, "Dates"), el("dd", {}, `${dates(i.date)} (${i.date.precision})`),
        el("dt", {}, "Deaths"), el("dd", { class: "fatalities" }, deaths),
        el("dt", {}, "Sources"), el("dd", {}, `${i.sources.join(", ")} — ${i.n_reports} report${i.n_reports === 1 ? "" : "s"}`),
      ),
      el("h3", {}, "What the sources say"),
      keys(),
      ...i.events.map((e) =>
        el(
          "div",
          { class: "source", dataset: { event: e.id } },
          el(
            "div",
            { class: "meta" },
            e.article.url ? el("a", { href: e.article.url, rel: "noopener noreferrer", target: "_blank" }, e.article.title || e.article.id) : e.article.title || e.article.id,
            ` — ${e.article.source || "unknown outlet"}, ${e.article.published || "undated"}`,
          ),
          sentenceView(e.sentence, e.evidence),
        ),
      ),
    );
  } catch (err) {
    panel.replaceChildren(el("p", { class: "warn" }, err.message));
  }
}

function showGroup(group) {
  showTab("incident");
  const panel = document.getElementById("incident");
  panel.replaceChildren(
    el("h2", {}, `${group.length} incidents here`),
    el(
      "ul",
      {},
      group.map((f) => {
        const p = f.properties;
        return el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); selectIncident(p.id, true); } },
          `${p.plover.toLowerCase()} — ${p.place}, ${p.date_start || "undated"}${p.fatalities ? `, ${p.fatalities} dead` : ""}`));
      }),
    ),
  );
}

// ---------------------------------------------------------------- try it

const enc = new TextEncoder();
const dec = new TextDecoder();
/** The text at UTF-8 byte offsets `start..end` (the API's offsets). */
function bytes(text, start, end) {
  return dec.decode(enc.encode(text).slice(start, end));
}

document.getElementById("try-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.target.elements;
  const out = document.getElementById("try-out");
  const body = { text: f.text.value };
  if (f.published.value) body.published = f.published.value;
  if (f.lang.value) body.lang = f.lang.value;
  out.replaceChildren(el("p", { class: "hint" }, "Extracting…"));
  try {
    const r = await api("/api/extract", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = f.text.value;
    out.replaceChildren(
      el("p", {}, `Language ${r.article.lang}, ${r.sentences.length} sentence${r.sentences.length === 1 ? "" : "s"}, ${r.events.length} event${r.events.length === 1 ? "" : "s"}.`),
      ...r.warnings.map((w) => el("p", { class: "warn" }, w)),
      ...r.events.map((ev) => {
        const s = r.sentences[ev.evidence.sentence];
        const flags = Object.entries(ev.modality).filter(([, v]) => v).map(([k]) => k);
        const sentence = s
          ? el("p", { class: "sentence" },
              bytes(text, s.start, ev.evidence.start),
              el("span", { class: "ev" }, el("mark", { class: "trigger" }, ev.evidence.text)),
              bytes(text, ev.evidence.end, s.end))
          : null;
        return el(
          "div",
          { class: "event" },
          el("div", { class: "what" }, `${ev.plover.type.toLowerCase()}${ev.acled ? " — " + ev.acled.sub_event_type : ""} (CAMEO ${ev.cameo})`),
          flags.length ? el("div", { class: "flags" }, flags.join(", ")) : null,
          el("dl", { class: "facts" },
            el("dt", {}, "Source"), el("dd", {}, ev.source.map((a) => a.name).join(", ") || "—"),
            el("dt", {}, "Target"), el("dd", {}, ev.target.map((a) => a.name).join(", ") || "—"),
            el("dt", {}, "Place"), el("dd", {}, ev.location ? `${ev.location.name}${ev.location.country ? ", " + ev.location.country : ""}` : "—"),
            el("dt", {}, "Date"), el("dd", {}, dates(ev.date)),
            el("dt", {}, "Deaths"), el("dd", {}, ev.fatalities && ev.fatalities.total !== null ? String(ev.fatalities.total) : "—"),
          ),
          sentence,
        );
      }),
    );
  } catch (err) {
    out.replaceChildren(el("p", { class: "warn" }, err.message));
  }
});

// ---------------------------------------------------------------- start

refresh();
if (state.incident) selectIncident(state.incident, false);
