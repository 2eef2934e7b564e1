// The analyst's UI: a router over the views, and the filter bar they share.

import { api, el, notice, replace } from "./dom.js";
import { FILTER_KEYS, currentRoute, go } from "./route.js";
import { renderArticle } from "./article.js";
import { renderArticles, renderEvents } from "./tables.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";

const VIEWS = {
  articles: renderArticles,
  events: renderEvents,
  network: renderNetwork,
  timeline: renderTimeline,
  map: renderMap,
  article: renderArticle,
};

function fillFilterForm(params) {
  for (const key of FILTER_KEYS) {
    document.getElementById(`f-${key}`).value = params.get(key) || "";
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
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("active", link.dataset.view === route.view);
  }
  document.getElementById("filters").hidden = route.view === "article";
  const view = document.getElementById("view");
  view.setAttribute("aria-busy", "true");
  try {
    const content = await VIEWS[route.view](route);
    if (ticket !== renderCount) return; // a later navigation won
    replace(view, content);
  } catch (error) {
    if (ticket !== renderCount) return;
    replace(view, notice(`Could not load this view: ${error.message}`, "error"));
  } finally {
    if (ticket === renderCount) view.setAttribute("aria-busy", "false");
  }
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
    const view = route.view === "article" ? "events" : route.view;
    go(view, readFilterForm());
  });
  document.getElementById("f-clear").addEventListener("click", () => {
    go(currentRoute().view === "article" ? "events" : currentRoute().view, {});
  });
  window.addEventListener("hashchange", render);
  await render();
}

start();
