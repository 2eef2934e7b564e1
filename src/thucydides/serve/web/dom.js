// DOM helpers. Every piece of data reaches the page as a text node or an attribute value:
// nothing is ever parsed as markup, because article text is untrusted.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key.startsWith("on")) {
      throw new Error(`refusing a non-function event handler attribute: ${key}`);
    } else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Node) node.append(child);
    else node.append(textNode(String(child), node.namespaceURI !== SVG_NS));
  }
  return node;
}

// Bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM):
// an unclosed right-to-left override in a title would flip the interface text after it.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A text node; in HTML, text with bidi controls is isolated in a <bdi> of its own. */
function textNode(text, html) {
  if (!html || !BIDI_CONTROLS.test(text)) return document.createTextNode(text);
  const isolated = document.createElement("bdi");
  isolated.append(document.createTextNode(text));
  return isolated;
}

/** Click and keyboard (Enter, Space) handlers for an element acting as a button or link. */
export function activate(handler) {
  return {
    onclick: handler,
    onkeydown: (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        handler(event);
      }
    },
  };
}

/** ``url`` when it is an http(s) URL, else null: no javascript:, data: or file: links. */
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An HTML element: el("a", {href: "#/x", class: "c"}, "text", otherNode). */
export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, as el(). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces the children of node. */
export function replace(node, ...children) {
  node.replaceChildren();
  return build(node, {}, children);
}

/** Fetches JSON from the API; throws an Error with the server's one-line reason. */
export async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    let reason = `${response.status} ${response.statusText}`;
    if (body && typeof body.detail === "string") reason = body.detail;
    else if (body && Array.isArray(body.detail)) {
      reason = body.detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
    }
    throw new Error(reason);
  }
  return body;
}

/** PLOVER quad classes: names and colours (ColorBrewer, colour-blind safe pairs). */
export const QUADS = {
  1: { name: "verbal cooperation", color: "#2c7bb6" },
  2: { name: "material cooperation", color: "#1a9641" },
  3: { name: "verbal conflict", color: "#fdae61" },
  4: { name: "material conflict", color: "#d7191c" },
};

export function quadColor(code) {
  return (QUADS[code] || { color: "#888888" }).color;
}

/** A legend of the quad colours. */
export function quadLegend() {
  return el(
    "ul",
    { class: "legend" },
    Object.entries(QUADS).map(([code, q]) =>
      el("li", {}, el("span", { class: `swatch quad-${code}` }), ` ${code}: ${q.name}`),
    ),
  );
}

/** Names of parties joined, or a dash. */
export function names(parties) {
  return parties && parties.length ? parties.map((p) => p.name).join(" + ") : "—";
}

/** "2017-01-09 – 2017-01-15 (last week)", or "unknown". */
export function dateText(date, filedUnder) {
  if (!date || !date.start) return filedUnder ? `${filedUnder} (publication date)` : "unknown";
  const range = date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  return date.text ? `${range} (“${date.text}”)` : range;
}

/**
 * How an event's date was found, for the analyst: null for a day the text states,
 * else {mark, label}: "P" taken from the publication date, "~" a week, month, year or
 * range, "?" an expression that cannot be resolved, or no date at all.
 */
export function datePrecision(date) {
  if (!date) return null;
  if (date.basis === "publication") {
    return { mark: "P", label: "publication date: the text gives no date for this event" };
  }
  if (date.basis === "expression" && !date.start) {
    return { mark: "?", label: `“${date.text || ""}” cannot be resolved to a date` };
  }
  if (date.basis === "unknown" || !date.start) {
    return { mark: "?", label: "no date: a background event, or no publication date" };
  }
  if (date.granularity && date.granularity !== "day") {
    const range = date.end && date.end !== date.start ? ` (${date.start} to ${date.end})` : "";
    return { mark: "~", label: `a ${date.granularity}, not a day: “${date.text || ""}”${range}` };
  }
  return null;
}

/**
 * How precise an event's place is: null for a place its sentence names at city level or
 * finer; else {mark, label}: "ctx" not named in the sentence (taken from the article),
 * "≈" a country, region or province rather than a town.
 */
export function placePrecision(place) {
  if (!place) return null;
  const parts = [];
  let mark = "";
  if (place.in_sentence === false) {
    mark += "ctx";
    parts.push("not named in the event's sentence: taken from the article around it");
  }
  if (place.feature && !["city", "other", "water"].includes(place.feature)) {
    mark += "≈";
    parts.push(`a ${place.feature === "admin" ? "province or district" : place.feature}, not a town`);
  }
  return mark ? { mark, label: parts.join("; ") } : null;
}

/** A small mark that explains itself on hover and to screen readers. */
export function precisionMark(precision, kind) {
  if (!precision) return null;
  return el(
    "abbr",
    { class: `precision precision-${kind}`, title: precision.label, "aria-label": precision.label },
    precision.mark,
  );
}

/** A link to an article, optionally to one of its events. */
export function articleHref(articleId, eventId) {
  const base = `#/article/${encodeURIComponent(articleId)}`;
  return eventId ? `${base}?event=${encodeURIComponent(eventId)}` : base;
}

/** A message in place of a view. */
export function notice(text, kind = "info") {
  return el("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}
