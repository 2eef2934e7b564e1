"""The web UI, driven in headless Chromium (Debian's, through Playwright's own driver).

Needs /usr/bin/chromium (`apt-get install chromium`; `.ci/run` installs it); without it
these tests skip. Playwright never downloads a browser here: it launches that executable.

With THUCYDIDES_UI_SCREENSHOTS=1 the view tests also write docs/ui/*.png.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the api extra is not installed: pip install -e '.[api]'")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from thucydides.parse.nlp import Parser  # noqa: E402
from thucydides.serve.app import create_app, running  # noqa: E402

from .conftest import REPO  # noqa: E402
from .demo import demo_store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install -y chromium)",
    ),
]

#: Flags for a root, headless, offline Chromium: no sandbox (root), and none of the
#: background connections that a machine without a network refuses.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SCREENSHOTS = REPO / "docs" / "ui"

HOSTILE_TEXT = (
    "Rebel fighters attacked a military convoy near the border on Monday, officials said. "
    '<script>window.__pwned = "script";</script> The statement added '
    "<img src=x onerror=\"window.__pwned = 'img'\"> that <b>ten soldiers</b> were wounded "
    "and the army promised to retaliate against the rebels."
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, parser: Parser) -> Iterator[str]:
    """The app served on loopback over a copy of the demo store."""
    demo = demo_store(tmp_path_factory.mktemp("demo"), parser)
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    shutil.copy(demo, db)
    with running(create_app(str(db))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page that fails the test on any script error or CSP violation."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    opened.problems = problems
    yield opened
    context.close()
    # favicon.ico is not served; nothing else may fail.
    real = [p for p in problems if "404" not in p]
    assert not real, real


def api(base_url: str, path: str) -> object:
    with urllib.request.urlopen(base_url + path) as response:
        return json.load(response)


def fetch(base_url: str, path: str) -> tuple[int, str]:
    with urllib.request.urlopen(base_url + path) as response:
        return response.status, response.read().decode("utf-8")


def post(base_url: str, body: bytes, content_type: str) -> dict:
    request = urllib.request.Request(
        base_url + "/articles", data=body, method="POST", headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Waits until ``expression`` is true in the page, as ``page.wait_for_function`` with its
    default 30 s timeout does, but polled from here.

    Notes:
        ``wait_for_function`` polls a string predicate inside the page by compiling it with
        ``eval``, which the UI's Content Security Policy (``script-src 'self'``, no
        'unsafe-eval') refuses: the wait failed with an EvalError whenever the condition
        was not already true on its first check. ``page.evaluate`` runs through the
        browser's debugging protocol, which the policy does not govern.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout:.0f} s in the page: {expression}")
        page.wait_for_timeout(50)


def screenshot(page, name: str) -> None:
    if os.environ.get("THUCYDIDES_UI_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


# ---------------------------------------------------------------- the analyst's path


def test_filter_events_click_one_and_see_its_evidence(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/events")
    page.wait_for_selector("#events-table tr.event-row")
    screenshot(page, "events")
    # Filter: material conflict involving the rebels' spokesman (his fighters' ambush).
    page.select_option("#f-type", "ASSAULT")
    page.fill("#f-actor", "Ousmane")
    page.click("#f-apply")
    wait_until(page, "location.hash.includes('type=ASSAULT')")
    # The table is redrawn when the filtered answer arrives: wait for it, not the old rows.
    wait_until(
        page,
        "(() => { const r = [...document.querySelectorAll('#events-table tr.event-row')];"
        " return r.length > 0 && r.every(x => x.dataset.type === 'ASSAULT'); })()",
    )
    rows = page.locator("#events-table tr.event-row")
    types = rows.evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types and set(types) == {"ASSAULT"}
    # The table shows asserted and future events unless asked otherwise, as export does.
    expected = api(base_url, "/events?type=ASSAULT&actor=Ousmane&modality=asserted,future")
    assert len(types) == expected["total"]

    # Sorting by a column header sorts the table.
    page.click("th a.sort[data-sort='confidence']")
    wait_until(page, "location.hash.includes('sort=confidence')")
    # Wait for the redrawn (sorted) table; a table never sorted times out and fails here.
    wait_until(
        page,
        "(() => { const c = [...document.querySelectorAll("
        "'#events-table tr.event-row td:nth-child(8)')].map(x => parseFloat(x.textContent));"
        " return c.length > 0 && c.every((v, i) => i === 0 || c[i - 1] <= v); })()",
    )
    confidence = page.locator("#events-table tr.event-row td:nth-child(8)").all_inner_texts()
    assert confidence == sorted(confidence, key=float)

    # Click the first event: the article opens with its evidence sentence highlighted.
    first = rows.first
    article_id, event_id = first.get_attribute("data-article"), first.get_attribute("data-event")
    first.click()
    page.wait_for_selector("#article-text .evidence")
    event = api(base_url, f"/events/{article_id}/{event_id}")
    highlighted = page.locator("#article-text .evidence").all_text_contents()
    assert "".join(highlighted) == event["sentence"]["text"]
    assert page.text_content("#evidence-sentence") == event["sentence"]["text"]
    trigger = "".join(page.locator("#article-text .selected-trigger").all_text_contents())
    assert trigger and trigger in event["sentence"]["text"]
    details = page.locator("#event-details")
    assert details.locator("dd[data-field='event']").inner_text().startswith("ASSAULT")
    actors = " + ".join(p["name"] for p in event["actors"]) or "—"
    assert details.locator("dd[data-field='actor']").inner_text() == actors
    assert details.locator("dd[data-field='modality']").inner_text() == event["modality"]
    assert page.locator(f"button.event-button.selected[data-event='{event_id}']").count() == 1
    screenshot(page, "article")


def test_clicking_a_trigger_in_the_text_selects_its_event(page, base_url: str) -> None:
    article = api(base_url, "/articles?actor=Ousmane")["items"][0]
    page.goto(f"{base_url}/ui/#/article/{article['id']}")
    page.wait_for_selector("#article-text .hl-trigger")
    assert page.locator("#article-text .evidence").count() == 0
    trigger = page.locator("#article-text .hl-trigger").nth(2)
    wanted = trigger.get_attribute("data-events").split()[0]
    trigger.click()
    page.wait_for_selector("#article-text .evidence")
    assert page.get_attribute("#event-details > div", "data-event") == wanted
    assert f"event={wanted}" in page.evaluate("location.hash")
    assert page.locator("#article-text .hl-actor").count() > 0
    assert page.locator("#article-text .hl-quote").count() > 0


# ---------------------------------------------------------------- untrusted text


def test_html_and_script_in_article_text_display_as_text(page, base_url: str) -> None:
    posted = post(
        base_url,
        json.dumps(
            {
                "id": "hostile-1",
                "title": "<img src=x onerror=\"window.__pwned = 'title'\">Convoy attacked",
                "published": "2025-03-03",
                "text": HOSTILE_TEXT,
            }
        ).encode(),
        "application/json",
    )
    text = posted["record"]["text"]
    assert "<script>" in text and "<b>ten soldiers</b>" in text  # kept as text by cleanup
    page.goto(f"{base_url}/ui/#/article/hostile-1")
    page.wait_for_selector("#article-text span")
    body = page.locator("#article-text")
    assert body.text_content() == text
    assert body.locator("script, img, b").count() == 0
    assert page.locator("#article-title img").count() == 0
    assert page.text_content("#article-title").startswith("<img src=x onerror=")
    assert page.evaluate("window.__pwned") is None
    # And in the lists that show titles and sentences.
    page.goto(f"{base_url}/ui/#/articles?text=convoy")
    page.wait_for_selector("ul.articles li")
    assert page.locator("ul.articles img").count() == 0
    assert page.evaluate("window.__pwned") is None


# ---------------------------------------------------------------- the other views


def test_network_view(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/network")
    page.wait_for_selector("svg#network g.node")
    edges = page.locator("svg#network path.edge")
    assert edges.count() > 0
    colours = set(edges.evaluate_all("es => es.map(e => e.getAttribute('stroke'))"))
    assert colours <= {"#2c7bb6", "#1a9641", "#fdae61", "#d7191c", "#888888"}
    widths = edges.evaluate_all("es => es.map(e => Number(e.getAttribute('stroke-width')))")
    assert max(widths) > min(widths)  # weighted by count
    screenshot(page, "network")
    node = page.locator("svg#network g.node").first
    name = node.locator("text").text_content()
    node.locator("circle").click()
    wait_until(page, "location.hash.startsWith('#/actor/')")
    page.wait_for_selector("#actor-name")
    assert page.text_content("#actor-name") == name


def test_timeline_view(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/timeline")
    page.wait_for_selector("svg#timeline circle.dot")
    labels = page.locator("svg#timeline .lane-label").all_text_contents()
    timeline = api(base_url, "/timeline?modality=asserted,future")
    assert set(labels) == {b["type"] for b in timeline["buckets"]}
    screenshot(page, "timeline")
    dot = page.locator("svg#timeline circle.dot").first
    kind = dot.get_attribute("data-type")
    dot.click()
    page.wait_for_selector("#events-table tr.event-row")
    types = page.locator("#events-table tr.event-row").evaluate_all(
        "rows => rows.map(r => r.dataset.type)"
    )
    assert set(types) == {kind}


def test_map_view(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/map")
    page.wait_for_selector("svg#map circle.place-point")
    assert page.locator("svg#map path.country").count() > 150  # the bundled outline
    points = api(base_url, "/map?modality=asserted,future")["points"]
    assert page.locator("svg#map circle.place-point").count() == len(points)
    screenshot(page, "map")
    page.locator("svg#map circle.place-point").first.dispatch_event("click")
    page.wait_for_selector("#map-events li a")
    page.locator("#map-events li a").first.click()
    page.wait_for_selector("#article-text .evidence")


def test_articles_view(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/articles")
    page.wait_for_selector("ul.articles li")
    screenshot(page, "articles")
    page.locator("ul.articles li a.title").first.click()
    page.wait_for_selector("#article-text span")


def test_a_bad_filter_shows_the_servers_reason(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/events?since=2018-01-01&until=2017-01-01")
    page.wait_for_selector(".notice.error")
    assert "since 2018-01-01 is after until 2017-01-01" in page.text_content(".notice.error")
    page.problems.clear()  # the 422 itself is logged by the browser


# ---------------------------------------------------------------- issue 15: the analyst's day


def rows_ready(page, selector: str = "#events-table tr.event-row") -> None:
    page.wait_for_selector(selector)


def test_sentence_column_and_opening_an_event_scrolls_to_its_sentence(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/events?sort=-confidence")
    rows_ready(page)
    first = page.locator("#events-table tr.event-row").first
    article_id, event_id = first.get_attribute("data-article"), first.get_attribute("data-event")
    event = api(base_url, f"/events/{article_id}/{event_id}")
    cell = first.locator("td.sentence")
    assert cell.text_content() == event["sentence"]["text"]
    if event["trigger"]:
        assert cell.locator("mark.trigger").text_content() == event["event_text"] or (
            cell.locator("mark.trigger").text_content() in event["sentence"]["text"]
        )
    # The event of this article whose sentence is furthest down: opening it scrolls there.
    record = api(base_url, f"/articles/{article_id}")
    last = max(record["events"], key=lambda e: e["sentence"]["start"])
    page.goto(f"{base_url}/ui/#/article/{article_id}?event={last['id']}")
    page.wait_for_selector("#article-text .evidence")
    wait_until(
        page,
        "(() => { const r = document.querySelector('#article-text .evidence')"
        ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()",
    )
    if last["sentence"]["start"] > 3000:  # far below the first screen: it did scroll
        assert page.evaluate("scrollY") > 0


def test_role_modality_and_confidence_filters_and_what_is_exported(page, base_url) -> None:
    events = api(base_url, "/events?limit=1000")["items"]
    acting = {p["name"] for e in events for p in e["actors"]}
    # a party that is the recipient of an event the filters below keep
    receiving = {p["name"] for e in events if e["confidence"] >= 0.1 for p in e["recipients"]}
    name = sorted(acting & receiving)[0]
    page.goto(f"{base_url}/ui/#/events")
    rows_ready(page)
    page.fill("#f-actor", name)
    page.select_option("#f-role", "recipient")
    page.select_option("#f-modality", "all")
    page.fill("#f-min_confidence", "0.1")
    page.fill("#f-text", "the")
    page.click("#f-apply")
    wait_until(page, "location.hash.includes('role=recipient')")
    query = urllib.parse.urlencode(
        {"actor": name, "role": "recipient", "modality": "all", "min_confidence": "0.1"}
    )
    query += "&text=the"
    expected = api(base_url, f"/events?{query}&limit=1000")
    assert expected["total"] > 0
    wait_until(
        page,
        f"document.querySelector('#page-count') && document.querySelector('#page-count')"
        f".textContent.endsWith('of {expected['total']}')",
    )
    # Every row has the actor among its recipients.
    recipients = page.locator("#events-table tr.event-row td:nth-child(4)").all_inner_texts()
    assert recipients and all(name in cell for cell in recipients)
    # The CSV and JSON Lines buttons export exactly these events.
    csv_href = page.get_attribute("#export-csv", "href")
    jsonl_href = page.get_attribute("#export-jsonl", "href")
    for key in ("text=the", "role=recipient", "modality=all", "min_confidence=0.1"):
        assert key in csv_href and key in jsonl_href
    status, body = fetch(base_url, csv_href)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert status == 200 and len(rows) == expected["total"]
    status, body = fetch(base_url, jsonl_href)
    assert status == 200 and len(body.splitlines()) == expected["total"]
    # The default modality is asserted + future, in the table as in the export.
    default_total = api(base_url, "/events?modality=asserted,future")["total"]
    page.goto(f"{base_url}/ui/#/events")
    wait_until(
        page,
        "document.querySelector('#page-count').textContent.endsWith(' of "
        f"{default_total}') && !location.hash.includes('role')",
    )
    modalities = set(
        page.locator("#events-table tr.event-row").evaluate_all(
            "rows => rows.map(r => r.dataset.modality)"
        )
    )
    assert modalities <= {"asserted", "future"}
    status, body = fetch(base_url, page.get_attribute("#export-csv", "href"))
    assert len(list(csv.DictReader(io.StringIO(body)))) == default_total


def test_views_keep_the_filters(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/events?type=ASSAULT&modality=all&min_confidence=0.2")
    rows_ready(page)
    for view in ("map", "network", "timeline", "actors", "places", "quotes", "events"):
        page.click(f"#nav a[data-view='{view}']")
        wait_until(page, f"location.hash.startsWith('#/{view}')")
        hash_ = page.evaluate("location.hash")
        assert "type=ASSAULT" in hash_ and "modality=all" in hash_, view
        assert page.input_value("#f-type") == "ASSAULT"
        assert page.input_value("#f-modality") == "all"
    page.click("#nav a[data-view='map']")
    page.wait_for_selector("svg#map")
    points = api(base_url, "/map?type=ASSAULT&modality=all&min_confidence=0.2")["points"]
    wait_until(page, f"document.querySelectorAll('circle.place-point').length === {len(points)}")


def test_pager_and_sorting_by_date(page, base_url) -> None:
    total = api(base_url, "/events?modality=asserted,future")["total"]
    page.goto(f"{base_url}/ui/#/events")
    rows_ready(page)
    assert page.text_content("#page-count") == f"1–{min(50, total)} of {total}"
    page.goto(f"{base_url}/ui/#/events?offset=5000")
    # The hash changes in the same page: wait for the new pager, not the old one.
    count = "document.querySelector('#page-count').textContent"
    wait_until(page, f"{count} === 'past the end: {total} in all'")
    page.click("#page-prev")
    wait_until(page, f"{count}.endsWith(' of {total}')")
    rows_ready(page)
    page.goto(f"{base_url}/ui/#/events?sort=-date&modality=all")
    wait_until(page, "location.hash.includes('sort=-date')")
    wait_until(page, "document.querySelector('th[aria-sort=descending] a[data-sort=date]')")
    dates = page.locator("#events-table tr.event-row td:nth-child(1)").all_inner_texts()
    newest = api(base_url, "/events?sort=-date&modality=all&limit=1")["items"][0]
    assert dates[0].startswith(newest["filed_under"])


def test_date_and_place_precision_are_marked(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/events?modality=all")
    rows_ready(page)
    shown = api(base_url, "/events?modality=all&limit=50")["items"]
    marks = page.locator("#events-table tr.event-row td:nth-child(1)").evaluate_all(
        "cells => cells.map(c => (c.querySelector('abbr.precision') || {}).textContent || '')"
    )
    expected = [
        "P"
        if e["date"]["basis"] == "publication"
        else "?"
        if not e["date"]["start"]
        else "~"
        if e["date"]["granularity"] not in (None, "day")
        else ""
        for e in shown
    ]
    assert marks == expected
    assert "P" in marks
    places = page.locator("#events-table tr.event-row td:nth-child(6)").evaluate_all(
        "cells => cells.map(c => (c.querySelector('abbr.precision') || {}).textContent || '')"
    )
    for mark, e in zip(places, shown, strict=True):
        coarse = bool(e["place"]) and e["place"]["feature"] in ("country", "admin", "region")
        assert ("≈" in mark) == coarse
        assert ("ctx" in mark) == (bool(e["place"]) and e["place"]["in_sentence"] is False)


def test_timeline_ticks_sit_on_period_starts(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/timeline?modality=all")
    page.wait_for_selector("svg#timeline circle.dot")
    granularity = api(base_url, "/timeline?modality=all")["granularity"]
    ticks = page.locator("svg#timeline g.tick-mark").evaluate_all(
        "gs => gs.map(g => [g.querySelector('text').textContent,"
        " parseFloat(g.getAttribute('transform').slice(10))])"
    )
    assert ticks
    suffix = {"year": "-01-01", "month": "-01", "day": ""}[granularity]
    dots = page.locator("svg#timeline circle.dot").evaluate_all(
        "ds => ds.map(d => [d.dataset.start, parseFloat(d.getAttribute('cx'))])"
    )
    at = {start: x for start, x in dots}
    matched = [(label, x) for label, x in ticks if label + suffix in at]
    assert matched  # some tick names a period that has a dot...
    for label, x in matched:  # ...and sits exactly where that period's dots sit
        assert abs(at[label + suffix] - x) < 0.15, label


def test_map_lists_events_by_who_and_where(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/map?modality=all")
    page.wait_for_selector("svg#map circle.place-point")
    page.locator("svg#map circle.place-point").first.focus()
    page.keyboard.press("Enter")  # the keyboard opens a place as a click does
    page.wait_for_selector("#map-events li a")
    text = page.locator("#map-events li").first.inner_text()
    assert "in article" not in text and "→" in text
    point = api(base_url, "/map?modality=all")["points"][0]
    assert point["events"][0]["title"] in text or point["events"][0]["title"] is None


def test_keyboard_opens_what_a_click_opens(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/network")
    page.wait_for_selector("svg#network g.node")
    page.locator("svg#network g.node").first.focus()
    page.keyboard.press("Enter")
    wait_until(page, "location.hash.startsWith('#/actor/')")
    page.goto(f"{base_url}/ui/#/timeline")
    page.wait_for_selector("svg#timeline circle.dot")
    page.locator("svg#timeline circle.dot").first.focus()
    page.keyboard.press(" ")
    wait_until(page, "location.hash.startsWith('#/events') && location.hash.includes('type=')")
    rows_ready(page)
    page.locator("#events-table tr.event-row").first.focus()
    page.keyboard.press(" ")
    page.wait_for_selector("#article-text .evidence")
    trigger = page.locator("#article-text .hl-trigger").last
    wanted = trigger.get_attribute("data-events").split()[0]
    trigger.focus()
    page.keyboard.press("Enter")
    wait_until(page, f"location.hash.includes('event={wanted}')")
    assert page.get_attribute("#event-details > div", "data-event") == wanted


def test_actors_quotes_and_places_views(page, base_url) -> None:
    page.goto(f"{base_url}/ui/#/actors")
    rows_ready(page, "#actors-table tr.actor-row")
    assert page.locator("#nav a.active").get_attribute("data-view") == "actors"
    first = api(base_url, "/actors?limit=1")["items"][0]
    assert (
        page.locator("#actors-table tr.actor-row").first.get_attribute("data-name")
        == (first["name"])
    )
    screenshot(page, "actors")
    page.goto(f"{base_url}/ui/#/quotes")
    page.wait_for_selector("#quotes-list li.quote-item")
    quote = api(base_url, "/quotes?limit=1")["items"][0]
    assert page.locator("#quotes-list li q").first.text_content() == quote["text"]
    screenshot(page, "quotes")
    page.goto(f"{base_url}/ui/#/places")
    rows_ready(page, "#places-table tr.place-row")
    place = api(base_url, "/places?limit=1")["items"][0]
    assert (
        page.locator("#places-table tr.place-row").first.get_attribute("data-name")
        == (place["name"])
    )
    screenshot(page, "places")
    page.locator("#places-table tr.place-row a").first.click()
    wait_until(page, "location.hash.startsWith('#/events')")
    rows_ready(page)
    # A view that does not exist says so instead of showing Events.
    page.goto(f"{base_url}/ui/#/nope")
    page.wait_for_selector(".notice.error")
    assert "no view named “nope”" in page.text_content(".notice.error")


def test_an_actors_page(page, base_url) -> None:
    events = api(base_url, "/events?limit=1000&modality=asserted,future")["items"]
    acting = {p["name"] for e in events for p in e["actors"]}
    name = sorted(acting & {p["name"] for e in events for p in e["recipients"]})[0]
    page.goto(f"{base_url}/ui/#/actors?text={urllib.parse.quote(name)}")
    rows_ready(page, "#actors-table tr.actor-row")
    page.locator(f"#actors-table tr.actor-row[data-name='{name}'] a").first.click()
    page.wait_for_selector("#actor-name")
    assert page.text_content("#actor-name") == name
    quoted = urllib.parse.quote(name)
    as_actor = api(base_url, f"/events?actor={quoted}&role=actor&modality=asserted,future")
    as_recipient = api(base_url, f"/events?actor={quoted}&role=recipient&modality=asserted,future")
    assert page.text_content("#as-actor").startswith(f"As actor ({as_actor['total']})")
    assert page.text_content("#as-recipient").startswith(f"As recipient ({as_recipient['total']})")
    actor_cells = page.locator("#actor-events tr.event-row td:nth-child(3)").all_inner_texts()
    assert actor_cells and all(name in c for c in actor_cells)
    recipient_cells = page.locator(
        "#recipient-events tr.event-row td:nth-child(4)"
    ).all_inner_texts()
    assert recipient_cells and all(name in c for c in recipient_cells)
    bars = page.locator("#actor-timeline rect.bar").evaluate_all(
        "bs => bs.map(b => [b.dataset.role, Number(b.dataset.count)])"
    )
    dated = sum(1 for e in as_actor["items"] if e["filed_under"])
    if as_actor["total"] <= 50:
        assert sum(n for role, n in bars if role == "actor") == dated
    assert {role for role, _ in bars} == {"actor", "recipient"}
    quotes = api(base_url, f"/quotes?actor={quoted}")["total"]
    assert page.locator(".actor-view li.quote-item").count() == min(quotes, 20)
    assert page.locator("svg#actor-network g.node").count() > 0
    screenshot(page, "actor")


def test_phone_layout_fits_the_screen(browser, base_url) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    try:
        for view, ready in (
            ("events", "#events-table tr.event-row"),
            ("actors", "#actors-table tr.actor-row"),
            ("map", "svg#map"),
        ):
            phone.goto(f"{base_url}/ui/#/{view}")
            phone.wait_for_selector(ready)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 391, view
            if view == "events":
                screenshot(phone, "phone-events")
        article = api(base_url, "/articles?limit=1")["items"][0]["id"]
        phone.goto(f"{base_url}/ui/#/article/{urllib.parse.quote(article, safe='')}")
        phone.wait_for_selector("#article-text span")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 391
        screenshot(phone, "phone-article")
    finally:
        context.close()


LONG_WORD = "x" * 3000

LONG_WORD_TEXT = (
    "Protesters marched through the port city of Mombasa on Friday, police said. "
    f"The governor accused the opposition of paying {LONG_WORD} youths to block the roads "
    "and threatened to arrest the organisers."
)

RLO_TITLE = "Convoy \u202eattacked in the north\u202c report"


def test_hostile_words_urls_and_bidi_controls(page, base_url) -> None:
    posted = post(
        base_url,
        json.dumps(
            {
                "id": "feeds/hostile/2",
                "title": RLO_TITLE,
                "url": "javascript:window.__pwned='url'",
                "published": "2025-03-03",
                # Not the hostile text above: a near-duplicate would be left out of lists.
                "text": LONG_WORD_TEXT,
            }
        ).encode(),
        "application/json",
    )
    assert posted["record"]["events"], "the hostile article has no event to show"
    # An id with "/" opens, from the events table as from a link.
    page.goto(f"{base_url}/ui/#/events?text=xxxxxxxxxx&modality=all")
    rows_ready(page)
    # A 3,000-character word wraps: the page is no wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    page.locator("#events-table tr.event-row").first.click()
    page.wait_for_selector("#article-text .evidence")
    assert page.evaluate("location.hash").startswith("#/article/feeds%2Fhostile%2F2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    # The right-to-left override stays inside the title: isolated in its own <bdi>.
    assert page.locator("#article-title bdi").text_content() == RLO_TITLE
    assert page.evaluate(
        "getComputedStyle(document.querySelector('#article-title bdi')).unicodeBidi"
    ) in ("isolate", "-webkit-isolate")
    # A javascript: source URL is shown as text, never a link.
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#source-link").count() == 0
    assert "javascript:" in page.text_content("#source-url")
    page.locator("#article-title").click()
    assert page.evaluate("window.__pwned") is None
