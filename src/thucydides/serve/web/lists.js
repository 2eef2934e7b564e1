// The Actors, Quotes and Places lists, and an actor's page: its events as actor and as
// recipient over time, its quotes and its network.

import { activate, api, articleHref, el, notice, quadLegend, svg } from "./dom.js";
import { chosenFilters, filtersOf, go, hrefOf } from "./route.js";
import { PAGE, eventRows, pager, dateCell, placeCell, sentenceCell } from "./tables.js";
import { networkFigure, withoutActor } from "./network.js";

function page(params) {
  return { limit: PAGE, offset: params.get("offset") || 0 };
}

function table(id, headings, rows) {
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "events", id },
      el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows),
    ),
  );
}

function cells(labels, values) {
  return values.map((v, i) => el("td", { dataset: { label: labels[i] } }, v));
}

/** Actors grouped by name and country, most involved first; each opens its page. */
export async function renderActors(route) {
  const params = route.params;
  const found = await api("/actors", { ...filtersOf(params), ...page(params) });
  const headings = ["Actor", "Country", "Kind", "Sector", "Events", "Mentions", "Articles"];
  const rows = found.items.map((a) =>
    el(
      "tr",
      { class: "actor-row", tabindex: "0", dataset: { name: a.name }, ...activate(() => go("actor", withoutActor(chosenFilters(params)), a.name)) },
      cells(headings, [
        el("a", { href: hrefOf("actor", withoutActor(chosenFilters(params)), a.name) }, a.name),
        a.country || "—",
        a.kind,
        a.sector || "—",
        a.events,
        a.mentions,
        a.articles,
      ]),
    ),
  );
  return el(
    "section",
    {},
    el("div", { class: "toolbar" }, el("h2", {}, "Actors"), pager("actors", params, found)),
    el("p", { class: "muted" }, "Actors as coded, grouped by name and country. Type, since and until keep actors of matching events. Open one for its events over time, its quotes and its network."),
    rows.length ? table("actors-table", headings, rows) : notice("No actor matches these filters."),
  );
}

/** Quotes with their speakers; each links to its article. */
export async function renderQuotes(route) {
  const params = route.params;
  const found = await api("/quotes", { ...filtersOf(params), ...page(params) });
  return el(
    "section",
    {},
    el("div", { class: "toolbar" }, el("h2", {}, "Quotes"), pager("quotes", params, found)),
    found.items.length ? quoteList(found.items) : notice("No quote matches these filters."),
  );
}

function quoteList(items) {
  return el(
    "ul",
    { class: "quotes", id: "quotes-list" },
    items.map((q) =>
      el(
        "li",
        { class: "quote-item", dataset: { article: q.article_id, quote: q.quote_id } },
        el("q", {}, q.text),
        el(
          "span",
          { class: "muted" },
          " — ",
          q.speaker ? el("a", { href: hrefOf("actor", {}, q.speaker.name) }, q.speaker.name) : q.speaker_text || "unknown speaker",
          ` (${q.kind}) · ${q.published ? q.published.slice(0, 10) : "date unknown"} · `,
          el("a", { href: articleHref(q.article_id) }, q.title || "article"),
        ),
      ),
    ),
  );
}

/** Places grouped by name and country, most mentioned first; each lists its events. */
export async function renderPlaces(route) {
  const params = route.params;
  const found = await api("/places", { ...filtersOf(params), ...page(params) });
  const headings = ["Place", "Country", "Kind", "Events", "Mentions", "Articles", "Lat, lon"];
  const rows = found.items.map((p) =>
    el(
      "tr",
      { class: "place-row", dataset: { name: p.name } },
      cells(headings, [
        // The text filter finds an event by its place's name (and in its sentence).
        el("a", { href: hrefOf("events", { ...chosenFilters(params), text: p.name }) }, p.name),
        p.country || "—",
        p.feature || "—",
        p.events,
        p.mentions,
        p.articles,
        p.lat === null || p.lat === undefined ? "—" : `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`,
      ]),
    ),
  );
  return el(
    "section",
    {},
    el("div", { class: "toolbar" }, el("h2", {}, "Places"), pager("places", params, found)),
    el("p", { class: "muted" }, "Places named in the articles, with GeoNames coordinates where known. Kind is how precise a place is: a city, a province (admin), a country or a region."),
    rows.length ? table("places-table", headings, rows) : notice("No place matches these filters."),
  );
}

// ---------------------------------------------------------------- an actor's page

const ACTOR_COLUMNS = [
  { label: "Date", cell: dateCell, className: "date" },
  { label: "Type", cell: (e) => el("span", { class: `badge quad-${e.quad_code}` }, e.event) },
  { label: "Actor", cell: (e) => e.actors.map((p) => p.name).join(" + ") || "—" },
  { label: "Recipient", cell: (e) => e.recipients.map((p) => p.name).join(" + ") || "—" },
  { label: "Modality", cell: (e) => e.modality },
  { label: "Place", cell: placeCell },
  { label: "Sentence", cell: sentenceCell, className: "sentence" },
];

