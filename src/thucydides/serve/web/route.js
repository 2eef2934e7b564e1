// Routes live in the URL hash: #/events?type=ASSAULT&sort=-date, #/article/ID?event=E3,
// #/actor/NAME?modality=all.

export const VIEW_NAMES = [
  "articles",
  "events",
  "actors",
  "quotes",
  "places",
  "network",
  "timeline",
  "map",
  "article",
  "actor",
];
export const FILTER_KEYS = ["type", "actor", "role", "country", "since", "until", "text", "modality", "min_confidence"];

/** What the UI shows when no modality is chosen: what `thucydides export` exports. */
export const DEFAULT_MODALITY = "asserted,future";

/** Parses the hash into {view, arg, params}; an unknown view is named, not guessed. */
export function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const [view, ...rest] = path.split("/");
  return {
    view: !view ? "events" : VIEW_NAMES.includes(view) ? view : "unknown",
    name: view,
    arg: rest.length ? decodeURIComponent(rest.join("/")) : null,
    params: new URLSearchParams(query || ""),
  };
}

/** The hash of a view with params (an object or URLSearchParams) and an argument. */
export function hrefOf(view, params, arg) {
  const query = new URLSearchParams(params || {});
  for (const [key, value] of [...query]) if (!value) query.delete(key);
  const path = arg ? `${view}/${encodeURIComponent(arg)}` : view;
  return query.toString() ? `#/${path}?${query}` : `#/${path}`;
}

/** Navigates to a view; re-renders when the hash is already there. */
export function go(view, params, arg) {
  const target = hrefOf(view, params, arg);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = target;
}

/** The filters set in the route's params, as they stand in the URL. */
export function chosenFilters(params) {
  const filters = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key);
  return filters;
}

/** The filters to ask the API with: those chosen, and the default modality if none is. */
export function filtersOf(params) {
  return { modality: DEFAULT_MODALITY, ...chosenFilters(params) };
}
