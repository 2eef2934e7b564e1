"""No sentence of the scraped newspaper page is copied into the repository.

Third-party text enters the repository only when its licence allows it (see CREDITS.md
beside the sample article). The scraped Times page in ``../shared`` is not ours to ship:
tests may read it from there, but no file of ours may hold a run of its words. The test
needs the page, so it is skipped where ``../shared`` is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, SHARED

NEWSPAPER_PAGE = SHARED / "samples" / "hiftar-russia.txt"
#: A run of this many words shared with the page is copied text. Six words catch a copied
#: clause, not only a sentence; a run this long shared by chance (a common phrase around a
#: name) is rare, and is reworded all the same.
RUN = 6
#: The folders whose files are checked, relative to the checkout.
CHECKED = ("src", "tests", "docs", "benchmarks")

_WORD = re.compile(r"\w+")
#: What stands between words in source files but not in prose: string escapes and HTML
#: entities ("\n", "\u2019", "&rsquo;").
_ESCAPE = re.compile(r"\\[nrt]|\\u[0-9a-fA-F]{4}|&#?\w+;")


def words(text: str) -> list[str]:
    """The text's words, casefolded, with escapes and entities read as word breaks."""
    return _WORD.findall(_ESCAPE.sub(" ", text).casefold())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words of the text."""
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def checked_files(root: Path) -> Iterator[tuple[str, str]]:
    """(path relative to ``root``, text) of every text file in the checked folders."""
    for folder in CHECKED:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root)
            if not path.is_file() or any(
                p.startswith(".") or p == "__pycache__" for p in rel.parts
            ):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # images and other binary files
            yield rel.as_posix(), text


def copied(root: Path, page: str) -> dict[str, list[str]]:
    """Each file sharing a run of words with ``page``, with the runs it shares."""
    page_runs = runs(page)
    found = {}
    for rel, text in checked_files(root):
        shared = runs(text) & page_runs
        if shared:
            found[rel] = sorted(" ".join(r) for r in shared)
    return found


def test_words_ignore_case_punctuation_escapes_and_entities() -> None:
    assert words('Aid "reached\\nGao," the UN’s\\u2019 envoy&rsquo;s team_2 said') == [
        "aid", "reached", "gao", "the", "un", "s", "envoy", "s", "team_2", "said"
    ]  # fmt: skip


def test_a_copied_run_is_found_in_every_checked_folder_and_not_elsewhere(tmp_path) -> None:
    page = "One two three four five six seven eight nine ten.\n\nEleven twelve."
    files = {
        "src/pkg/mod.py": 'TEXT = (\n    "two three four "\n    "five six seven"\n)\n',
        "tests/data/cases.jsonl": '{"raw": "One two three\\nfour five six"}\n',
        "docs/a.md": "Words: one two three four five (five only).\n",  # a word short
        "benchmarks/b.txt": "ONE, two... three four five SIX!\n",
        "tests/__pycache__/x.pyc": "one two three four five six\n",
        "notes.txt": "one two three four five six\n",  # not a checked folder
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "docs/img.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    found = copied(tmp_path, page)
    assert sorted(found) == ["benchmarks/b.txt", "src/pkg/mod.py", "tests/data/cases.jsonl"]
    assert found["src/pkg/mod.py"] == ["two three four five six seven"]


@pytest.mark.skipif(
    not NEWSPAPER_PAGE.is_file(),
    reason=f"{NEWSPAPER_PAGE} is absent: the scraped Times page the check compares against "
    "is not ours to ship, and is kept beside the checkout in ../shared",
)
def test_no_file_copies_a_run_of_the_newspaper_page() -> None:
    found = copied(REPO, NEWSPAPER_PAGE.read_text(encoding="utf-8"))
    assert not found, "\n".join(
        f"{rel}: {len(shared)} runs of {RUN} words from the page, e.g. {shared[0]!r}"
        for rel, shared in sorted(found.items())
    )
