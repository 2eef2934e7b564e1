"""The HTTP API: through its OpenAPI schema (schemathesis), then request by request.

Runs on a copy of the demo store (real texts coded by the real model), so posting
articles never changes what the UI tests see.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the api extra is not installed: pip install -e '.[api]'")

import schemathesis  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from thucydides.cli import main  # noqa: E402
from thucydides.errors import ConfigError  # noqa: E402
from thucydides.parse.nlp import Parser  # noqa: E402
from thucydides.serve.app import (  # noqa: E402
    CONTENT_SECURITY_POLICY,
    LOOPBACK_HOSTS,
    check_bind,
    create_app,
    is_loopback,
    running,
)

from .demo import demo_store  # noqa: E402

pytestmark = pytest.mark.slow

ENGLISH = (
    "Russian forces shelled the city of Kharkiv on Tuesday, Ukrainian officials said, "
    "and the government in Kyiv accused Moscow of targeting civilians."
)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, parser: Parser) -> Path:
    return demo_store(tmp_path_factory.mktemp("demo"), parser)


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo store this test may write to."""
    copy = tmp_path / "store.db"
    shutil.copy(demo_db, copy)
    return copy


@pytest.fixture
def client(db: Path) -> TestClient:
    with TestClient(create_app(str(db), max_bytes=20_000)) as c:
        yield c


# ---------------------------------------------------------------- through the schema


@pytest.fixture
def api_schema(db: Path):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(db), max_bytes=20_000))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case) -> None:
    # Every answer matches the schema: documented status, content type and body; no 5xx.
    # positive_data_acceptance is left out: a string the schema allows is not always an
    # article (too short, not English), and the 422 saying so is documented.
    from schemathesis.checks import CHECKS

    excluded = {"positive_data_acceptance"}
    if (case.media_type or "").startswith("text/"):
        # a text body is any string: schemathesis "violates" its type by sending an array
        # written out as text, which is still a string, and may well be coded as one
        excluded.add("negative_data_rejection")
    checks = [c for c in CHECKS.get_all() if c.__name__ not in excluded]
    response = case.call_and_validate(checks=checks)
    (policy,) = response.headers["content-security-policy"]  # schemathesis lists values
    assert policy == CONTENT_SECURITY_POLICY


def test_every_path_is_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/articles", "/articles/{article_id}", "/events", "/actors", "/quotes"):
        assert path in paths
    for path in ("/places", "/network", "/timeline", "/map", "/export", "/summary"):
        assert path in paths


# ---------------------------------------------------------------- reads


def test_lists_are_paged_with_a_total(client: TestClient) -> None:
    for path in ("/events", "/actors", "/quotes", "/places", "/articles"):
        whole = client.get(path, params={"limit": 1000}).json()
        assert whole["total"] == len(whole["items"]) > 0, path
        page = client.get(path, params={"limit": 2, "offset": 1}).json()
        assert (page["total"], page["limit"], page["offset"]) == (whole["total"], 2, 1)
        assert page["items"] == whole["items"][1:3], path


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "ASSAULT"}, lambda e: e["event"] == "ASSAULT"),
        ({"actor": "ousmane"}, lambda e: "ousmane" in _names(e).casefold()),
        ({"country": "DZA"}, lambda e: "DZA" in _countries(e)),
        (
            {"since": "2025-04-07", "until": "2025-04-20"},
            lambda e: "2025-04-07" <= e["filed_under"] <= "2025-04-20",
        ),
        ({"text": "Bamako"}, lambda e: "bamako" in _haystack(e)),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], check) -> None:
    items = client.get("/events", params=params | {"limit": 1000}).json()["items"]
    assert items, params
    assert all(check(e) for e in items), params


def _names(e: dict) -> str:
    return " ".join(p["name"] for p in e["actors"] + e["recipients"])


def _countries(e: dict) -> set[str]:
    return {p["country"] for p in e["actors"] + e["recipients"]}


def _haystack(e: dict) -> str:
    place = e["place"]["name"] if e["place"] else ""
    return " ".join([e["sentence"]["text"], e["event_text"], _names(e), place]).casefold()


def test_events_sort(client: TestClient) -> None:
    items = client.get("/events", params={"sort": "-confidence", "limit": 1000}).json()["items"]
    confidences = [e["confidence"] for e in items]
    assert confidences == sorted(confidences, reverse=True)
    bad = client.get("/events", params={"sort": "colour"})
    assert bad.status_code == 422
    assert "Valid keys: date, event" in bad.json()["detail"]


