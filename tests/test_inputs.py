"""Tests for thucydides.read.inputs: every format, every kind of bad input, whole batches."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from thucydides.config import Options
from thucydides.errors import NotEnglish
from thucydides.read.inputs import iso_date, read_inputs, rejection
from thucydides.records import RawArticle, Rejected

ARTICLE = "Rebel forces seized the northern town of Kamba on Tuesday, officials said.\n"
# Valid UTF-8 but for three stray bytes: charset-normalizer finds no encoding for it.
UNDECODABLE = (
    "Officials said “no” to the plan in Zürich on Tuesday. ".encode() * 10
    + b"\xff\xfe\x80 "
    + "naïve résumé".encode()
)


def read(*paths: Path | str, **options: object) -> list[RawArticle | Rejected]:
    """Reads ``paths`` with ``options`` and returns everything that comes out."""
    return list(read_inputs([str(p) for p in paths], Options().replace(**options)))


def one(path: Path | str, **options: object) -> RawArticle | Rejected:
    """Reads a single input that gives exactly one record."""
    (record,) = read(path, **options)
    return record


def codes(records: list[RawArticle | Rejected]) -> dict[str, str]:
    """Maps each record's origin to its rejection code, or "ok" for an article."""
    return {r.origin: r.code if isinstance(r, Rejected) else "ok" for r in records}


# ---------------------------------------------------------------- formats


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert one(path) == RawArticle(origin=str(path), text=ARTICLE, path=str(path))


def test_unknown_extension_is_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    record = one(path)
    assert isinstance(record, RawArticle)
    assert record.text == ARTICLE and record.html is None


def test_crlf_line_breaks_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"First line.\r\nSecond line.\rThird.")
    assert one(path).text == "First line.\nSecond line.\nThird."  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_html_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    html = f"<html><body><p>{ARTICLE}</p></body></html>"
    path.write_text(html, encoding="utf-8")
    assert one(path) == RawArticle(origin=str(path), html=html, path=str(path))


def test_json_lines_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {
            "id": 17,
            "title": " Rebels seize Kamba ",
            "text": ARTICLE,
            "url": "https://example.com/a",
            "published": "2025-03-14 20:30:26Z",
            "author": "Jane Doe and John Smith",
            "publisher": "Daily News",
            "section": "world",
        },
        {"html": "<p>Kamba</p>", "authors": ["Ann Lee", "Bo Ma"], "published": "soon"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert read(path) == [
        RawArticle(
            origin=f"{path}:1",
            text=ARTICLE,
            id="17",
            path=str(path),
            url="https://example.com/a",
            title="Rebels seize Kamba",
            authors=("Jane Doe", "John Smith"),
            publisher="Daily News",
            published="2025-03-14",
        ),
        RawArticle(
            origin=f"{path}:2",
            html="<p>Kamba</p>",
            path=str(path),
            authors=("Ann Lee", "Bo Ma"),
        ),
    ]


def test_text_wins_over_html(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "html": "<p>x</p>"}) + "\n", encoding="utf-8")
    record = one(path)
    assert isinstance(record, RawArticle)
    assert (record.text, record.html) == (ARTICLE, None)


def test_json_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "a1", "text": ARTICLE}, indent=2), encoding="utf-8")
    assert one(path) == RawArticle(origin=str(path), text=ARTICLE, id="a1", path=str(path))


