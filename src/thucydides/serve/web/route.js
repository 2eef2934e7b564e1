// Routes live in the URL hash: #/events?type=ASSAULT&sort=-date, #/article/ID?event=E3.

export const VIEW_NAMES = ["articles", "events", "network", "timeline", "map", "article"];
export const FILTER_KEYS = ["type", "actor", "country", "since", "until", "text"];

/** Parses the hash into {view, arg, params}. */
export function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const [view, ...rest] = path.split("/");
  return {
    view: VIEW_NAMES.includes(view) ? view : "events",
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

/** The filters in the route's params, as an object of non-empty values. */
export function filtersOf(params) {
  const filters = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key);
  return filters;
}
