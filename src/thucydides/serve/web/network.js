// The actor network: who did what to whom. Nodes are actors, arrows run from actor to
// recipient, coloured by PLOVER quad class and as thick as their event count. The layout is
// a small force simulation (Fruchterman-Reingold), run to rest before drawing.

import { activate, api, el, notice, quadColor, quadLegend, svg } from "./dom.js";
import { filtersOf, go } from "./route.js";

const MAX_NODES = 40;
const WIDTH = 960;
const HEIGHT = 620;
const GRAVITY = 1.8;

/** Positions nodes: repulsion between all pairs, springs along edges, a pull to the centre. */
export function layout(nodes, edges, iterations = 500) {
  const k = Math.sqrt((WIDTH * HEIGHT) / Math.max(nodes.length, 1)) * 0.55;
  // Deterministic start on a circle: the same data always gives the same picture.
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = WIDTH / 2 + (WIDTH / 4) * Math.cos(angle);
    n.y = HEIGHT / 2 + (HEIGHT / 4) * Math.sin(angle);
  });
  let temperature = WIDTH / 10;
  for (let step = 0; step < iterations; step++) {
    for (const n of nodes) n.dx = n.dy = 0;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const force = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * force; a.dy += dy * force;
        b.dx -= dx * force; b.dy -= dy * force;
      }
    }
    for (const e of edges) {
      const a = e.source, b = e.target;
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const force = (d * d) / k;
      dx /= d; dy /= d;
      a.dx -= dx * force; a.dy -= dy * force;
      b.dx += dx * force; b.dy += dy * force;
    }
    for (const n of nodes) {
      // Gravity keeps loose components on the canvas; wider than tall, like the canvas.
      n.dx += (WIDTH / 2 - n.x) * GRAVITY * (HEIGHT / WIDTH);
      n.dy += (HEIGHT / 2 - n.y) * GRAVITY;
      const d = Math.max(Math.hypot(n.dx, n.dy), 0.01);
      const move = Math.min(d, temperature);
      n.x = Math.min(WIDTH - 40, Math.max(40, n.x + (n.dx / d) * move));
      n.y = Math.min(HEIGHT - 25, Math.max(25, n.y + (n.dy / d) * move));
    }
    temperature = Math.max(temperature * 0.99, 0.5);
  }
}

export async function renderNetwork(route) {
  const filters = filtersOf(route.params);
  const network = await api("/network", filters);
  const figure = networkFigure(network, filters);
  if (!figure) {
    return el("section", {}, el("h2", {}, "Actor network"), notice("No event with both an actor and a recipient matches these filters."));
  }
  return el(
    "section",
    { class: "network-view" },
    el("div", { class: "toolbar" }, el("h2", {}, "Actor network"), quadLegend()),
    el("p", { class: "muted" }, `Who did what to whom: ${figure.nodes} actors, ${figure.edges} links (the ${MAX_NODES} most active actors). Arrows run from actor to recipient; thicker means more events. Click an actor (or press Enter on it) to open its page.`),
    figure.svg,
  );
}

/**
 * The network drawn as SVG: {svg, nodes, edges}, or null when no event has both an
 * actor and a recipient. Clicking (or Enter, Space on) an actor opens its page.
 */
export function networkFigure(network, filters, id = "network") {
  const kept = network.nodes.slice(0, MAX_NODES).map((n) => ({ ...n }));
  const byName = new Map(kept.map((n) => [n.name, n]));
  const edges = network.edges
    .filter((e) => byName.has(e.actor) && byName.has(e.recipient))
    .map((e) => ({ ...e, source: byName.get(e.actor), target: byName.get(e.recipient) }));
  const nodes = kept.filter((n) => edges.some((e) => e.source === n || e.target === n));
  if (!nodes.length) return null;
  layout(nodes, edges);
  const markers = svg(
    "defs",
    {},
    [1, 2, 3, 4, null].map((q) =>
      svg(
        "marker",
        { id: `arrow-${q ?? 0}`, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto-start-reverse" },
        svg("path", { d: "M0,0 L10,5 L0,10 z", fill: quadColor(q) }),
      ),
    ),
  );
  const radius = (n) => 5 + Math.sqrt(n.events) * 2.2;
  const edgeShapes = edges.map((e) => {
    const { x: x1, y: y1 } = e.source;
    const { x: x2, y: y2 } = e.target;
    const d = Math.max(Math.hypot(x2 - x1, y2 - y1), 1);
    // Bend each arrow to its left, so A→B and B→A stay apart; stop at the target's rim.
    const bend = 0.15 * d;
    const mx = (x1 + x2) / 2 - ((y2 - y1) / d) * bend;
    const my = (y1 + y2) / 2 + ((x2 - x1) / d) * bend;
    const back = radius(e.target) + 2;
    const reach = Math.max(Math.hypot(x2 - mx, y2 - my), 0.01);
    const ex = x2 - ((x2 - mx) / reach) * back;
    const ey = y2 - ((y2 - my) / reach) * back;
    return svg(
      "path",
      {
        class: "edge",
        d: `M${x1.toFixed(1)},${y1.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
        stroke: quadColor(e.quad_code),
        "stroke-width": (1 + Math.log2(e.count) * 1.5).toFixed(2),
        "marker-end": `url(#arrow-${e.quad_code ?? 0})`,
        dataset: { quad: e.quad_code, count: e.count },
      },
      svg("title", {}, `${e.actor} → ${e.recipient}: ${e.count} event(s), ${e.types.join(", ")}`),
    );
  });
  const nodeShapes = nodes.map((n) =>
    svg(
      "g",
      {
        class: "node",
        transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
        tabindex: "0",
        role: "link",
        dataset: { name: n.name },
        ...activate(() => go("actor", withoutActor(filters), n.name)),
      },
      svg("circle", { r: radius(n).toFixed(1) }),
      svg("text", { x: (radius(n) + 3).toFixed(1), y: "4" }, n.name),
      svg("title", {}, `${n.name}${n.country ? ` (${n.country})` : ""}: ${n.events} event(s). Click to open its page.`),
    ),
  );
  return {
    svg: svg("svg", { id, class: "network", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "Actor network" }, markers, svg("g", {}, edgeShapes), svg("g", {}, nodeShapes)),
    nodes: nodes.length,
    edges: edges.length,
  };
}

/** The filters an actor's page keeps: all but the actor and role it sets itself. */
export function withoutActor(filters) {
  const kept = { ...filters };
  delete kept.actor;
  delete kept.role;
  return kept;
}