/** One actor: its events as actor and as recipient over time, its quotes, its network. */
export async function renderActor(route) {
  const name = route.arg || "";
  const shown = withoutActor(chosenFilters(route.params));
  const asked = { ...withoutActor(filtersOf(route.params)), actor: name };
  const [asActor, asRecipient, overActor, overRecipient, quotes, network] = await Promise.all([
    api("/events", { ...asked, role: "actor", limit: 20 }),
    api("/events", { ...asked, role: "recipient", limit: 20 }),
    api("/timeline", { ...asked, role: "actor", granularity: "month" }),
    api("/timeline", { ...asked, role: "recipient", granularity: "month" }),
    api("/quotes", { ...withoutActor(filtersOf(route.params)), actor: name, limit: 20 }),
    api("/network", asked),
  ]);
  const figure = networkFigure(network, shown, "actor-network");
  const all = (role) => hrefOf("events", { ...shown, actor: name, role });
  return el(
    "section",
    { class: "actor-view" },
    el("h2", { id: "actor-name" }, name),
    el("p", { class: "muted" }, `Events whose actor or recipient names contain “${name}”, with the filters above.`),
    el("h3", {}, "Over time"),
    roleTimeline(overActor, overRecipient),
    el("h3", { id: "as-actor" }, `As actor (${asActor.total})`, " ", el("a", { href: all("actor"), class: "button" }, "all in Events")),
    asActor.total ? table("actor-events", ACTOR_COLUMNS.map((c) => c.label), eventRows(asActor.items, ACTOR_COLUMNS)) : notice("None."),
    el("h3", { id: "as-recipient" }, `As recipient (${asRecipient.total})`, " ", el("a", { href: all("recipient"), class: "button" }, "all in Events")),
    asRecipient.total ? table("recipient-events", ACTOR_COLUMNS.map((c) => c.label), eventRows(asRecipient.items, ACTOR_COLUMNS)) : notice("None."),
    el("h3", {}, `Quotes (${quotes.total})`),
    quotes.total ? quoteList(quotes.items) : notice("No quote by this actor."),
    el("h3", {}, "Network"),
    figure ? [quadLegend(), figure.svg] : notice("No event with both an actor and a recipient."),
  );
}

/** Two lanes, as actor and as recipient: a bar per month, as tall as its event count. */
function roleTimeline(asActor, asRecipient) {
  const months = new Map();
  for (const [role, timeline] of [["actor", asActor], ["recipient", asRecipient]]) {
    for (const b of timeline.buckets) {
      const month = b.start.slice(0, 7);
      const counts = months.get(month) || { actor: 0, recipient: 0 };
      counts[role] += b.count;
      months.set(month, counts);
    }
  }
  if (!months.size) return notice("No dated event.");
  const keys = [...months.keys()].sort();
  const first = keys[0];
  const last = keys[keys.length - 1];
  const all = [];
  for (let m = first; m <= last; m = nextMonth(m)) all.push(m);
  const most = Math.max(...[...months.values()].flatMap((c) => [c.actor, c.recipient]), 1);
  const [width, left, lane] = [960, 110, 60];
  const step = Math.min(40, (width - left - 20) / all.length);
  const bars = [];
  all.forEach((month, i) => {
    const counts = months.get(month) || { actor: 0, recipient: 0 };
    ["actor", "recipient"].forEach((role, r) => {
      if (!counts[role]) return;
      const h = Math.max(2, (counts[role] / most) * (lane - 10));
      bars.push(
        svg(
          "rect",
          {
            class: `bar bar-${role}`,
            x: (left + i * step + 1).toFixed(1),
            y: (10 + r * lane + lane - 5 - h).toFixed(1),
            width: Math.max(step - 2, 1).toFixed(1),
            height: h.toFixed(1),
            dataset: { month, role, count: counts[role] },
          },
          svg("title", {}, `${month}, as ${role}: ${counts[role]} event(s)`),
        ),
      );
    });
  });
  const every = Math.max(1, Math.ceil(all.length / 12));
  const ticks = all
    .map((month, i) => [month, i])
    .filter(([month, i]) => i % every === 0)
    .map(([month, i]) => svg("text", { x: (left + i * step + step / 2).toFixed(1), y: 2 * lane + 28, "text-anchor": "middle", class: "tick-label" }, month));
  return svg(
    "svg",
    { id: "actor-timeline", class: "chart", viewBox: `0 0 ${width} ${2 * lane + 36}`, role: "img", "aria-label": "Events per month as actor and as recipient" },
    svg("text", { x: left - 10, y: 10 + lane / 2 + 4, "text-anchor": "end", class: "lane-label" }, "as actor"),
    svg("text", { x: left - 10, y: 10 + lane + lane / 2 + 4, "text-anchor": "end", class: "lane-label" }, "as recipient"),
    bars,
    ticks,
  );
}

function nextMonth(month) {
  let [y, m] = month.split("-").map(Number);
  m += 1;
  if (m > 12) [y, m] = [y + 1, 1];
  return `${y}-${String(m).padStart(2, "0")}`;
}
