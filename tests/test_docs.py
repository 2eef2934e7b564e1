"""Tests that the docs name only what exists, and that NOTICE covers every bundled data file.

Paths are read from backticks in README.md and docs/*.md, from their relative links, and
from dotted names such as ``thucydides.serve.export.read_tsv``. A path starting with
``src/``, ``tests/``, ``benchmarks/``, ``tools/`` or ``docs/`` is taken from the repository
root, wherever it stands in a backtick span (``python benchmarks/eval_geo.py`` names one). A
span that is a path and nothing else, starting with a folder of the package
(``extract/events.py``, ``data/export/cameo.tsv``), is taken from ``src/thucydides/``; a
bare file name (``cli.py``, ``test_quotes.py``) must exist somewhere in the package, tests,
benchmarks or tools. Globs (``data/actors/*.tsv``) must match at least one file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "thucydides"
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
ROOT_PREFIXES = ("src/", "tests/", "benchmarks/", "tools/", "docs/")
PACKAGE_DIRS = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
SEARCHED = [PACKAGE, REPO / "tests", REPO / "benchmarks", REPO / "tools"]
#: Files the package ships that are data, not code: NOTICE must name each one.
DATA_FILES = sorted(
    [
        *(p for p in (PACKAGE / "data").rglob("*") if p.is_file()),
        PACKAGE / "serve" / "web" / "world.json",
        *(PACKAGE / "schema").glob("*.json"),
    ]
)
#: Files NOTICE says carry a share-alike licence, each of which must say so itself.
SHARE_ALIKE_LINE = "# Licence: CC BY-SA 4.0"

_SPAN = re.compile(r"`([^`\n]+(?:\n[^`\n]+){0,2})`")
_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
_ROOT_PATH = re.compile(r"(?<![\w./-])((?:src|tests|benchmarks|tools|docs)/[\w./*-]*[\w*/])")
_WHOLE_PATH = re.compile(r"[\w-]+(?:/[\w.*-]+)*/?|[\w-]+\.py")
_DOTTED = re.compile(r"(?<![\w.])thucydides(?:\.[A-Za-z_]\w*)+")
_IMPORT = re.compile(r"^\s*from (thucydides(?:\.\w+)*) import ([\w, ]+)")
#: ``thucydides.db`` is a file, not a module.
FILE_SUFFIXES = {"db", "json", "jsonl", "yaml", "yml", "toml", "txt", "csv", "tsv", "md", "log"}


def _mentions() -> Iterator[tuple[str, str]]:
    """Yields (where, path) for every path-like mention in the docs."""
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        name = doc.relative_to(REPO).as_posix()
        lines = text.splitlines()
        for n, line in enumerate(lines, 1):
            if found := _IMPORT.match(line):
                for imported in found.group(2).split(","):
                    yield f"{name}:{n}", f"{found.group(1)}.{imported.strip()}"
            for target in _LINK.findall(line):
                if "://" not in target and not target.startswith("mailto:"):
                    path = (doc.parent / target).resolve().relative_to(REPO).as_posix()
                    yield f"{name}:{n}", path
        # inline code may wrap onto the next lines; fenced blocks are not inline code
        prose = "\n".join(_without_fenced_blocks(lines))
        for match in _SPAN.finditer(prose):
            where = f"{name}:{prose.count(chr(10), 0, match.start()) + 1}"
            span = " ".join(match.group(1).split())
            for path in _ROOT_PATH.findall(span):
                yield where, path
            if _WHOLE_PATH.fullmatch(span) and not span.startswith(ROOT_PREFIXES):
                first = span.split("/", 1)[0]
                if "/" in span and first in PACKAGE_DIRS:
                    yield where, f"src/thucydides/{span}"
                elif "/" not in span and span.endswith(".py"):
                    yield where, span
            for dotted in _DOTTED.findall(span):
                if dotted.rsplit(".", 1)[1] not in FILE_SUFFIXES:
                    yield where, dotted


def _without_fenced_blocks(lines: list[str]) -> Iterator[str]:
    """The lines with those of fenced code blocks blanked, so line numbers stay."""
    fenced = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
            yield ""
        else:
            yield "" if fenced else line


def _exists(path: str) -> bool:
    """Tells whether a mentioned path or dotted name names something in the repository."""
    if path.startswith("thucydides."):
        return _dotted_exists(path)
    if "/" not in path:
        return (REPO / path).exists() or any(any(folder.rglob(path)) for folder in SEARCHED)
    if any(c in path for c in "*?["):
        return any(REPO.glob(path.rstrip("/")))
    return (REPO / path).exists()


def _dotted_exists(name: str) -> bool:
    """``thucydides.a.b``: a module or package, optionally followed by one name defined in it."""
    parts = name.split(".")[1:]
    folder = PACKAGE
    for i, part in enumerate(parts):
        if (folder / part).is_dir():
            folder = folder / part
            continue
        module = folder / f"{part}.py"
        if module.is_file():
            rest = parts[i + 1 :]
            return len(rest) <= 1 and (not rest or rest[0] in _defined(module))
        # a name defined (or imported) in the package's __init__.py
        return i == len(parts) - 1 and part in _defined(folder / "__init__.py")
    return True


def _defined(module: Path) -> set[str]:
    """Top-level names a module defines or imports."""
    names: set[str] = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
    return names


def test_the_docs_mention_paths():
    # the scan itself works: a guard against a regex that silently finds nothing
    found = {path for _, path in _mentions()}
    assert "src/thucydides/parse/nlp.py" in found
    assert "docs/architecture.md" in found


@pytest.mark.parametrize(
    ("path", "exists"),
    [
        ("src/thucydides/pipeline.py", True),
        ("src/thucydides/data/actors/*.tsv", True),
        ("cli.py", True),
        ("thucydides.serve.export.read_tsv", True),
        ("thucydides.knowledge.KnowledgeBase", True),
        ("src/thucydides/web/world.json", False),
        ("thucydides.export.read_tsv", False),
        ("thucydides.knowledge.actors.no_such_name", False),
        ("no_such_module.py", False),
    ],
)
def test_path_check(path, exists):
    assert _exists(path) is exists


def test_every_path_the_docs_name_exists():
    missing = sorted({f"{where}: {path}" for where, path in _mentions() if not _exists(path)})
    assert not missing, "Paths named in the docs that do not exist:\n" + "\n".join(missing)


def test_notice_lists_every_bundled_data_file():
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    listed = set(re.findall(r"src/thucydides/\S+", notice))
    unlisted = [p.relative_to(REPO).as_posix() for p in DATA_FILES]
    unlisted = [p for p in unlisted if p not in listed]
    assert not unlisted, (
        "Bundled data files that NOTICE does not list (add each with its source and "
        "licence):\n" + "\n".join(unlisted)
    )


def test_notice_names_only_files_that_exist():
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    stale = [p for p in re.findall(r"src/thucydides/\S+", notice) if not (REPO / p).exists()]
    assert not stale, f"NOTICE names files that do not exist: {stale}"


def test_share_alike_files_carry_their_licence():
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    block = notice.split("Licences named below:")[0]
    share_alike = re.findall(r"src/thucydides/\S+", block)
    assert share_alike, "NOTICE no longer lists its share-alike files before the licences"
    for path in share_alike:
        lines = (REPO / path).read_text(encoding="utf-8").splitlines()
        header = [line for line in lines[:80] if line.startswith("#")]
        assert any(line.startswith(SHARE_ALIKE_LINE) for line in header), (
            f'{path} holds CC BY-SA 4.0 data but has no "{SHARE_ALIKE_LINE}" line in its header'
        )


def test_licence_files_exist():
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert (REPO / "NOTICE").is_file()