def test_json_list(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    items = [{"text": ARTICLE}, {"title": "no body"}, {"text": "Second.", "author": "A; B"}]
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    records = read(path)
    assert codes(records) == {f"{path}[0]": "ok", f"{path}[1]": "T005", f"{path}[2]": "ok"}
    assert records[2].authors == ("A", "B")  # type: ignore[union-attr]


def test_json_lines_under_a_json_name(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    assert [r.text for r in read(path)] == ["One.", "Two."]  # type: ignore[union-attr]


def test_csv_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "ID,Title,Text,URL,Published,Author,Section\n"
        '7,Rebels seize Kamba,"Rebels, it is said, seized Kamba.\nA second line.",'
        "https://example.com/a,2025-03-14T20:30:26+02:00,Jane Doe; John Smith,world\n"
        "8,Talks,Talks resumed.,,,,\n",
        encoding="utf-8",
    )
    assert read(path) == [
        RawArticle(
            origin=f"{path}:2",
            text="Rebels, it is said, seized Kamba.\nA second line.",
            id="7",
            path=str(path),
            url="https://example.com/a",
            title="Rebels seize Kamba",
            authors=("Jane Doe", "John Smith"),
            published="2025-03-14",
        ),
        RawArticle(
            origin=f"{path}:3", text="Talks resumed.", id="8", path=str(path), title="Talks"
        ),
    ]


def test_csv_html_column(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv"
    path.write_text('id,html\n1,"<p class=""lead"">Kamba fell.</p>"\n', encoding="utf-8")
    assert one(path) == RawArticle(
        origin=f"{path}:2", html='<p class="lead">Kamba fell.</p>', id="1", path=str(path)
    )


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Jane Doe", ("Jane Doe",)),
        ("Jane Doe; John Smith", ("Jane Doe", "John Smith")),
        ("Jane Doe and John Smith", ("Jane Doe", "John Smith")),
        ("A; B and C", ("A", "B", "C")),
        ("Sandy Anderson", ("Sandy Anderson",)),  # "and" only as a word
        ("Jane Doe; Jane Doe", ("Jane Doe",)),
        (" ; ", ()),
    ],
)
def test_author_names(tmp_path: Path, author: str, expected: tuple[str, ...]) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "author": author}) + "\n", encoding="utf-8")
    assert one(path).authors == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14 20:30:26Z", "2025-03-14"),
        ("2025-03-14T20:30:26.123+00:00", "2025-03-14"),
        ("2025-03-14T23:30:00-05:00", "2025-03-14"),  # the date as written, not in UTC
        ("Fri, 14 Mar 2025 20:30:26 GMT", "2025-03-14"),
        ("2025/03/14", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("14 March 2025", "2025-03-14"),
        ("14 Mar 2025", "2025-03-14"),
        ("03/04/2025", None),  # March 4 or April 3: never guessed
        ("2025", None),
        ("2025-03", None),
        ("2025-02-30", None),
        ("last Tuesday", None),
        ("", None),
        (None, None),
        (1741983026, None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


# ---------------------------------------------------------------- folders and stdin


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/y.txt", "c.txt", ".hidden.txt", ".git/x.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name} {ARTICLE}", encoding="utf-8")
    origins = [r.origin for r in read(tmp_path)]
    assert origins == [str(tmp_path / n) for n in ["a/b/y.txt", "a/z.txt", "b.txt", "c.txt"]]


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A " + ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("B " + ARTICLE, encoding="utf-8")
    origins = [r.origin for r in read(tmp_path / "b.txt", tmp_path / "a.txt")]
    assert origins == [str(tmp_path / "b.txt"), str(tmp_path / "a.txt")]


def test_stdin() -> None:
    records = list(read_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8"))))
    assert records == [RawArticle(origin="<stdin>", text=ARTICLE)]


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "T002"), (b" \n\t", "T002"), (b"\x00\x01\x02", "T003"), (b"x" * 101, "T006")],
)
def test_bad_stdin(data: bytes, code: str) -> None:
    (record,) = read_inputs(["-"], Options(max_bytes=100), stdin=io.BytesIO(data))
    assert isinstance(record, Rejected)
    assert (record.origin, record.code) == ("<stdin>", code)


# ---------------------------------------------------------------- encodings


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    text = "The minister said: “We won’t negotiate” – talks in Zürich failed.\nCafé à la carte."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert one(path).text == text  # type: ignore[union-attr]


