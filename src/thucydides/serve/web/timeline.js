// The timeline: one lane per event type, a dot per period sized by its number of events.

import { activate, api, el, notice, quadColor, quadLegend, svg } from "./dom.js";
import { chosenFilters, filtersOf, go } from "./route.js";

const LANE = 34;
const LEFT = 120;
const RIGHT = 30;
const WIDTH = 960;

const DAY = 86400000;

function periodEnd(start, granularity) {
  const d = new Date(`${start}T00:00:00Z`);
  if (granularity === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
  else if (granularity === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + 1);
  return new Date(d.getTime() - DAY).toISOString().slice(0, 10);
}

/**
 * Tick times at the starts of years, months or days (as the buckets are), every k-th one
 * so that there are at most about ten: a tick sits where its period's dots sit.
 */
export function tickTimes(t0, t1, granularity) {
  const starts = [];
  const d = new Date(t0);
  d.setUTCHours(0, 0, 0, 0);
  if (granularity === "year") d.setUTCMonth(0, 1);
  if (granularity === "month") d.setUTCDate(1);
  while (d.getTime() < t0) advance(d, granularity);
  for (; d.getTime() <= t1 && starts.length < 20000; advance(d, granularity)) starts.push(d.getTime());
  const every = Math.max(1, Math.ceil(starts.length / 10));
  return starts.filter((_, i) => i % every === 0);
}

function advance(d, granularity) {
  if (granularity === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
  else if (granularity === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + 1);
}

export async function renderTimeline(route) {
  const filters = filtersOf(route.params);
  const [timeline, summary] = await Promise.all([api("/timeline", filters), api("/summary")]);
  if (!timeline.buckets.length) {
    return el("section", {}, el("h2", {}, "Timeline"), notice("No dated event matches these filters."));
  }
  const types = summary.event_types.filter((t) => timeline.buckets.some((b) => b.type === t));
  const times = timeline.buckets.map((b) => Date.parse(`${b.start}T00:00:00Z`));
  let [t0, t1] = [Math.min(...times), Math.max(...times)];
  if (t0 === t1) [t0, t1] = [t0 - 15 * DAY, t1 + 15 * DAY];
  const x = (t) => LEFT + ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - RIGHT);
  const height = types.length * LANE + 50;
  const most = Math.max(...timeline.buckets.map((b) => b.count));
  const lanes = types.map((type, i) =>
    svg(
      "g",
      { class: "lane", transform: `translate(0,${20 + i * LANE})` },
      svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: LANE / 2, y2: LANE / 2, class: "lane-line" }),
      svg("text", { x: LEFT - 10, y: LANE / 2 + 4, "text-anchor": "end", class: "lane-label" }, type),
    ),
  );
  const dots = timeline.buckets.map((b) => {
    const lane = types.indexOf(b.type);
    const until = periodEnd(b.start, timeline.granularity);
    return svg(
      "circle",
      {
        class: "dot",
        cx: x(Date.parse(`${b.start}T00:00:00Z`)).toFixed(1),
        cy: 20 + lane * LANE + LANE / 2,
        r: (3 + 11 * Math.sqrt(b.count / most)).toFixed(1),
        fill: quadColor(b.quad_code),
        tabindex: "0",
        role: "link",
        dataset: { type: b.type, start: b.start, count: b.count },
        ...activate(() => go("events", { ...chosenFilters(route.params), type: b.type, since: b.start, until })),
      },
      svg("title", {}, `${b.type}, ${b.start}${until !== b.start ? ` to ${until}` : ""}: ${b.count} event(s)`),
    );
  });
  const ticks = [];
  for (const t of tickTimes(t0, t1, timeline.granularity)) {
    const label = new Date(t).toISOString().slice(0, timeline.granularity === "year" ? 4 : timeline.granularity === "month" ? 7 : 10);
    ticks.push(
      svg("g", { class: "tick-mark", transform: `translate(${x(t).toFixed(1)},${types.length * LANE + 20})` },
        svg("line", { y1: 0, y2: 5, class: "tick" }),
        svg("text", { y: 18, "text-anchor": "middle", class: "tick-label" }, label)),
    );
  }
  return el(
    "section",
    { class: "timeline-view" },
    el("div", { class: "toolbar" }, el("h2", {}, "Timeline"), quadLegend()),
    el("p", { class: "muted" }, `Events per type per ${timeline.granularity}, dated by the text, else by publication.${timeline.undated ? ` ${timeline.undated} undated event(s) are not shown.` : ""} Click a dot to list its events.`),
    svg("svg", { id: "timeline", viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": "Timeline of events per type" }, lanes, ticks, dots),
  );
}