def test_an_event_and_its_record_agree(client: TestClient) -> None:
    event = client.get("/events", params={"actor": "ousmane", "limit": 1}).json()["items"][0]
    record = client.get(f"/articles/{event['article_id']}").json()
    sentence = event["sentence"]
    assert record["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    one = client.get(f"/events/{event['article_id']}/{event['event_id']}").json()
    assert one == event


def test_views(client: TestClient) -> None:
    network = client.get("/network").json()
    assert network["edges"] and all(e["quad_code"] in (1, 2, 3, 4) for e in network["edges"])
    names = {n["name"] for n in network["nodes"]}
    assert all(e["actor"] in names and e["recipient"] in names for e in network["edges"])
    timeline = client.get("/timeline", params={"granularity": "month"}).json()
    assert timeline["granularity"] == "month" and timeline["buckets"]
    assert all(b["start"].endswith("-01") for b in timeline["buckets"])
    points = client.get("/map").json()["points"]
    assert points and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)


def test_export_formats(client: TestClient) -> None:
    csv = client.get("/export", params={"format": "csv", "type": "ASSAULT"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("id,article_id,event_id")
    jsonl = client.get("/export", params={"format": "plover-jsonl"})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert client.get("/export", params={"format": "xml"}).status_code == 422


def test_unknown_things_are_404(client: TestClient) -> None:
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404 and missing.json()["code"] == "T201"
    assert client.get("/events/no-such-article/E1").status_code == 404


def test_bad_filters_are_422_with_the_reason(client: TestClient) -> None:
    assert client.get("/events", params={"type": "DANCE"}).status_code == 422
    assert client.get("/events", params={"since": "18/01/2017"}).status_code == 422
    assert client.get("/events", params={"limit": -1}).status_code == 422
    swapped = client.get("/events", params={"since": "2018-01-01", "until": "2017-01-01"})
    assert swapped.status_code == 422
    assert swapped.json()["detail"].startswith("since 2018-01-01 is after until 2017-01-01")


# ---------------------------------------------------------------- writes


def test_post_text_then_again(client: TestClient) -> None:
    first = client.post("/articles", content=ENGLISH, headers={"content-type": "text/plain"})
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["result"] == "inserted" and first.headers["location"] == f"/articles/{body['id']}"
    assert client.get(f"/articles/{body['id']}").json()["text"] == body["record"]["text"]
    again = client.post("/articles", content=ENGLISH, headers={"content-type": "text/plain"})
    assert (again.status_code, again.json()["result"]) == (200, "unchanged")
    # The catalog follows the write.
    found = client.get("/events", params={"text": "Kharkiv"}).json()
    assert found["total"] >= 1


def test_post_json_and_html(client: TestClient) -> None:
    posted = client.post(
        "/articles",
        json={"id": "kh-1", "title": "Shelling", "published": "2024-05-14", "text": ENGLISH},
    )
    assert posted.status_code == 201, posted.text
    record = posted.json()["record"]
    assert (record["id"], record["source"]["published"]) == ("kh-1", "2024-05-14")
    html = f"<html><body><article><p>{ENGLISH}</p></article></body></html>"
    page = client.post("/articles", content=html, headers={"content-type": "text/html"})
    assert page.status_code == 201, page.text


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"", "text/plain", 422, "T002"),
        (b"   \n\t ", "text/plain", 422, "T002"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "text/plain", 422, "T003"),
        (b"\xff\xfe\xfa not text \x81\x8d" * 3, "text/plain", None, None),
        (b'{"text": "unterminated', "application/json", 422, "T005"),
        (b"[1, 2]", "application/json", 422, "T005"),
        (b'{"title": "no text"}', "application/json", 422, "T005"),
        (
            "Les forces russes ont bombardé la ville de Kharkiv mardi, ont déclaré les "
            "responsables ukrainiens, et le gouvernement de Kiev a accusé Moscou de viser "
            "des civils.".encode(),
            "text/plain",
            422,
            "T007",
        ),
        (b"Too short.", "text/plain", 422, "T008"),
        (b"x" * 20_001, "text/plain", 413, "T006"),
        (ENGLISH.encode(), "application/pdf", 415, "T415"),
    ],
)
def test_bad_posts_are_refused_with_the_rejection_reason(
    client: TestClient, body: bytes, content_type: str, status: int | None, code: str | None
) -> None:
    response = client.post("/articles", content=body, headers={"content-type": content_type})
    if status is None:  # undecodable bytes: refused either as binary or as an encoding
        assert response.status_code == 422
        assert response.json()["code"] in ("T003", "T004", "T008")
        return
    assert response.status_code == status, response.text
    problem = response.json()
    assert problem["code"] == code
    # One line, as a Rejected record prints: "T006 POST /articles: the request body is..."
    assert "\n" not in problem["detail"]
    if code.startswith("T00"):
        assert problem["detail"].startswith(f"{code} POST /articles: ")