def test_latin1_text_is_not_read_as_central_european(tmp_path: Path) -> None:
    # charset-normalizer ranks cp1250 first here, which would read "à" as "ŕ".
    text = "Le président a déclaré à la presse que l'économie était forte."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("latin-1"))
    assert one(path).text == text  # type: ignore[union-attr]


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes(ARTICLE.encode(codec))
    assert one(path).text == ARTICLE  # type: ignore[union-attr]


def test_utf8_cut_inside_the_last_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Talks in Zürich ended “".encode()[:-1])
    assert one(path).text == "Talks in Zürich ended "  # type: ignore[union-attr]


def test_cp1252_lines_in_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    line = json.dumps({"text": "Café owners said “no”."}, ensure_ascii=False)
    path.write_bytes(line.encode("cp1252") + b"\n")
    assert one(path).text == "Café owners said “no”."  # type: ignore[union-attr]


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "T002"),
        ("blank.txt", b"  \n\t\r\n ", "T002"),
        ("bom-only.txt", b"\xef\xbb\xbf", "T002"),
        ("nul.txt", b"Rebels seized\x00 the town", "T003"),
        ("controls.txt", bytes(range(1, 9)) * 20 + b"text", "T003"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "T003"),
        ("undecodable.txt", UNDECODABLE, "T004"),
        ("empty.html", b"", "T002"),
        ("empty.jsonl", b"", "T002"),
        ("blank.jsonl", b"\n  \n", "T002"),
        ("binary.jsonl", b"\x00\x01\x02\x03", "T003"),
        ("utf16.jsonl", '{"text": "x"}\n'.encode("utf-16"), "T004"),
        ("broken.json", b'{"text": "unterminated', "T005"),
        ("scalar.json", b'"just a string"', "T005"),
        ("empty-list.json", b"[]", "T002"),
        ("empty.csv", b"", "T002"),
        ("header-only.csv", b"id,text\n", "T002"),
        ("no-text-column.csv", b"id,title,body\n1,T,B\n", "T005"),
    ],
)
def test_bad_file_is_rejected(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    record = one(path)
    assert isinstance(record, Rejected)
    assert (record.origin, record.code) == (str(path), code)
    assert str(record).startswith(f"{code} {path}: ")
    assert "\n" not in str(record)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    record = one(path)
    assert isinstance(record, Rejected)
    assert str(record) == f"T001 {path}: no such file or folder; check the path"


def test_undecodable_reason_says_where_and_how_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "undecodable.txt"
    path.write_bytes(UNDECODABLE)
    reason = one(path).reason  # type: ignore[union-attr]
    assert "0xff" in reason and "offset" in reason and "UTF-8" in reason


def test_json_lines_with_broken_lines_keep_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"text": "One."}\n'
        b'{"text": "Two.", \n'  # broken JSON
        b"\n"  # blank: skipped, still counted
        b'{"title": "no body"}\n'
        b'["not", "an", "object"]\n'
        b'{"text": 5}\n'
        b'{"text": "Caf\xe9 is fine."}\n'  # cp1252 byte: decoded, not rejected
        b'{"text": "Six.", "authors": "A", "author": "B"}\n'
    )
    records = read(path)
    assert codes(records) == {
        f"{path}:1": "ok",
        f"{path}:2": "T005",
        f"{path}:4": "T005",
        f"{path}:5": "T005",
        f"{path}:6": "T005",
        f"{path}:7": "ok",
        f"{path}:8": "ok",
    }
    assert [r.text for r in records if isinstance(r, RawArticle)] == [
        "One.",
        "Café is fine.",
        "Six.",
    ]
    assert records[-1].authors == ("A",)  # type: ignore[union-attr]
    assert "line must hold one complete JSON object" in records[1].reason  # type: ignore[union-attr]


