// The article view: the text with actors, places, quotes and event triggers highlighted
// from the record's offsets; clicking an event shows its roles and its evidence sentence.

import { activate, api, datePrecision, dateText, el, names, notice, placePrecision, replace, safeUrl } from "./dom.js";

/**
 * Cuts text into segments at every annotation boundary; each segment knows the
 * annotations that cover it. Annotations are {start, end, kind, ...}.
 */
export function segment(text, annotations) {
  const cuts = new Set([0, text.length]);
  for (const a of annotations) {
    if (a.start >= 0 && a.end <= text.length && a.start < a.end) {
      cuts.add(a.start);
      cuts.add(a.end);
    }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const segments = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    segments.push({
      start,
      end,
      covers: annotations.filter((a) => a.start <= start && a.end >= end),
    });
  }
  return segments;
}

function annotationsOf(record) {
  const list = [];
  for (const actor of record.actors) {
    for (const m of actor.mentions) list.push({ ...m, kind: "actor", id: actor.id });
  }
  for (const place of record.places) {
    for (const m of place.mentions) list.push({ ...m, kind: "place", id: place.id });
  }
  for (const quote of record.quotes) {
    list.push({ start: quote.start, end: quote.end, kind: "quote", id: quote.id });
  }
  for (const event of record.events) {
    if (event.trigger) list.push({ ...event.trigger, kind: "trigger", id: event.id });
    // Sentences only cut segments, so that evidence can be highlighted exactly.
    list.push({ ...event.sentence, kind: "sentence", id: event.id });
  }
  return list;
}

function describe(record, covers) {
  const byId = (list, id) => list.find((x) => x.id === id);
  const lines = [];
  for (const a of covers) {
    if (a.kind === "actor") {
      const actor = byId(record.actors, a.id);
      lines.push(`Actor: ${actor.name}${actor.code ? ` (${actor.code})` : ""}`);
    } else if (a.kind === "place") {
      const place = byId(record.places, a.id);
      lines.push(`Place: ${place.name}${place.country ? ` (${place.country})` : ""}`);
    } else if (a.kind === "trigger") {
      lines.push(`Event ${a.id}: ${byId(record.events, a.id).event}`);
    } else if (a.kind === "quote") {
      const quote = byId(record.quotes, a.id);
      lines.push(`Quote ${a.id}${quote.speaker_text ? ` by ${quote.speaker_text}` : ""}`);
    }
  }
  return lines.join("\n");
}