def test_oversize_is_refused_before_reading_the_body(client: TestClient) -> None:
    # A declared length over the limit is refused without reading a byte of the body.
    def endless():
        yield b"x" * 10_000
        raise AssertionError("the body was read past the limit")

    response = client.post(
        "/articles",
        content=endless(),
        headers={"content-type": "text/plain", "content-length": "50000000"},
    )
    assert response.status_code == 413
    assert "over the limit of 20,000" in response.json()["detail"]


def test_a_token_guards_writes_not_reads(db: Path) -> None:
    with TestClient(create_app(str(db), token="s3cret")) as c:
        missing = c.post("/articles", content=ENGLISH)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in missing.json()["detail"]
        wrong = c.post("/articles", content=ENGLISH, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        good = c.post("/articles", content=ENGLISH, headers={"authorization": "Bearer s3cret"})
        assert good.status_code == 201
        assert c.get("/events").status_code == 200


def test_cross_origin_writes_are_refused(client: TestClient) -> None:
    response = client.post("/articles", content=ENGLISH, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    same = client.post("/articles", content=ENGLISH, headers={"origin": "http://testserver"})
    assert same.status_code == 201


def test_loopback_servers_answer_loopback_host_names_only(db: Path) -> None:
    app = create_app(str(db), allowed_hosts=("127.0.0.1", "localhost"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/summary").status_code == 200
        rebound = c.get("/summary", headers={"host": "attacker.example"})
        assert rebound.status_code == 400


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_non_loopback_needs_a_token() -> None:
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "token")
    with pytest.raises(ConfigError, match="without a token"):
        check_bind("0.0.0.0", None)


def test_serve_refuses_a_public_address_without_a_token(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("THUCYDIDES_TOKEN", raising=False)
    assert main(["serve", "--db", str(db), "--host", "0.0.0.0"]) == 2
    assert "Refusing to serve on 0.0.0.0 without a token" in capsys.readouterr().err


def test_serve_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    assert "--token" in capsys.readouterr().out


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "path", ["/events", "/ui/", "/ui/app.js", "/ui/world.json", "/articles/missing", "/nope"]
)
def test_every_answer_has_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_ui_is_served_offline(client: TestClient) -> None:
    page = client.get("/ui/").text
    assert "<script>" not in page and 'src="app.js"' in page
    assert "http://" not in page and "https://" not in page  # no CDN
    for name in ("app.js", "dom.js", "route.js", "article.js", "tables.js", "network.js",
                 "timeline.js", "map.js", "lists.js"):  # fmt: skip
        script = client.get(f"/ui/{name}")
        assert script.status_code == 200
        assert "javascript" in script.headers["content-type"]
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in script.text, (name, sink)
        assert "https://" not in script.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui/"


# ---------------------------------------------------------------- role, modality, confidence


def _events(client: TestClient, **params: str) -> list[dict]:
    answer = client.get("/events", params=params | {"limit": "1000"})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_role_picks_the_side_the_actor_filter_looks_at(client: TestClient) -> None:
    everything = _events(client)
    acting = {p["name"] for e in everything for p in e["actors"]}
    acted_on = {p["name"] for e in everything for p in e["recipients"]}
    name = sorted(acting & acted_on)[0]  # someone on both sides of some events
    either = _events(client, actor=name)
    as_actor = _events(client, actor=name, role="actor")
    as_recipient = _events(client, actor=name, role="RECIPIENT")
    assert as_actor and as_recipient and len(either) > max(len(as_actor), len(as_recipient))
    needle = name.casefold()
    assert all(any(needle in p["name"].casefold() for p in e["actors"]) for e in as_actor)
    assert all(any(needle in p["name"].casefold() for p in e["recipients"]) for e in as_recipient)
    keys = {(e["article_id"], e["event_id"]) for e in either}
    sides = {(e["article_id"], e["event_id"]) for e in as_actor + as_recipient}
    assert sides == keys  # either side is the two sides together
    assert client.get("/events", params={"role": "bystander"}).status_code == 422


def test_modality_and_confidence_filter_every_view(client: TestClient) -> None:
    everything = _events(client)
    assert {"asserted", "negated"} <= {e["modality"] for e in everything}
    kept = _events(client, modality="asserted,future", min_confidence="0.3")
    assert kept and len(kept) < len(everything)
    assert all(e["modality"] in ("asserted", "future") and e["confidence"] >= 0.3 for e in kept)
    params = {"modality": "asserted,future", "min_confidence": "0.3"}
    # The timeline counts exactly those events, per type...
    timeline = client.get("/timeline", params=params).json()
    by_type = Counter(e["event"] for e in kept if e["filed_under"])
    counted: Counter[str] = Counter()
    for bucket in timeline["buckets"]:
        counted[bucket["type"]] += bucket["count"]
    assert counted == by_type
    # ...the map places them...
    event_map = client.get("/map", params=params).json()
    placed = sum(p["count"] for p in event_map["points"])
    assert placed + event_map["unplaced"] == len(kept)
    # ...and the network draws an edge per actor and recipient of them.
    network = client.get("/network", params=params).json()
    expected = sum(
        1 for e in kept for a in e["actors"] for r in e["recipients"] if a["name"] != r["name"]
    )
    assert sum(edge["count"] for edge in network["edges"]) == expected
    negated = client.get("/network", params={"modality": "negated"}).json()
    assert sum(edge["count"] for edge in negated["edges"]) < sum(
        edge["count"] for edge in client.get("/network").json()["edges"]
    )
    bad = client.get("/map", params={"modality": "maybe"})
    assert bad.status_code == 422 and "Valid: asserted, future" in bad.json()["detail"]


def test_what_the_table_shows_is_what_is_exported(client: TestClient) -> None:
    # The analyst's complaint: 40 events in the table, 139 rows in the CSV.
    everything = _events(client)
    negated = next(e for e in everything if e["modality"] == "negated" and e["actors"])
    name = negated["actors"][0]["name"]
    params = {"text": "the", "modality": "all", "actor": name, "role": "actor"}
    shown = _events(client, **params)
    assert negated in shown and len(shown) < len(_events(client, actor=name))
    answer = client.get("/export", params=params | {"format": "csv"})
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert sorted((r["article_id"], r["event_id"]) for r in rows) == sorted(
        (e["article_id"], e["event_id"]) for e in shown
    )
    jsonl = client.get("/export", params=params | {"format": "plover-jsonl"})
    assert jsonl.status_code == 200 and len(jsonl.text.splitlines()) == len(shown)
    # Asserted and future only, by default, as `thucydides export` writes.
    default = client.get("/export", params={"format": "csv", "min_confidence": "0.4"})
    rows = list(csv.DictReader(io.StringIO(default.text)))
    assert rows and {r["modality"] for r in rows} <= {"asserted", "future"}
    assert all(float(r["confidence"]) >= 0.4 for r in rows)


def test_sorting_by_date_keeps_undated_events_last_both_ways(client: TestClient) -> None:
    # No publication date: "on Tuesday" cannot be resolved, so its events are undated.
    assert client.post("/articles", json={"id": "undated", "text": ENGLISH}).status_code == 201
    for sort in ("date", "-date"):
        dates = [e["filed_under"] for e in _events(client, sort=sort)]
        assert None in dates and dates.index(None) == len(dates) - dates.count(None), sort
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=sort.startswith("-"))


def test_event_types_are_read_in_any_case(client: TestClient) -> None:
    upper = client.get("/events", params={"type": "ASSAULT"}).json()["total"]
    assert upper and client.get("/events", params={"type": "assault"}).json()["total"] == upper
    unknown = client.get("/events", params={"type": "FOO"})
    assert unknown.status_code == 422
    assert 'Unknown event type "FOO". Valid types: AGREE, CONSULT' in unknown.json()["detail"]


def test_map_points_name_their_events(client: TestClient) -> None:
    point = client.get("/map").json()["points"][0]
    ref = point["events"][0]
    event = client.get(f"/events/{ref['article_id']}/{ref['event_id']}").json()
    assert ref["actors"] == [p["name"] for p in event["actors"]]
    assert ref["title"] == event["title"] and ref["filed_under"] == event["filed_under"]


def test_events_say_how_precise_their_place_is(client: TestClient) -> None:
    placed = [e for e in _events(client) if e["place"]]
    assert placed
    for e in placed:
        record = client.get(f"/articles/{e['article_id']}").json()
        place = next(p for p in record["places"] if p["id"] == e["place"]["id"])
        s = e["sentence"]
        named = any(s["start"] <= m["start"] and m["end"] <= s["end"] for m in place["mentions"])
        assert e["place"]["in_sentence"] is named
        assert e["place"]["feature"] == place["feature"]
    assert any(e["place"]["in_sentence"] for e in placed)


# ---------------------------------------------------------------- ids, hosts, paths, bounds


def test_ids_with_slashes_work(client: TestClient) -> None:
    body = {
        "id": "feeds/voa/2025/1",
        "title": "Shelling",
        "text": ENGLISH,
        "published": "2025-03-04",
    }
    posted = client.post("/articles", json=body)
    assert posted.status_code == 201, posted.text
    assert posted.headers["location"] == "/articles/feeds/voa/2025/1"
    record = client.get("/articles/feeds%2Fvoa%2F2025%2F1")
    assert record.status_code == 200 and record.json()["id"] == "feeds/voa/2025/1"
    assert client.get("/articles/feeds/voa/2025/1").json()["id"] == "feeds/voa/2025/1"
    event = record.json()["events"][0]["id"]
    one = client.get(f"/events/feeds%2Fvoa%2F2025%2F1/{event}")
    assert one.status_code == 200 and one.json()["article_id"] == "feeds/voa/2025/1"
    assert client.get("/events/feeds/voa/2025/1/E999").status_code == 404
    # Any character may be in an id: a newline too is looked up, and not found, as such.
    odd = client.get("/articles/a%0Ab")
    assert odd.status_code == 404 and odd.json()["code"] == "T201"


def test_answers_name_no_server_path(client: TestClient, db: Path) -> None:
    for item in client.get("/articles", params={"limit": 1000}).json()["items"]:
        answer = client.get(f"/articles/{item['id']}").text
        assert str(db.parent) not in answer and "/tmp" not in answer
        path = json.loads(answer)["source"]["path"]
        assert path is None or ("/" not in path and "\\" not in path)
    missing = client.get("/articles/no-such-article").json()
    assert missing["detail"] == 'No article "no-such-article". List articles at /articles.'
    for answer in (missing, client.get("/events/no-such/E1").json()):
        assert str(db.parent) not in answer["detail"] and ".db" not in answer["detail"]
    sample = [i for i in client.get("/articles").json()["items"] if not i["url"]][0]
    assert client.get(f"/articles/{sample['id']}").json()["source"]["path"] == "sample-article.txt"


def test_a_text_over_max_chars_is_refused_before_coding(db: Path) -> None:
    with TestClient(create_app(str(db), max_chars=300)) as c:
        long = " ".join([ENGLISH] * 3)  # about 500 characters, well under max_bytes
        answer = c.post("/articles", content=long)
        assert answer.status_code == 413
        problem = answer.json()
        assert problem["code"] == "T006"
        assert "over the service's limit of 300 (--max-chars)" in problem["detail"]
        assert not c.app.state.coder.loaded  # refused before the model was needed
        assert c.post("/articles", content=ENGLISH).status_code == 201


def test_a_server_on_ipv6_loopback_answers(db: Path) -> None:
    try:
        socket.socket(socket.AF_INET6).close()
        probe = socket.socket(socket.AF_INET6)
        probe.bind(("::1", 0))
        probe.close()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    app = create_app(str(db), allowed_hosts=LOOPBACK_HOSTS)
    with running(app, host="::1") as url:
        assert url.startswith("http://[::1]:")
        with urllib.request.urlopen(url + "/summary") as answer:  # Host: [::1]:PORT
            assert answer.status == 200 and json.load(answer)["articles"] > 0
        rebound = urllib.request.Request(url + "/summary", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound)
        assert refused.value.code == 400
        refused.value.close()


def test_serve_refuses_a_store_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.db"
    assert main(["serve", "--db", str(typo)]) == 3
    assert f'No store at "{typo}"' in capsys.readouterr().err
    assert not typo.exists()  # nothing created


@pytest.mark.parametrize("command", ["events", "export"])
def test_cli_reads_types_as_the_api_does(
    command: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fmt = ["--format", "csv"]
    assert main([command, "--db", str(db), "--type", "assault", *fmt]) == 0
    lower = capsys.readouterr().out
    assert main([command, "--db", str(db), "--type", "ASSAULT", *fmt]) == 0
    assert capsys.readouterr().out == lower and lower.count("\n") > 1
    with pytest.raises(SystemExit) as exit_:
        main([command, "--db", str(db), "--type", "FOO", *fmt])
    assert exit_.value.code == 2
    assert 'Unknown event type "FOO". Valid types: AGREE' in capsys.readouterr().err
