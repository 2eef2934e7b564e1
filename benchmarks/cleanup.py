"""The page-noise benchmark: how much scraped noise the cleanup removes, how much body it keeps.

Scores the product's own path for plain-text pages, ``pipeline.prepare_batch`` (cleanup with
the pages of one outlet read together, listing split or refusal, dateline; ``--alone`` reads
each page by itself), over the labelled test pages in ``benchmarks/data/cleanup/pages/``
(format: ``benchmarks/data/cleanup/README.md``), and reports per split (``tune``, the pages
the rules were tuned on; ``held``, pages written at the same time and never tuned on;
``fresh``, pages written after the rules were frozen, for a first-contact measure, and
moved to ``tune`` once looked at):

- noise removed: the share of noise items (whole lines, and spans glued to body text) that
  are gone from the cleaned text and listed in the record's ``removed``, per noise kind;
- body kept: the share of body sentences found verbatim in the cleaned text;
- listing pages: refused (T011) or split into their stories, out of the pages labelled
  ``listing=yes`` (``listing=split``: must be split); and ordinary pages wrongly refused
  or split.

Usage:
    python benchmarks/cleanup.py [--split tune|held|fresh|all] [--alone] [--failures [--batch N]]
                                 [--by-style] [--cost]

``--failures`` prints every leaked noise item and every lost body sentence of the chosen
split (of ``tune`` by default: look at the held and fresh pages' failures only to report them).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from thucydides.config import Options
from thucydides.pipeline import Prepared, prepare_batch
from thucydides.records import RawArticle, Rejected

PAGES = Path(__file__).parent / "data" / "cleanup" / "pages"
LISTING_CODE = "T011"
#: tune: the pages the rules were tuned on; held: written with them, never tuned on;
#: fresh: written after the rules were frozen, never tuned on.
SPLITS = ("tune", "held", "fresh")

_HEADER = re.compile(r"#page\s+(?P<fields>.*)")
_FIELD = re.compile(r'(\w+)=(?:"([^"]*)"|(\S+))')
_LINE = re.compile(r"(?P<label>B|T|L|N:[a-z]+)\|(?: (?P<text>.*))?")
_GLUED = re.compile(r"\{\{(?P<kind>[a-z]+)\|(?P<text>.*?)\}\}")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z0-9£$(\-])")


@dataclass
class Page:
    """One labelled test page: its raw text and what in it is noise and body."""

    name: str
    fields: dict[str, str]
    raw: str = ""
    # (kind, text, glued to body text), page order
    noise: list[tuple[str, str, bool]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # sentences
    titles: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)  # the L lines, page order

    @property
    def split(self) -> str:
        return self.fields["split"]

    @property
    def column(self) -> str:
        """The column the page is scored in: its split, and a fresh page's batch ("fresh 5")."""
        batch = self.fields.get("batch")
        return f"{self.split} {batch}" if batch else self.split

    @property
    def listing(self) -> bool:
        return self.fields.get("listing") in ("yes", "split")

    @property
    def split_expected(self) -> bool:
        """A listing page whose stories have teasers of two sentences or more: it must be
        split into them, each its headline and its teaser (the page's ``L`` lines in pairs)."""
        return self.fields.get("listing") == "split"


