"""The web UI, driven in headless Chromium (Debian's, through Playwright's own driver).

Needs /usr/bin/chromium (`apt-get install chromium`; `.ci/run` installs it); without it
these tests skip. Playwright never downloads a browser here: it launches that executable.

With THUCYDIDES_UI_SCREENSHOTS=1 the view tests also write docs/ui/*.png.
"""

from __future__ import annotations

import json
import os
import shutil
import time
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
    expected = api(base_url, "/events?type=ASSAULT&actor=Ousmane")
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
    wait_until(page, "location.hash.startsWith('#/events')")
    page.wait_for_selector("#events-table tr.event-row")
    assert page.input_value("#f-actor") == name


def test_timeline_view(page, base_url: str) -> None:
    page.goto(f"{base_url}/ui/#/timeline")
    page.wait_for_selector("svg#timeline circle.dot")
    labels = page.locator("svg#timeline .lane-label").all_text_contents()
    timeline = api(base_url, "/timeline")
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
    points = api(base_url, "/map")["points"]
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
