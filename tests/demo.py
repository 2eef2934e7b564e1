"""A small demo store for the service and UI tests: real texts, coded by the real model.

The project's own sample article (data/samples/sample-article.txt) and the first VOA
stories of the bundled corpus. Built once per test process, whichever module asks first.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from thucydides.config import Options
from thucydides.parse.nlp import Parser
from thucydides.pipeline import code_articles
from thucydides.read.inputs import read_inputs
from thucydides.records import ArticleRecord
from thucydides.store import open_store

from .conftest import SAMPLE_ARTICLE, SAMPLE_PUBLISHED

#: How many VOA stories go in.
VOA_STORIES = 6

_built: dict[str, Path] = {}


def demo_store(folder: Path, parser: Parser) -> Path:
    """Returns the path of the demo store, building it in ``folder`` on the first call."""
    if "path" in _built:
        return _built["path"]
    corpus = resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl")
    lines = corpus.read_text(encoding="utf-8").splitlines()[:VOA_STORIES]
    stories = folder / "voa.jsonl"
    stories.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = [str(SAMPLE_ARTICLE), str(stories)]
    # The sample's text gives no publication date; the VOA stories keep their own.
    options = Options(published=SAMPLE_PUBLISHED)
    records = [
        r
        for r in code_articles(read_inputs(paths, options), options, parser)
        if isinstance(r, ArticleRecord)
    ]
    assert len(records) == len(paths) - 1 + VOA_STORIES, "a demo text was rejected"
    path = folder / "demo.db"
    with open_store(str(path)) as store:
        store.upsert_many(records)
    _built["path"] = path
    return path