def read_page(path: Path) -> Page:
    """Parses one labelled page file; raises ValueError naming the line on a bad one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = _HEADER.fullmatch(lines[0]) if lines else None
    if header is None:
        raise ValueError(f"{path}:1: a page file starts with '#page split=... style=...'")
    fields = {m[1]: m[2] or m[3] for m in _FIELD.finditer(header["fields"])}
    if fields.get("split") not in SPLITS or "style" not in fields:
        raise ValueError(f"{path}:1: the header needs split={'|'.join(SPLITS)} and style=...")
    page = Page(path.stem, fields)
    raw: list[str] = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            raw.append("")
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise ValueError(
                f"{path}:{n}: a line is 'B| text', 'T| text', 'L| text' or 'N:kind| text'"
            )
        label, text = match["label"], match["text"] or ""
        raw.append(_GLUED.sub(lambda m: m["text"], text))
        if label.startswith("N:"):
            page.noise.append((label[2:], text, False))
        elif label == "T":
            page.titles.append(text)
        elif label == "L":
            page.listed.append(_norm(text))
        elif label == "B":
            for glued in _GLUED.finditer(text):
                page.noise.append((glued["kind"], glued["text"].strip(), True))
            page.body.extend(_sentences(_GLUED.sub(" ", text)))
    page.raw = "\n".join(raw) + "\n"
    return page


def _sentences(text: str) -> list[str]:
    return [s for s in (_norm(s) for s in _SENTENCE_END.split(text)) if s]


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Tally:
    """Counts of one split: noise removed and body kept, overall, per kind and per style."""

    noise: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    style: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    body: list[int] = field(default_factory=lambda: [0, 0])
    titles: list[int] = field(default_factory=lambda: [0, 0])
    listing: list[int] = field(default_factory=lambda: [0, 0])
    split: int = 0  # listing pages split into their stories (the others were refused)
    wrongly_refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def score_page(page: Page, outcome: list[Prepared] | Rejected, tally: Tally) -> None:
    """Adds one page's outcome (its articles, or its rejection) to ``tally``."""
    if page.listing:
        _score_listing(page, outcome, tally)
        return
    result: Prepared | Rejected
    if isinstance(outcome, Rejected) or len(outcome) == 1:
        result = outcome if isinstance(outcome, Rejected) else outcome[0]
    else:
        tally.wrongly_refused.append(f"{page.name}: split into {len(outcome)} stories")
        result = outcome[0]
    if isinstance(result, Rejected):
        tally.wrongly_refused.append(f"{page.name}: {result.code} {result.reason}")
        text, removed, paragraphs = "", [], []
    else:
        text = _norm(result.cleaned.text)
        removed = [_norm(r.text) for r in result.cleaned.removed]
        # A noise item is left when it is a paragraph, or opens or closes one.
        paragraphs = [_norm(p) for p in result.cleaned.text.split("\n\n")]
    # Noise items are matched to the removed entries in page order, so one cut is not
    # counted for two items with the same words; an item left in the text moves nothing
    # (a line "The Harbour Ledger" kept is not matched to a later cut that holds the words).
    at = 0
    for kind, noise, glued in page.noise:
        item = _norm(noise)
        hit = next((j for j in range(at, len(removed)) if item in removed[j]), None)
        gone = hit is not None and not _left(item, paragraphs, glued=glued)
        if gone and hit is not None:
            at = hit
        style = tally.style[page.fields["style"]]
        _add(tally.noise[kind], style, 0, gone)
        if not gone:
            tally.failures.append(f"{page.name}: noise [{kind}] left: {item!r}")
    for sentence in page.body:
        kept = sentence in text
        _add(tally.body, tally.style[page.fields["style"]], 2, kept)
        if not kept:
            tally.failures.append(f"{page.name}: body lost: {sentence!r}")
    for title in page.titles:
        tally.titles[0] += _norm(title) in text
        tally.titles[1] += 1


def _score_listing(page: Page, outcome: list[Prepared] | Rejected, tally: Tally) -> None:
    """A listing page is right when refused (T011) or split into its stories, each one
    headline and its teaser; one that must be split (``listing=split``) only when split."""
    tally.listing[1] += 1
    if isinstance(outcome, Rejected):
        right = outcome.code == LISTING_CODE and not page.split_expected
        why = f"{outcome.code} {outcome.reason}"
    else:
        stories = [[_norm(p) for p in a.cleaned.text.split("\n\n")] for a in outcome]
        pairs = [page.listed[i : i + 2] for i in range(0, len(page.listed), 2)]
        right = len(stories) > 1 and all(story in pairs for story in stories)
        if page.split_expected:
            right = right and stories == pairs
        tally.split += right
        why = f"coded as {len(stories)} article(s): {[s[0] for s in stories]}"
    tally.listing[0] += right
    if not right:
        tally.failures.append(f"{page.name}: listing page wrongly handled: {why}")


def _left(item: str, paragraphs: list[str], *, glued: bool) -> bool:
    """True when the noise ``item`` is still in the text: a paragraph of it, or, for noise
    glued to body text, at a paragraph's start or end (a line of noise "Iran" is not left
    because the title "Iran says..." starts with its word)."""
    if not glued:
        return item in paragraphs
    return any(p == item or p.startswith(item + " ") or p.endswith(" " + item) for p in paragraphs)


def _add(counts: list[int], style: list[int], at: int, ok: bool) -> None:
    """Counts one item (right when ``ok``) overall and in its style's columns ``at``, ``at+1``."""
    counts[0] += ok
    counts[1] += 1
    style[at] += ok
    style[at + 1] += 1


def run(split: str, *, alone: bool = False) -> tuple[dict[str, Tally], list[Page]]:
    """Scores every page of ``split`` ("all" for every split); returns the tallies per
    column. The pages are one batch, each with its outlet as publisher, so the pages of one
    outlet are read together as ``code_articles`` reads one site's pages; ``alone`` reads
    every page by itself."""
    pages = [read_page(p) for p in sorted(PAGES.glob("*.txt"))]
    options = Options()
    tallies: dict[str, Tally] = defaultdict(Tally)
    chosen = [p for p in pages if split == "all" or p.split == split]
    raws = [
        RawArticle(
            origin=p.name,
            text=p.raw,
            path=p.name,
            publisher=None if alone else p.fields.get("outlet"),
        )
        for p in chosen
    ]
    results = prepare_batch(raws, options, split_listings=True)  # as `thucydides code`
    for page, result in zip(chosen, results, strict=True):
        score_page(page, result, tallies[page.column])
    return tallies, pages


