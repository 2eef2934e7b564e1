// The analyst's UI: a router over the views, and the filter bar they share. The filters
// live in the URL and travel with every link between views.

import { api, el, notice, replace } from "./dom.js";
import { DEFAULT_MODALITY, FILTER_KEYS, chosenFilters, currentRoute, go, hrefOf } from "./route.js";
import { renderArticle } from "./article.js";
import { renderArticles, renderEvents } from "./tables.js";
import { renderActor, renderActors, renderPlaces, renderQuotes } from "./lists.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";

const VIEWS = {
  articles: renderArticles,
  events: renderEvents,
  actors: renderActors,
  quotes: renderQuotes,
  places: renderPlaces,
  network: renderNetwork,
  timeline: renderTimeline,
  map: renderMap,
  article: renderArticle,
  actor: renderActor,
  unknown: async (route) =>
    notice(`There is no view named “${route.name}”. Pick one above.`, "error"),
};

/** Which tab is lit for a view. */
const TAB = { article: "events", actor: "actors" };

function fillFilterForm(params) {
  for (const key of FILTER_KEYS) {
    const field = document.getElementById(`f-${key}`);
    let value = params.get(key) || "";
    if (key === "modality" && value === DEFAULT_MODALITY) value = ""; // the default's option
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      field.append(el("option", { value }, value)); // a value typed into the URL
    }
    field.value = value;
  }
}

function readFilterForm() {
  const values = {};
  for (const key of FILTER_KEYS) {
    const value = document.getElementById(`f-${key}`).value.trim();
    if (value) values[key] = key === "country" ? value.toUpperCase() : value;
  }
  return values;
}

let renderCount = 0;

async function render() {
  const route = currentRoute();
  const ticket = ++renderCount;
  fillFilterForm(route.params);
  const filters = chosenFilters(route.params);
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("active", link.dataset.view === (TAB[route.view] || route.view));
    // Switching views keeps the filters.
    link.setAttribute("href", hrefOf(link.dataset.view, filters));
  }
  document.getElementById("filters").hidden = route.view === "article";
  const view = document.getElementById("view");
  view.setAttribute("aria-busy", "true");
  try {
    const content = await VIEWS[route.view](route);
    if (ticket !== renderCount) return; // a later navigation won
    replace(view, content);
    if (content.afterAttach) content.afterAttach();
  } catch (error) {
    if (ticket !== renderCount) return;
    replace(view, notice(`Could not load this view: ${error.message}`, "error"));
  } finally {
    if (ticket === renderCount) view.setAttribute("aria-busy", "false");
  }
}

/** The view the filter bar applies to: lists stay, a single article or actor goes to Events. */
function listView() {
  const view = currentRoute().view;
  return view === "article" || view === "actor" || view === "unknown" ? "events" : view;
}

async function start() {
  const summary = await api("/summary").catch(() => null);
  const select = document.getElementById("f-type");
  for (const type of summary ? summary.event_types : []) {
    select.append(el("option", { value: type }, type));
  }
  if (summary) {
    replace(
      document.getElementById("store-summary"),
      `${summary.articles} articles · ${summary.events} events`,
    );
  }
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const route = currentRoute();
    if (route.view === "actor") go("actor", readFilterForm(), route.arg);
    else go(listView(), readFilterForm());
  });
  document.getElementById("f-clear").addEventListener("click", () => go(listView(), {}));
  window.addEventListener("hashchange", render);
  await render();
}

start();