def test_csv_with_bad_rows_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "id,title,text\n"
        "1,One,First text.\n"
        "2,Two\n"  # too few fields
        "3,Three,Third text.,extra\n"  # too many fields
        "4,Four,\n"  # no text
        '5,Five,"bad"quote"\n'  # malformed quoting
        "\n"  # blank row: skipped, still counted
        "6,Six,Sixth text.\n",
        encoding="utf-8",
    )
    records = read(path)
    assert codes(records) == {
        f"{path}:2": "ok",
        f"{path}:3": "T005",
        f"{path}:4": "T005",
        f"{path}:5": "T005",
        f"{path}:6": "T005",
        f"{path}:8": "ok",
    }
    assert "2 fields where the header has 3" in records[1].reason  # type: ignore[union-attr]


def test_huge_file_is_rejected_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(10 * 1024**3)  # sparse: 10 GB on paper, nothing on disk
    record = one(path, max_bytes=1000)
    assert isinstance(record, Rejected)
    assert record.code == "T006"
    assert "10,737,418,240 bytes" in record.reason and "max_bytes" in record.reason


def test_huge_json_document_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": ARTICLE}] * 20, indent=2), encoding="utf-8")
    record = one(path, max_bytes=500)
    assert isinstance(record, Rejected)
    assert record.code == "T006" and "JSON Lines" in record.reason


