// The map: event locations on a bundled world outline (Natural Earth 110m, public domain),
// in an equirectangular projection: x = lon + 180, y = 90 - lat. No tiles, no network.

import { activate, api, articleHref, el, notice, quadColor, quadLegend, replace, svg } from "./dom.js";
import { filtersOf } from "./route.js";

let world = null;

async function worldOutline() {
  if (!world) {
    const response = await fetch("world.json");
    if (!response.ok) throw new Error(`world outline: ${response.status}`);
    world = await response.json();
  }
  return world;
}

function dominantQuad(byQuad) {
  let best = 0;
  for (let i = 1; i < 4; i++) if (byQuad[i] > byQuad[best]) best = i;
  return best + 1;
}

export async function renderMap(route) {
  const filters = filtersOf(route.params);
  const [outline, data] = await Promise.all([worldOutline(), api("/map", filters)]);
  const countries = new Set(data.points.map((p) => p.country).filter(Boolean));
  const list = el("div", { id: "map-events", class: "map-events" }, notice("Click a place to list its events."));
  const most = Math.max(1, ...data.points.map((p) => p.count));

  function show(point) {
    replace(
      list,
      el("h3", {}, `${point.name}${point.country ? ` (${point.country})` : ""}: ${point.count} event(s)`),
      el(
        "ul",
        {},
        point.events.map((e) =>
          el(
            "li",
            {},
            el(
              "a",
              { href: articleHref(e.article_id, e.event_id) },
              el("span", { class: `badge quad-${e.quad_code}` }, e.event),
              ` ${(e.actors || []).join(" + ") || "—"} → ${(e.recipients || []).join(" + ") || "—"}`,
            ),
            el("span", { class: "muted" }, ` · ${e.filed_under || "undated"} · ${e.title || "untitled article"}`),
          ),
        ),
      ),
      point.count > point.events.length ? notice(`Showing the first ${point.events.length}.`) : null,
    );
  }

  const land = outline.countries.map((c) =>
    svg("path", { d: c.d, class: countries.has(c.iso) ? "country involved" : "country" }, svg("title", {}, c.name)),
  );
  const points = data.points.map((p) =>
    svg(
      "circle",
      {
        class: "place-point",
        cx: (p.lon + 180).toFixed(2),
        cy: (90 - p.lat).toFixed(2),
        r: (0.9 + 3.2 * Math.sqrt(p.count / most)).toFixed(2),
        fill: quadColor(dominantQuad(p.by_quad)),
        tabindex: "0",
        role: "button",
        dataset: { place: p.name, count: p.count },
        ...activate(() => show(p)),
      },
      svg("title", {}, `${p.name}: ${p.count} event(s)`),
    ),
  );
  return el(
    "section",
    { class: "map-view" },
    el("div", { class: "toolbar" }, el("h2", {}, "Map of event locations"), quadLegend()),
    el("p", { class: "muted" }, `${data.points.length} places; colour is the most frequent quad class there.${data.unplaced ? ` ${data.unplaced} event(s) have no known location.` : ""}`),
    data.points.length ? null : notice("No located event matches these filters."),
    svg("svg", { id: "map", viewBox: "0 0 360 180", role: "img", "aria-label": "World map of event locations" },
      svg("rect", { x: 0, y: 0, width: 360, height: 180, class: "sea" }),
      svg("g", {}, land),
      svg("g", {}, points)),
    list,
  );
}