def _pct(counts: list[int]) -> str:
    done, total = counts[0], counts[1]
    return f"{100 * done / total:.1f}% ({done}/{total})" if total else "-"


def report(tallies: dict[str, Tally], pages: list[Page], *, by_style: bool) -> str:
    """The Markdown tables of the run."""
    splits = sorted(tallies, key=lambda s: (SPLITS.index(s.split()[0]), s))
    out = [
        f"{len(pages)} pages, {len({p.fields['style'] for p in pages})} outlet styles "
        f"({', '.join(f'{s}: {sum(p.column == s for p in pages)}' for s in splits)})",
        "",
        "| | " + " | ".join(splits) + " |",
        "|---|" + "---|" * len(splits),
    ]

    def row(name: str, get) -> None:
        out.append(f"| {name} | " + " | ".join(get(tallies[s]) for s in splits) + " |")

    row("noise removed", lambda t: _pct(_total(t.noise.values())))
    row("body sentences kept", lambda t: _pct(t.body))
    row("headlines kept (not scored)", lambda t: _pct(t.titles))
    row("listing pages refused or split", lambda t: _pct(t.listing))
    row("of them split into their stories", lambda t: str(t.split) if t.listing[1] else "-")
    row("ordinary pages refused or split", lambda t: str(len(t.wrongly_refused)))
    kinds = sorted({k for s in splits for k in tallies[s].noise})
    out += ["", "Noise removed per kind:", "", "| kind | " + " | ".join(splits) + " |"]
    out.append("|---|" + "---|" * len(splits))
    for kind in kinds:
        row(kind, lambda t, k=kind: _pct(t.noise[k]) if k in t.noise else "-")
    if by_style:
        styles = sorted({k for s in splits for k in tallies[s].style})
        out += ["", "| style | noise removed | body kept |", "|---|---|---|"]
        for style in styles:
            c = [0, 0, 0, 0]
            for s in splits:
                for i, v in enumerate(tallies[s].style.get(style, [0, 0, 0, 0])):
                    c[i] += v
            out.append(f"| {style} | {_pct(c[:2])} | {_pct(c[2:])} |")
    return "\n".join(out)


def _total(counts) -> list[int]:
    done = total = 0
    for c in counts:
        done += c[0]
        total += c[1]
    return [done, total]


def cost(repeat: int = 5) -> str:
    """Cleanup alone over the VOA corpus (best of ``repeat``) next to one bare spaCy pass."""
    import json
    import time

    import spacy

    from thucydides.read.cleanup import clean_text

    corpus = resources.files("thucydides").joinpath("data/samples/voa_stories.jsonl")
    stories = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    clean_text("Warm up: the rules and the stop words load once.")
    best = min(
        _timed(lambda: [clean_text(s["text"], title=s.get("title")) for s in stories])
        for _ in range(repeat)
    )
    options = Options()
    nlp = spacy.load(options.model)
    start = time.perf_counter()
    for _ in nlp.pipe([s["text"] for s in stories], batch_size=options.batch_size):
        pass
    spacy_seconds = time.perf_counter() - start
    return (
        f"cleanup of {len(stories)} VOA stories: {best:.3f} s (best of {repeat}); "
        f"bare spaCy pass: {spacy_seconds:.1f} s; "
        f"cleanup / spaCy = {100 * best / spacy_seconds:.1f}%"
    )


def _timed(work) -> float:
    import time

    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--failures", action="store_true", help="print leaks and losses")
    parser.add_argument("--batch", help="with --failures: only this fresh batch's")
    parser.add_argument(
        "--alone", action="store_true", help="read every page by itself, not with its outlet's"
    )
    parser.add_argument("--by-style", action="store_true", help="a table per outlet style")
    parser.add_argument(
        "--cost", action="store_true", help="also time cleanup against a bare spaCy pass on VOA"
    )
    args = parser.parse_args(argv)
    tallies, pages = run(args.split, alone=args.alone)
    print(report(tallies, pages, by_style=args.by_style))
    if args.cost:
        print("\n" + cost())
    if args.failures:
        shown = "tune" if args.split == "all" else args.split
        print(f"\nFailures ({shown}):", file=sys.stderr)
        for column, tally in tallies.items():
            if column.split()[0] == shown and (args.batch is None or column.endswith(args.batch)):
                for line in [*tally.wrongly_refused, *tally.failures]:
                    print("  " + line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