/** The article view for route.arg (the record id); route.params may name an event. */
export async function renderArticle(route) {
  const record = await api(`/articles/${encodeURIComponent(route.arg || "")}`);
  const actors = new Map(record.actors.map((a) => [a.id, a]));
  const places = new Map(record.places.map((p) => [p.id, p]));
  const segments = segment(record.text, annotationsOf(record));

  const spans = segments.map((s) => {
    const kinds = new Set(s.covers.map((a) => a.kind));
    const classes = [...kinds].filter((k) => k !== "sentence").map((k) => `hl-${k}`);
    const triggers = s.covers.filter((a) => a.kind === "trigger").map((a) => a.id);
    const node = el(
      "span",
      {
        class: classes.join(" ") || null,
        dataset: { start: s.start, end: s.end, events: triggers.join(" ") || undefined },
        title: describe(record, s.covers) || null,
      },
      record.text.slice(s.start, s.end),
    );
    if (triggers.length) {
      node.setAttribute("role", "button");
      node.setAttribute("tabindex", "0");
      const handlers = activate(() => select(triggers[0], true));
      node.addEventListener("click", handlers.onclick);
      node.addEventListener("keydown", handlers.onkeydown);
    }
    return node;
  });
  const body = el("div", { class: "article-text", id: "article-text" }, spans);
  const details = el("div", { class: "event-details", id: "event-details" }, notice("Click an event to see its evidence."));

  const eventButtons = record.events.map((e) =>
    el(
      "li",
      {},
      el(
        "button",
        { type: "button", class: `event-button quad-border-${e.quad_code}`, dataset: { event: e.id }, onclick: () => select(e.id, true) },
        el("span", { class: `badge quad-${e.quad_code}` }, e.event),
        ` ${names(e.actor.map((id) => actors.get(id)).filter(Boolean))} → ${names(
          e.recipient.map((id) => actors.get(id)).filter(Boolean),
        )}`,
        e.modality !== "asserted" ? el("em", {}, ` (${e.modality})`) : null,
      ),
    ),
  );

  function select(eventId, scroll) {
    const event = record.events.find((e) => e.id === eventId);
    if (!event) return;
    const roles = new Map();
    for (const id of event.actor) roles.set(id, "role-actor");
    for (const id of event.recipient) roles.set(id, "role-recipient");
    for (const node of spans) {
      const start = Number(node.dataset.start);
      const end = Number(node.dataset.end);
      const inSentence = start >= event.sentence.start && end <= event.sentence.end;
      const trigger = event.trigger && start >= event.trigger.start && end <= event.trigger.end;
      node.classList.toggle("evidence", inSentence);
      node.classList.toggle("selected-trigger", Boolean(trigger));
      node.classList.remove("role-actor", "role-recipient");
      if (inSentence) {
        const seg = segments[spans.indexOf(node)];
        for (const a of seg.covers) {
          if (a.kind === "actor" && roles.has(a.id)) node.classList.add(roles.get(a.id));
        }
      }
    }
    for (const button of eventButtons) {
      const b = button.firstChild;
      b.classList.toggle("selected", b.dataset.event === eventId);
    }
    replace(details, eventDetails(event, actors, places));
    const params = new URLSearchParams(location.hash.split("?")[1] || "");
    if (params.get("event") !== eventId) {
      params.set("event", eventId);
      history.replaceState(null, "", `${location.hash.split("?")[0]}?${params}`);
    }
    if (scroll) {
      const first = spans.find((n) => n.classList.contains("evidence"));
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  const source = record.source;
  const view = el(
    "article",
    { class: "article-view" },
    el(
      "header",
      {},
      el("h2", { id: "article-title" }, source.title || "Untitled article"),
      el(
        "p",
        { class: "muted" },
        [source.published || "publication date unknown", source.authors.join(", "), record.id]
          .filter(Boolean)
          .join(" · "),
        // Only http(s) links: a javascript: or data: URL from a feed stays text.
        safeUrl(source.url)
          ? el("span", {}, " · ", el("a", { href: safeUrl(source.url), rel: "noopener noreferrer", target: "_blank", id: "source-link" }, "source"))
          : source.url
            ? el("span", { id: "source-url" }, " · source: ", source.url)
            : null,
      ),
      el(
        "p",
        { class: "legend-inline" },
        el("span", { class: "hl-actor" }, "actor"),
        " ",
        el("span", { class: "hl-place" }, "place"),
        " ",
        el("span", { class: "hl-quote" }, "quote"),
        " ",
        el("span", { class: "hl-trigger" }, "event trigger"),
        " ",
        el("span", { class: "evidence" }, "evidence sentence"),
      ),
    ),
    el(
      "div",
      { class: "article-layout" },
      body,
      el(
        "aside",
        { class: "article-side" },
        el("h3", {}, "Selected event"),
        details,
        el("h3", {}, `Events (${record.events.length})`),
        record.events.length ? el("ul", { class: "event-list" }, eventButtons) : notice("No events coded."),
        el("h3", {}, `Quotes (${record.quotes.length})`),
        el(
          "ul",
          { class: "quote-list" },
          record.quotes.map((q) =>
            el("li", {}, el("q", {}, q.text), el("span", { class: "muted" }, ` — ${q.speaker_text || "unknown speaker"} (${q.kind})`)),
          ),
        ),
      ),
    ),
  );
  const wanted = route.params.get("event");
  // Selected once the view is in the page: scrolling needs it laid out.
  if (wanted) view.afterAttach = () => select(wanted, true);
  if (wanted && !record.events.some((e) => e.id === wanted)) {
    replace(details, notice(`This article has no event ${wanted}.`, "error"));
  }
  return view;
}

/** A value with how precise it is spelt out: "2025-03-01 (publication date: ...)". */
function withPrecision(text, precision) {
  return precision ? [text, el("span", { class: "precision-note" }, ` — ${precision.label}`)] : text;
}

/** A record's place as the event lists name it: its kind, and whether its sentence names it. */
function placeOf(place, event) {
  const s = event.sentence;
  return {
    feature: place.feature,
    in_sentence: place.mentions.some((m) => m.start >= s.start && m.end <= s.end),
  };
}

function eventDetails(event, actors, places) {
  const party = (ids) => names(ids.map((id) => actors.get(id)).filter(Boolean));
  const place = event.event_loc ? places.get(event.event_loc) : null;
  const rows = [
    ["Event", `${event.event}${event.mode ? ` (${event.mode})` : ""}`],
    ["Actor", party(event.actor)],
    ["Recipient", party(event.recipient)],
    ["Modality", event.modality],
    ["Date", withPrecision(dateText(event.date), datePrecision(event.date))],
    ["Place", place ? withPrecision(`${place.name}${place.country ? ` (${place.country})` : ""}`, placePrecision(placeOf(place, event))) : "—"],
    ["Reported by", event.reported_by ? party([event.reported_by]) : "—"],
    ["Trigger", event.event_text],
    ["CAMEO", event.cameo || "—"],
    ["Confidence", event.confidence.toFixed(2)],
  ];
  return el(
    "div",
    { dataset: { event: event.id } },
    el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", { dataset: { field: k.toLowerCase() } }, v)])),
    el("p", { class: "evidence-quote", id: "evidence-sentence" }, event.sentence.text),
  );
}
