// The articles list and the events table: filtered, sorted and paged by the API.

import { api, articleHref, el, names, notice } from "./dom.js";
import { filtersOf, go, hrefOf } from "./route.js";

const PAGE = 50;

const EVENT_COLUMNS = [
  { key: "date", label: "Date", cell: (e) => e.filed_under || "—" },
  { key: "event", label: "Type", cell: (e) => el("span", { class: `badge quad-${e.quad_code}` }, e.event) },
  { key: "actor", label: "Actor", cell: (e) => names(e.actors) },
  { key: "recipient", label: "Recipient", cell: (e) => names(e.recipients) },
  { key: "modality", label: "Modality", cell: (e) => e.modality },
  { key: "place", label: "Place", cell: (e) => (e.place ? e.place.name : "—") },
  { key: null, label: "Trigger", cell: (e) => e.event_text },
  { key: "confidence", label: "Conf.", cell: (e) => e.confidence.toFixed(2) },
  { key: "article", label: "Article", cell: (e) => e.title || e.article_id.slice(0, 12) },
];

function pager(view, params, page) {
  const { total, limit, offset } = page;
  const to = Math.min(offset + limit, total);
  const step = (delta) => {
    const next = new URLSearchParams(params);
    next.set("offset", String(Math.max(0, offset + delta)));
    return hrefOf(view, next);
  };
  return el(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    el("span", { class: "count", id: "page-count" }, total ? `${offset + 1}–${to} of ${total}` : "none"),
    offset > 0 ? el("a", { href: step(-limit), class: "button", id: "page-prev" }, "‹ Previous") : null,
    to < total ? el("a", { href: step(limit), class: "button", id: "page-next" }, "Next ›") : null,
  );
}

/** The events table. */
export async function renderEvents(route) {
  const params = route.params;
  const sort = params.get("sort") || "";
  const page = await api("/events", {
    ...filtersOf(params),
    sort,
    limit: PAGE,
    offset: params.get("offset") || 0,
  });
  const header = el(
    "tr",
    {},
    EVENT_COLUMNS.map((column) => {
      if (!column.key) return el("th", { scope: "col" }, column.label);
      const active = sort.replace(/^-/, "") === column.key;
      const descending = active && sort.startsWith("-");
      const next = new URLSearchParams(params);
      next.set("sort", active && !descending ? `-${column.key}` : column.key);
      next.delete("offset");
      return el(
        "th",
        { scope: "col", "aria-sort": active ? (descending ? "descending" : "ascending") : "none" },
        el(
          "a",
          { href: hrefOf("events", next), class: "sort", dataset: { sort: column.key } },
          column.label,
          active ? (descending ? " ▼" : " ▲") : "",
        ),
      );
    }),
  );
  const rows = page.items.map((e) =>
    el(
      "tr",
      {
        class: "event-row",
        tabindex: "0",
        dataset: { article: e.article_id, event: e.event_id, type: e.event },
        onclick: () => go("article", { event: e.event_id }, e.article_id),
        onkeydown: (k) => k.key === "Enter" && go("article", { event: e.event_id }, e.article_id),
        title: e.sentence.text,
      },
      EVENT_COLUMNS.map((column) => el("td", {}, column.cell(e))),
    ),
  );
  return el(
    "section",
    { class: "events-view" },
    el(
      "div",
      { class: "toolbar" },
      el("h2", {}, "Events"),
      pager("events", params, page),
      el("a", { class: "button", href: exportHref(params, "csv"), download: "" }, "CSV"),
      el("a", { class: "button", href: exportHref(params, "jsonl"), download: "" }, "JSON Lines"),
    ),
    page.total
      ? el("table", { class: "events", id: "events-table" }, el("thead", {}, header), el("tbody", {}, rows))
      : notice("No event matches these filters."),
  );
}

function exportHref(params, format) {
  const query = new URLSearchParams(filtersOf(params));
  query.set("format", format);
  return `/export?${query}`;
}

/** The articles list. */
export async function renderArticles(route) {
  const params = route.params;
  const page = await api("/articles", {
    ...filtersOf(params),
    limit: PAGE,
    offset: params.get("offset") || 0,
  });
  const items = page.items.map((a) =>
    el(
      "li",
      { class: "article-item" },
      el("a", { href: articleHref(a.id), class: "title" }, a.title || `Untitled (${a.id.slice(0, 12)}…)`),
      el(
        "span",
        { class: "muted" },
        ` ${a.published || "date unknown"} · ${a.events} events · ${a.actors} actors · ${a.quotes} quotes`,
      ),
    ),
  );
  return el(
    "section",
    {},
    el("div", { class: "toolbar" }, el("h2", {}, "Articles"), pager("articles", params, page)),
    items.length ? el("ul", { class: "articles" }, items) : notice("No article matches these filters."),
  );
}