def test_large_json_lines_file_is_streamed_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    lines = [{"text": "Short."}, {"text": "x" * 600}, {"text": "Also short."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert codes(read(path, max_bytes=500)) == {
        f"{path}:1": "ok",
        f"{path}:2": "T006",
        f"{path}:3": "ok",
    }


def test_long_line_and_row_are_rejected_alone(tmp_path: Path) -> None:
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        f'{{"text": "One."}}\n{{"text": "{"x" * 5000}"}}\n{{"text": "Three."}}\n',
        encoding="utf-8",
    )
    table = tmp_path / "feed.csv"
    # The long row spans several short lines: its size is counted over all of them.
    table.write_text(
        'id,text\n1,One.\n2,"' + "xxxxxxxxx\n" * 100 + '"\n3,Three.\n', encoding="utf-8"
    )
    assert codes(read(jsonl, table, max_bytes=500)) == {
        f"{jsonl}:1": "ok",
        f"{jsonl}:2": "T006",
        f"{jsonl}:3": "ok",
        f"{table}:2": "ok",
        f"{table}:3": "T006",
        f"{table}:4": "ok",
    }


def test_csv_fields_longer_than_pythons_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = "word " * 40_000  # 200,000 characters, over csv's 131,072 default
    path.write_text(f'id,text\n1,"{text}"\n', encoding="utf-8")
    assert one(path).text == text  # type: ignore[union-attr]


def test_rejection_from_error() -> None:
    rejected = rejection(NotEnglish("feed.jsonl:3", "the text is in French;\nskip it"))
    assert rejected == Rejected("feed.jsonl:3", "T007", "the text is in French; skip it")


def test_batch_with_every_kind_of_bad_input(tmp_path: Path) -> None:
    files: dict[str, bytes] = {
        "good.txt": ARTICLE.encode(),
        "good.html": f"<html><body><p>{ARTICLE}</p></body></html>".encode(),
        "good.jsonl": b'{"text": "One."}\n{oops\n{"text": "Three."}\n',
        "good.csv": b"id,text\n1,One.\n2\n",
        "legacy.txt": "“Quoted” in Zürich.".encode("cp1252"),
        "sub/nested.txt": ARTICLE.encode(),
        "empty.txt": b"",
        "blank.txt": b" \n ",
        "binary.bin": b"\x00\x01\x02\x03",
        "undecodable.txt": UNDECODABLE,
        "broken.json": b'{"text": ',
        "huge.txt": b"x" * 5000,
        ".hidden.txt": b"",
    }
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    missing = tmp_path / "missing.txt"
    records = read(tmp_path, missing, max_bytes=2000)
    assert codes(records) == {
        str(tmp_path / "binary.bin"): "T003",
        str(tmp_path / "blank.txt"): "T002",
        str(tmp_path / "broken.json"): "T005",
        str(tmp_path / "empty.txt"): "T002",
        f"{tmp_path / 'good.csv'}:2": "ok",
        f"{tmp_path / 'good.csv'}:3": "T005",
        str(tmp_path / "good.html"): "ok",
        f"{tmp_path / 'good.jsonl'}:1": "ok",
        f"{tmp_path / 'good.jsonl'}:2": "T005",
        f"{tmp_path / 'good.jsonl'}:3": "ok",
        str(tmp_path / "good.txt"): "ok",
        str(tmp_path / "huge.txt"): "T006",
        str(tmp_path / "legacy.txt"): "ok",
        str(tmp_path / "sub/nested.txt"): "ok",
        str(tmp_path / "undecodable.txt"): "T004",
        str(missing): "T001",
    }
    # In order: folder entries sorted by name, then the next path given.
    assert [r.origin for r in records][-1] == str(missing)
    for record in records:
        if isinstance(record, Rejected):
            assert str(record).startswith(f"{record.code} {record.origin}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    record = one(path)
    assert isinstance(record, Rejected)
    assert record.code == "T010" and "cannot read" in record.reason


def test_a_lone_path_is_not_read_letter_by_letter(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert [r.origin for r in read_inputs(str(path))] == [str(path)]


def test_huge_one_line_json_document_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.write(b'[{"text": "')
        stream.truncate(10 * 1024**3)  # the rest is NUL bytes, never read
    record = one(path, max_bytes=1000)
    assert isinstance(record, Rejected)
    assert record.code == "T006"


# ---------------------------------------------------------------- compressed files and WARC

PAGE = (
    "<html><head><title>Kamba falls</title></head><body><article><p>"
    + "Rebel forces seized the northern town of Kamba on Tuesday, officials said. " * 4
    + "</p></article></body></html>"
)


def _warc(path: Path, records: list[tuple[str, str, str, str, bytes]], gz: bool = True) -> None:
    """Writes a WARC file of (type, url, status, content type, body) records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for kind, url, status, content_type, body in records:
            if kind == "response":
                http = StatusAndHeaders(
                    status, [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
                )
            else:
                record = writer.create_warc_record(
                    url,
                    kind,
                    payload=io.BytesIO(body),
                    length=len(body),
                    warc_content_type=content_type,
                )
            writer.write_record(record)


CRAWL = [
    ("request", "https://news.example/a", "", "application/http; msgtype=request", b"GET /a"),
    ("response", "https://news.example/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
    ("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ("response", "https://news.example/old", "301 Moved", "text/html", b"<a href=/a>moved</a>"),
    ("response", "https://news.example/x", "404 Not Found", "text/html", b"<p>not found</p>"),
    ("resource", "https://news.example/b", "", "text/html", PAGE.replace("Kamba", "Tala").encode()),
    (
        "response",
        "https://news.example/c",
        "200 OK",
        "text/html; charset=windows-1252",
        PAGE.replace("officials", "officials’").encode("cp1252"),
    ),
]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc", "CRAWL.WARC.GZ"])
def test_warc_html_pages_are_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path, CRAWL, gz=name.lower().endswith(".gz"))
    records = read(path)
    # warcinfo is record 1, the request 2: N counts every record of the file.
    assert [r.origin for r in records] == [f"{path}#3", f"{path}#7", f"{path}#8"]
    first, second, third = records
    assert isinstance(first, RawArticle) and first.text is None
    assert first.html == PAGE
    assert (first.url, first.path, first.published) == ("https://news.example/a", str(path), None)
    assert isinstance(second, RawArticle) and "Tala" in (second.html or "")
    assert isinstance(third, RawArticle) and "officials’" in (third.html or "")


def test_warc_cut_off_mid_record_keeps_the_records_before(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, CRAWL[:2] + CRAWL[5:6])
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # inside the last record
    records = read(cut)
    assert codes(records) == {f"{cut}#3": "ok", f"{cut}#4": "T005"}
    assert "cut off" in records[-1].reason


def test_plain_warc_record_shorter_than_its_length_is_rejected(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    _warc(whole, CRAWL[:2] + CRAWL[5:6], gz=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 200])
    records = read(cut)
    assert codes(records) == {f"{cut}#3": "ok", f"{cut}#4": "T005"}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "T002"),
        (b"hello world\n" * 3, "T005"),
    ],
)
def test_bad_warc_file(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    (record,) = read(path)
    assert isinstance(record, Rejected) and record.code == code


def test_warc_without_html_pages_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    _warc(path, [CRAWL[2]])
    (record,) = read(path)
    assert isinstance(record, Rejected) and record.code == "T002"
    assert "no HTML page" in record.reason


def test_warc_page_over_the_size_limit_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    big = ("response", "https://news.example/big", "200 OK", "text/html", b"<p>x</p>" * 500)
    _warc(path, [big, CRAWL[1]])
    assert codes(read(path, max_bytes=2000)) == {f"{path}#2": "T006", f"{path}#3": "ok"}


def test_gzipped_json_lines_csv_and_json(tmp_path: Path) -> None:
    import gzip

    lines = [
        json.dumps({"id": "a", "text": ARTICLE}),
        "{broken",
        json.dumps({"id": "b", "text": ARTICLE}),
    ]
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    csv_text = f'id,text\nc,"{ARTICLE.strip()}"\n'
    (tmp_path / "feed.csv.gz").write_bytes(gzip.compress(csv_text.encode()))
    (tmp_path / "one.json.gz").write_bytes(
        gzip.compress(json.dumps({"id": "d", "text": ARTICLE}).encode())
    )
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    records = read(tmp_path)
    assert codes(records) == {
        f"{tmp_path / 'feed.csv.gz'}:2": "ok",
        f"{tmp_path / 'feed.jsonl.gz'}:1": "ok",
        f"{tmp_path / 'feed.jsonl.gz'}:2": "T005",
        f"{tmp_path / 'feed.jsonl.gz'}:3": "ok",
        str(tmp_path / "one.json.gz"): "ok",
        str(tmp_path / "page.html.gz"): "ok",
    }
    ids = [r.id for r in records if isinstance(r, RawArticle)]
    assert ids == ["c", "a", "b", "d", None]
    assert records[-1].html == PAGE


def test_corrupt_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    import gzip

    rows = "\n".join(json.dumps({"id": str(n), "text": ARTICLE * 20}) for n in range(200))
    data = gzip.compress(rows.encode())
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = read(path)
    assert isinstance(records[0], RawArticle)
    assert isinstance(records[-1], Rejected) and records[-1].code == "T005"
    assert records[-1].origin == str(path) and "cut off" in records[-1].reason
    (tmp_path / "not.jsonl.gz").write_bytes(b"plain text, not gzip")
    (record,) = read(tmp_path / "not.jsonl.gz")
    assert isinstance(record, Rejected) and record.code == "T005"


def test_gzipped_json_document_over_the_limit_is_refused(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "big.json.gz"
    path.write_bytes(gzip.compress(json.dumps([{"text": ARTICLE}] * 100).encode()))
    (record,) = read(path, max_bytes=1000)
    assert isinstance(record, Rejected) and record.code == "T006"
    assert "at least" in record.reason


def test_count_inputs(tmp_path: Path) -> None:
    import gzip

    from thucydides.read.inputs import count_inputs

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{broken\n')
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n'))
    assert count_inputs([str(tmp_path)]) == 1 + 3 + 1
    assert count_inputs([str(tmp_path), str(tmp_path / "missing.txt")]) == 6
    assert count_inputs([str(tmp_path), "-"]) is None
    (tmp_path / "d.csv").write_text("text\nx\n")
    assert count_inputs([str(tmp_path)]) is None
