// The articles list and the events table: filtered, sorted and paged by the API.

import { activate, api, articleHref, datePrecision, el, names, notice, placePrecision, precisionMark } from "./dom.js";
import { filtersOf, go, hrefOf } from "./route.js";

export const PAGE = 50;

/** A sentence with its trigger words marked, from the record's offsets. */
export function sentenceCell(e) {
  const s = e.sentence;
  const t = e.trigger;
  if (!t || t.start < s.start || t.end > s.end) return s.text;
  const [a, b] = [t.start - s.start, t.end - s.start];
  return [s.text.slice(0, a), el("mark", { class: "trigger" }, s.text.slice(a, b)), s.text.slice(b)];
}

/** The date an event is listed under, marked when it is not a day the text states. */
export function dateCell(e) {
  return [e.filed_under || "—", " ", precisionMark(datePrecision(e.date), "date")];
}

/** The event's place, marked when it is coarse or not named in its sentence. */
export function placeCell(e) {
  return e.place ? [e.place.name, " ", precisionMark(placePrecision(e.place), "place")] : "—";
}

const EVENT_COLUMNS = [
  { key: "date", label: "Date", cell: dateCell, className: "date" },
  { key: "event", label: "Type", cell: (e) => el("span", { class: `badge quad-${e.quad_code}` }, e.event) },
  { key: "actor", label: "Actor", cell: (e) => names(e.actors) },
  { key: "recipient", label: "Recipient", cell: (e) => names(e.recipients) },
  { key: "modality", label: "Modality", cell: (e) => e.modality },
  { key: "place", label: "Place", cell: placeCell },
  { key: null, label: "Sentence", cell: sentenceCell, className: "sentence" },
  { key: "confidence", label: "Conf.", cell: (e) => e.confidence.toFixed(2) },
  { key: "article", label: "Article", cell: (e) => e.title || e.article_id.slice(0, 12) },
];

/** "1–50 of 1057", and links to the pages before and after. */
export function pager(view, params, page, arg) {
  const { total, limit, offset } = page;
  const to = Math.min(offset + limit, total);
  const at = (start) => {
    const next = new URLSearchParams(params);
    if (start > 0) next.set("offset", String(start));
    else next.delete("offset");
    return hrefOf(view, next, arg);
  };
  let text = "none";
  if (total && offset < total) text = `${offset + 1}–${to} of ${total}`;
  else if (total) text = `past the end: ${total} in all`;
  const last = total ? Math.floor((total - 1) / Math.max(limit, 1)) * limit : 0;
  return el(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    el("span", { class: "count", id: "page-count" }, text),
    offset > 0 ? el("a", { href: at(Math.min(offset - limit, last)), class: "button", id: "page-prev" }, "‹ Previous") : null,
    to < total && offset < total ? el("a", { href: at(offset + limit), class: "button", id: "page-next" }, "Next ›") : null,
  );
}

/** Rows of events, each opening the event in its article (click, Enter or Space). */
export function eventRows(items, columns = EVENT_COLUMNS) {
  return items.map((e) =>
    el(
      "tr",
      {
        class: "event-row",
        tabindex: "0",
        dataset: { article: e.article_id, event: e.event_id, type: e.event, modality: e.modality },
        ...activate(() => go("article", { event: e.event_id }, e.article_id)),
      },
      columns.map((column) => el("td", { class: column.className || null, dataset: { label: column.label } }, column.cell(e))),
    ),
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
  return el(
    "section",
    { class: "events-view" },
    el(
      "div",
      { class: "toolbar" },
      el("h2", {}, "Events"),
      pager("events", params, page),
      el("a", { class: "button", id: "export-csv", href: exportHref(params, "csv"), download: "" }, "CSV"),
      el("a", { class: "button", id: "export-jsonl", href: exportHref(params, "plover-jsonl"), download: "" }, "JSON Lines"),
    ),
    el(
      "p",
      { class: "muted legend-marks" },
      "Marks: ",
      el("abbr", { class: "precision" }, "P"),
      " dated by the publication date; ",
      el("abbr", { class: "precision" }, "~"),
      " a week, month or year; ",
      el("abbr", { class: "precision" }, "?"),
      " no date; ",
      el("abbr", { class: "precision" }, "ctx"),
      " place taken from the article, not the sentence; ",
      el("abbr", { class: "precision" }, "≈"),
      " a country or region, not a town.",
    ),
    page.total
      ? el(
          "div",
          { class: "table-scroll" },
          el("table", { class: "events", id: "events-table" }, el("thead", {}, header), el("tbody", {}, eventRows(page.items))),
        )
      : notice("No event matches these filters."),
  );
}

/** The export of exactly the events the table shows: every filter, the modality included. */
export function exportHref(params, format) {
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
