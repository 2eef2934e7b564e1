"""Cleanup of plain scraped article text: the body, and the noise cut from around it.

Scraped text arrives with the page still clinging to it: a byline, photo captions whose
credit is glued to their last word ("...last monthAMINATA COULIBALY/AFP VIA GETTY
IMAGES"), a bio of the author, sharing buttons, lists of related links. The HTML
extractors do not help once the text is plain, so this module cuts that noise by the
*shape* of lines and paragraphs, never by strings from one site:

1. Normalise line endings and whitespace; blank lines split the text into blocks.
2. Judge each line alone: page chrome (whole-line patterns, kept as data in
   ``data/chrome_lines.txt``), bylines, wire credits ("Reporting by ...; Editing by ..."),
   labelled captions, the page-noise rules' whole lines and paragraphs, and standalone
   photo credits; then, when the page is read in a batch with other pages of its site,
   the lines they share (``read/boilerplate.py``; a shared line that reads as prose only
   in a run of shared lines, so a background sentence a site repeats stays); a summary's
   head ("Key points:", a "summary" row) and the bullet points under it; a crawl
   record's runs of "key: value" fields ("title:", "url:", "text:").
3. Join the lines a hard wrap split, within a block.
4. Judge each paragraph in its place: a wire's sign-off ("... she said. — AFP"), or the
   byline's author signing off, is split off; one that ends in a photo credit is a
   caption; the line just before a standalone credit is its caption (on a page without
   blank lines, only a short one without a story's tense, in mid-story), and so is a line
   repeated as the start of the caption below it (a picture's text printed twice); a
   short sentence in mid-story that shows a scene in the simple present (a verb of the
   word class DEPICT) is a caption without its credit; a live page's entry titles under
   their time stamps and the names signing its entries go; a paragraph after the story's
   sign-off that opens with its own dateline is another story's teaser; link-like lines
   after a list head ("Related Articles") are chrome; a leading repeat of the title goes;
   the trailing paragraphs that read as an author's bio go, and a note opening with the
   byline author's name next to a cut.
5. Read the page around the story (``read/paragraphs.py``, ``read/noise.py``): a line that
   opens the page's tail (a comment section, an ad block) cuts everything after it; a
   line that speaks to the reader or of the page ("If you see a spelling error on our
   site...", "All rights reserved...") and quotes no one goes when it stands next to a
   cut (passing over a button's words) or at an edge of what is left; a page of headlines
   with teasers is a listing (``CleanedText.stories``; ``CleanedText.listed`` when each
   teaser has two sentences or more, split by the pipeline, else refused);
   otherwise what is not prose before the first prose paragraph goes, but for the
   longest headline (the title), short sentences above every headline with no prose
   after them being slogans, not the story, and what is not prose after the last one (a
   prose line that ends no sentence above the story is a headline; a caption or a video title
   parted by a cut credit from a paragraph opening with a dateline is not the story); a
   copy of a line of furniture cut elsewhere on the page is cut (a print page's running
   head where the story jumps), and so is a line of furniture standing between two cuts
   (jusText's context rule); the dateline leading the first prose paragraph is cut and
   read (``read/dateline.py``).
6. Join what is left with a blank line between paragraphs.

Noise glued to the first word of a line ("A+ A-The minister", "date 2024-05-02The...",
"(CNN)Washington") is split off before anything else; the page-noise rules
(``data/rules/page-noise.tsv``: whole lines, glued prefixes, suffixes, paragraphs, tails)
are data with an example and a counter-example each, like the chrome vocabulary.

Nothing is inserted and body sentences are never rewritten, so offsets computed on
``CleanedText.text`` hold for every later stage, and cleaning cleaned text changes nothing.

Notes:
    No library cleans plain-text scraped articles: trafilatura (``read/html.py``) and
    jusText 3.0.2 classify the blocks of an HTML page, and leave glued photo credits,
    bylines and bios in plain text to us (jusText's classifier, run on the lines of the
    page-noise benchmark, kept 11% of the body: ``docs/benchmarks.md``). The word limits
    below are judgement from scraped news pages, not measured; the cases in
    ``tests/data/cleanup_cases.jsonl`` and the pages of ``benchmarks/data/cleanup/`` pin
    their effect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..errors import ConfigError
from ..knowledge.words import WordClasses
from ..records import CleanedText, Dateline, Removed, RemovedKind
from .boilerplate import line_key
from .dateline import resolve_date, split_dateline
from .noise import LINE_MAX_WORDS, noise_rules
from .paragraphs import classify, has_tense, is_stop_word, sentence_count, story_blocks

__all__ = ["clean_text"]

_CHROME_FILE = ("data", "chrome_lines.txt")
_LIST_PREFIX = "[list]"

# Captions are a sentence or two; a paragraph longer than this that ends in a credit is body
# with a credit glued on, and only the credit goes.
_CAPTION_MAX_WORDS = 80
# The line before a standalone credit is taken for its caption only when it is this short.
_CAPTION_LINE_MAX_WORDS = 40
# A portrait's caption: a name and a title, capitalised throughout, this long at most.
_NAME_LINE_MAX_WORDS = 8
# A dateline this many sentence-ending paragraphs down still opens the story (captions and
# video titles may stand above it).
_DATELINE_LOOKAHEAD = 2
# Bios are one to three sentences.
_BIO_MAX_WORDS = 80
# Related-link titles are headlines: short and without a full stop.
_LINK_MAX_WORDS = 20
# Two prose paragraphs this long after a tail's head say the story goes on (comments are
# shorter, as a rule).
_STORY_PARAGRAPH_WORDS = 30
# A trailing credit never reaches further back than this many characters.
_CREDIT_REACH = 300
# A line repeated as the start of the caption below it is its copy when it is this long
# (shorter lines, "Photo" or a name, are left to the other rules).
_CAPTION_MIN_COPY_WORDS = 4
# A listed story is coded as an article of its own when its teaser has this many sentences.
_SPLIT_MIN_SENTENCES = 2
# A button's or a label's words ("Show me", "Yes No") between a notice and a cut.
_BUTTON_MAX_WORDS = 3
# A sentence over a photo credit at the top of the page is the picture's caption when it
# is this short; a story's first paragraph runs longer.
_TOP_CAPTION_MAX_WORDS = 20
# A sentence this short above the story is its lede only when prose follows it; else it
# is a slogan or a teaser ("Over 100 premium titles.").
_LEDE_MIN_WORDS = 8
# The cuts whose copies elsewhere on the page are cut too: furniture, credits, bylines.
_ECHOING = frozenset({"chrome", "credit", "byline"})
# A site's repeated lines that read as prose are cut only on a page that keeps at least
# this many prose lines of its own.
_OWN_PROSE_MIN = 2
# A block of summary bullets under "Key points" holds this many at most, each this long.
_SUMMARY_MAX_BULLETS = 8
_SUMMARY_MAX_WORDS = 40
# A caption in mid-story without a credit has at least this many words, its scene's verb
# among the first this many (after a subject: "Fisheries officers inspect...").
_MIN_SCENE_WORDS = 4
_SCENE_VERB_REACH = 6
# A live page's entries: this many stamps with a title under them make one; a stamp is
# this short.
_ENTRY_MIN = 2
_STAMP_MAX_WORDS = 8
# A crawl record's fields come in runs of at least this many lines ("title:", "url:").
_RECORD_MIN_FIELDS = 2

# ---------------------------------------------------------------- character classes

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_LETTER = _UPPER + _LOWER

# ---------------------------------------------------------------- agencies

# Wires, picture agencies and papers that sign photo credits ("NAME/AGENCY", "AGENCY/NAME").
# A "/"-joined credit needs one of them, so "Israel/Palestine" at the end of a line is never
# taken for a credit. Matched as written here and in capitals.
_AGENCIES = (
    "AFP",
    "AFP via Getty Images",
    "Agence France-Presse",
    "AP",
    "AP Photo",
    "AP Images",
    "Associated Press",
    "Reuters",
    "Thomson Reuters",
    "Reuters Pictures",
    "EPA",
    "EPA-EFE",
    "EFE",
    "ANSA",
    "DPA",
    "dpa",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "UPI",
    "AAP",
    "PA",
    "PA Wire",
    "PA Images",
    "PA Media",
    "Anadolu",
    "Anadolu Agency",
    "Sputnik",
    "TASS",
    "RIA Novosti",
    "Bloomberg",
    "Bloomberg News",
    "Getty",
    "Getty Images",
    "Shutterstock",
    "Alamy",
    "Alamy Stock Photo",
    "Rex Features",
    "Sipa",
    "SIPA",
    "Sipa Press",
    "Corbis",
    "NurPhoto",
    "SOPA Images",
    "LightRocket",
    "ZUMA",
    "Zuma Press",
    "ZUMA Press",
    "ZUMA Wire",
    "Redux",
    "Polaris",
    "Magnum Photos",
    "Panos Pictures",
    "Abaca",
    "ABACA",
    "Camera Press",
    "Eyevine",
    "Barcroft",
    "Mirrorpix",
    "Wikimedia Commons",
    "Flickr",
    "Handout",
    "Pool",
    "File Photo",
    "Supplied",
    "NYT",
    "The New York Times",
    "The Washington Post",
    "The Times",
    "The Sunday Times",
    "The Guardian",
    "The Observer",
    "The Telegraph",
    "SANA",
    "WAFA",
    "IRNA",
    "ISNA",
    "Tasnim",
    "KCNA",
    "Maxar Technologies",
    "Planet Labs",
)
# Names that only ever sign pictures: these alone, after a space, end a caption ("...in
# Aleppo Getty Images"). A wire's name also ends sentences ("...killed, said Reuters"), so
# alone it counts only in capitals ("REUTERS") or glued to the last word ("AleppoReuters").
_PICTURE_AGENCIES = frozenset(
    {
        "AFP via Getty Images",
        "AP Photo",
        "AP Images",
        "Getty Images",
        "Shutterstock",
        "Alamy",
        "Alamy Stock Photo",
        "Rex Features",
        "EPA-EFE",
        "NurPhoto",
        "SOPA Images",
        "LightRocket",
        "Reuters Pictures",
        "PA Images",
        "PA Wire",
        "Zuma Press",
        "ZUMA Press",
        "ZUMA Wire",
        "Corbis",
        "Eyevine",
        "Camera Press",
        "Magnum Photos",
        "Panos Pictures",
        "Wikimedia Commons",
        "Mirrorpix",
    }
)
_AGENCY_KEYS = frozenset(a.casefold() for a in _AGENCIES)


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation of literal names, longest first so the longest one wins."""
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


_AGENCY = rf"(?:{_alternation([*_AGENCIES, *(a.upper() for a in _AGENCIES)])})(?![{_LETTER}])"

# ---------------------------------------------------------------- photo credits

# A word of a credit. Capitals may not follow a small letter inside a word, so a credit
# glued to the caption's last word ("monthAMINATA") starts where the capitals do.
_CAP_WORD = (
    rf"(?:[{_UPPER}][{_UPPER}'’.\-]*(?![{_LOWER}])"
    rf"|[{_UPPER}][{_LOWER}'’.]*(?:-[{_LETTER}][{_LOWER}'’.]*)*)"
)
_PARTICLE = (
    r"(?:al|el|de|da|di|du|van|von|der|den|la|le|bin|ibn|abu|dos|das|del)"
    rf"(?:-[{_UPPER}][{_LOWER}]+)?"
)
_CREDIT_WORD = rf"(?:{_CAP_WORD}|{_PARTICLE}|via|for|of|and|&)"
_SEGMENT = rf"{_CAP_WORD}(?:\s{_CREDIT_WORD}){{0,5}}"
_AGENCY_SEGMENT = rf"(?:{_SEGMENT}\s)?{_AGENCY}(?:\s{_CREDIT_WORD}){{0,5}}"
# "NADIA HAMMOUDI/GETTY IMAGES", "REUTERS/Goran Tomasevic/File Photo", "AP Photo/Hussein Malla".
_SLASH_CREDIT = (
    rf"(?:(?:{_SEGMENT}\s?/\s?)+{_AGENCY_SEGMENT}(?:\s?/\s?{_SEGMENT})*"
    rf"|{_AGENCY_SEGMENT}(?:\s?/\s?{_SEGMENT})+)"
)
# "Photo: Reuters", "(Photo: Khaled Desouki/AFP)", "Photograph: X/AFP/Getty Images",
# "Photo by X/AFP via Getty Images", "Image copyright Getty Images", "© Reuters".
_LABEL = (
    r"(?:Photo(?:graph)?s?|PHOTO(?:GRAPH)?S?|Picture|PICTURE|Pic|Image|IMAGE|Credit|CREDIT"
    r"|Source|SOURCE|Supplied|SUPPLIED|(?:Photo|Image|Picture) credit)"
)
_BARE_LABEL = (
    r"(?:Image copyright|Image source|Copyright|COPYRIGHT|Courtesy(?: of)?|COURTESY(?: OF)?"
    r"|(?:Photo|Photograph|Image|Picture)s? courtesy(?: of)?"
    r"|(?:PHOTO|IMAGE|PICTURE)S? COURTESY(?: OF)?"
    r"|©|\([cC]\))"
)
_LABELLED_CREDIT = (
    rf"[(\[]?\s*(?:{_LABEL}\s*(?::|\sby)\s*|{_BARE_LABEL}:?\s*)"
    rf"(?P<value>[©{_UPPER}0-9][^!?;()\[\]]{{0,80}}?)\s*[)\]]?\.?"
)
# A credit at the very end of a paragraph, glued or after a space. It may not start right
# after a capital, or "BAGHDAD" would hold a credit "AGHDAD...".
_TRAILING_CREDIT = re.compile(
    rf"(?<![{_UPPER}])(?:(?P<labelled>{_LABELLED_CREDIT})"
    rf"|(?P<slash>[(\[]?{_SLASH_CREDIT}[)\]]?)"
    rf"|(?P<bare>[(\[]?{_AGENCY}[)\]]?))\s*$"
)
# "...on Monday. Adrian Wyld/The Canadian Press": after a sentence's end, a name and an
# outlet joined by "/" are a photo credit whoever the outlet is (the agency list above is
# needed only where no sentence ends before the credit).
_NAMED_CREDIT = re.compile(
    rf"[.!?][\"'”’]?\s+(?P<credit>{_SEGMENT}\s?/\s?{_SEGMENT}(?:\s?/\s?{_SEGMENT})*)\s*$"
)
# A sentence that gives its source ends with a comma or a reporting verb before the name.
_CITES_SOURCE = re.compile(
    r"(?:,|\b(?:said|says|told|tells|to|by|from|via|reported|reports|quoted|according to"
    r"|citing|cited))$",
    re.IGNORECASE,
)
# "Source: Agencies" names where a story came from, not who took a picture: the line above
# it is no caption.
_SOURCE_LABEL = re.compile(r"[(\[]?\s*source\s*:", re.IGNORECASE)
# "Image caption ...", "Image copyright Reuters Image caption ...", "Pictured: ...",
# "File photo: ...", "Header image: ...".
_CAPTION_LABEL = re.compile(
    r"(?:(?:Image|Photo) (?:copyright|source) .{1,80}?\s)?"
    r"(?:(?:Image|Media|Photo|Video) caption\b|Caption:|CAPTION:|Pictured:|PICTURED:"
    r"|(?:Header|Top|Main|Lead|Feature|Featured|Cover) (?:image|photo|picture):"
    r"|(?:File|FILE) (?:photo|PHOTO|picture|PICTURE):)"
)

# ---------------------------------------------------------------- bylines and wire credits

# A word of a personal name; connectives are excluded so "JANE DOE AND JOHN SMITH" splits.
_NAME_WORD = (
    rf"(?!(?i:and|in|for|at|with|from|on|by|the|of)(?![{_LETTER}]))"
    rf"[{_UPPER}][{_LETTER}'’.\-]*"
)
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{1,4}}"
_NAME_ITEM = rf"{_NAME}(?:\s+(?i:in)\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})?"
# Names joined by commas need a closing "and": "By A B, C D and E F". Without one, what
# follows a comma is a role or an outlet ("By Jane Doe, Middle East Correspondent").
_NAMES = (
    rf"(?P<names>{_NAME_ITEM}"
    rf"(?:(?:\s*,\s*{_NAME_ITEM})*\s*,?\s+(?i:and|&)\s+{_NAME_ITEM}|\s*&\s*{_NAME_ITEM})?)"
)
_NAME_SPLIT = re.compile(r"\s*,?\s+(?i:and)\s+|\s*,\s*|\s*&\s*")
_ROLE_WORDS = (
    r"correspondents?|reporters?|editors?|writers?|columnists?|contributors?|journalists?"
    r"|analysts?|staff|chief|bureau|producers?|photographers?|desk|team|special|senior"
)
_TAIL_WORD = (
    rf"(?:[{_UPPER}][\w'’.&\-]*|(?i:{_ROLE_WORDS})|(?i:and|of|the|in|for|at|on)|&|\d[\w:.,]*)"
)
_BYLINE = re.compile(
    rf"(?i:by|written by|words by|story by|reported by|text by|analysis by)\s+{_NAMES}"
    rf"(?P<tail>(?:\s*[,|•·–—\-:]\s*|\s+(?i:in|for|at|of)\s+)"
    rf"{_TAIL_WORD}(?:[\s,|•·–—\-:/]+{_TAIL_WORD}){{0,12}})?"
)
# "Jane Doe | Reuters": only with an outlet, a role or a date after the bar, because
# navigation rows ("Middle East | Africa") have the same shape.
_PIPE_BYLINE = re.compile(rf"{_NAMES}\s*[|•]\s*(?P<tail>[^|•]{{1,60}}(?:[|•][^|•]{{1,60}}){{0,3}})")
_ROLE = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.IGNORECASE)
_NOT_A_PERSON = re.compile(
    r"(?:staff|reporters?|correspondents?|desk|team|agencies|wires?|news service)$", re.I
)

_NAMEISH = (
    rf"(?:{_NAME_WORD}|{_PARTICLE})"
    rf"(?:[\s,]+(?:{_NAME_WORD}|{_PARTICLE}|(?i:and|in|at|from|with)(?![{_LETTER}])|&))*"
)
_STAFF_ROLE = (
    r"(?i:(?:additional|contributing|further|extra)\s+)?"
    r"(?i:reporting|editing|writing|compiled|compiling|research|translation|translated"
    r"|graphics|photography|production|produced|edited|video|illustrations?|design)"
)
_STAFF_SEGMENT = rf"{_STAFF_ROLE}\s+(?i:by)\s+{_NAMEISH}"
# Wire and agency credit lines, cut as "other": they name staff, not the story's authors.
_STAFF_CREDIT = re.compile(
    r"|".join(
        (
            rf"[(\[]?\s*(?:—|–|-{{1,2}})?\s*{_STAFF_SEGMENT}(?:\s*[;,.]\s*{_STAFF_SEGMENT})*"
            r"\s*[.;]?\s*[)\]]?\.?",
            r"(?i:contributing|additional reporting)\s*:\s*.{1,200}",
            rf"(?:—|–|-{{1,2}})?\s*(?i:with assistance from)\s+{_NAMEISH}\.?",
            r"(?i:to contact the (?:reporters?|editors?|authors?|writers?)"
            r" (?:on|of|responsible for) this (?:story|article))\s*:.{0,300}",
            r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+",
        )
    )
)

# ---------------------------------------------------------------- bios

_ABOUT_AUTHOR = re.compile(
    r"(?i:about the (?:authors?|writers?|contributors?))(?![\w])[\s:.\-–—]*(?P<rest>.*)"
)
_BIO_ROLE = re.compile(
    r"\b(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|author"
    r"|commentator|analyst|fellow|professor|lecturer|researcher|producer|photographer"
    r"|photojournalist|blogger|freelance|freelancer|bureau chief)s?\b|\w-based\b|\bcovers\b"
    r"|\bwrites (?:about|on|for)\b|\breports (?:on|from)\b",
    re.IGNORECASE,
)
_BIO_LEAD = r"[*_—–\-\s]*"
_BIO_LEAD_RE = re.compile(rf"^{_BIO_LEAD}")
# "Jane Doe is a correspondent for X based in Y."
_BIO_SENTENCE = re.compile(
    rf"{_BIO_LEAD}(?P<name>{_NAME}),?\s+(?:is|was|has been|writes|reports|covers|works)(?![\w])"
)
# "Helen MarshDakar-based West Africa correspondent": the name glued to the bio's first word.
_GLUE_WORD = rf"[{_UPPER}][{_LOWER}'’\-]+"
_BIO_GLUED = re.compile(
    rf"{_BIO_LEAD}(?P<name>{_GLUE_WORD}(?:\s{_GLUE_WORD}){{1,3}})(?=[{_UPPER}][{_LOWER}])"
)

# ---------------------------------------------------------------- shapes

# What follows the names on a byline line, and the labels before them.
_RULE_BYLINE_TAIL = re.compile(r"\s*[·|•(]\s*|\s+(?:on|at)\s+(?=\w+\s+\d)")
_RULE_BYLINE_LEAD = re.compile(
    r"^(?:by|(?:posted|written|published|words|story|text) by|author|reporter)\s*:?\s+", re.I
)

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# Invisible characters a scraper leaves behind: zero-width space, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# A sentence's own end (not a colon's): what a sign-off follows.
_FULL_STOP = re.compile(r"[.!?][\"'”’]?$")
# A field of a crawler's or a feed's record: a lower-case key and a colon.
_FIELD_LINE = re.compile(r"[a-z][a-z_-]{1,20}:\s")
# The same, with an empty value ("text:" over the record's body).
_RECORD_FIELD = re.compile(r"[a-z][a-z_-]{1,20}:(?:\s|$)")
# A bullet point: a bullet sign, or a dash or a number and a space, before the words.
_BULLET_POINT = re.compile(r"(?:[•·▪►▶◦‣*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*\w")
# A sentence's end inside a line: a small letter or a digit, a full stop, a space (not
# "U.S. envoy").
_INNER_SENTENCE_END = re.compile(r"[a-zß-ÿ0-9][.!?][\"'”’»)]*\s+\S")
# Words that open a sentence continuing the one before: never a caption's first word.
_PRONOUNS = frozenset(
    "it he she they we i you this that these those its his her their our there".split()
)
_QUOTE_MARK = re.compile(r"[\"“”«»]")
_BULLET = re.compile(r"^[•·▪►▶*>»|\-–—]+\s*")
_TRAILER = re.compile(r"[\s:|»›→>]+$")
_WORDS = re.compile(r"\w+")
_WORDS_ONLY = re.compile(r"(?<!\S)[^\W\d_]+(?=[\s,.:;!?]|$)")


@dataclass(slots=True)
class _Unit:
    """A line, later a paragraph, of the text; ``kind`` stays None while it counts as body."""

    text: str
    block: int
    kind: RemovedKind | None = None
    # A sign-off ("— AFP", "— NNN-BERNAMA", the byline's author): the story ends here.
    closes: bool = False


@dataclass(frozen=True, slots=True)
class _Chrome:
    """The compiled chrome vocabulary: every pattern, and those that head a list of links."""

    lines: re.Pattern[str]
    list_heads: re.Pattern[str]


def clean_text(
    raw: str, *, title: str | None = None, repeated: frozenset[str] = frozenset()
) -> CleanedText:
    """Cuts bylines, captions, credits, bios and page chrome from plain scraped text.

    Args:
        raw: the article as scraped, in plain text (any line endings).
        title: the article's headline, when known; a copy of it leading the text is cut.
        repeated: the keys (``read.boilerplate.line_key``) of the lines that other pages
            of the same site in the batch carry too (``read.boilerplate.repeated_lines``);
            those lines are the site's boilerplate and are cut as "chrome", but for lines
            that read as prose inside the story (see ``_mark_repeated``). Empty (the
            default): the page is read alone.

    Returns:
        The body, paragraphs separated by one blank line (``"\\n\\n"``), whitespace runs
        within lines collapsed and nothing else rewritten; what was cut, in text order,
        each with its kind; the authors named by bylines and bios, without duplicates;
        the dateline cut from the first paragraph, the first complete date printed on
        the page, and the number of stories when the page lists several (0 otherwise)
        with the text of each when all have teasers of two sentences or more.

    Notes:
        The chrome vocabulary and the page-noise rules are data:
        ``thucydides/data/chrome_lines.txt`` and ``data/rules/page-noise.tsv`` document
        their formats. Everything else is judged by shape (length, end punctuation,
        stop-word density, position, capitalised "/"-joined credit tails naming an
        agency), so the rules carry across sites.
    """
    units = _cut_prefixes(_split(raw))
    authors: list[str] = []
    _judge_lines(units, authors)
    if repeated:
        _mark_repeated(units, repeated)
    _mark_summaries(units)
    _mark_record_fields(units)
    units = _join_wrapped(units)
    # Joined lines are judged again as the paragraphs they now are, as cleaning this
    # function's output would judge them: that keeps clean_text idempotent.
    _judge_lines(units, authors)
    # A wire's sign-off goes before captions are judged: "...she said. — AFP" is a body
    # sentence and its source, not a caption and its credit.
    units = _cut_suffixes(units)
    units = _cut_author_signoffs(units, authors)
    # Read before lists of links are cut: a listing page's headlines look like such a list.
    listing = _listed_stories(units)
    stories = len(listing)
    units = _mark_captions(units)
    if not stories:
        # On a listing page the headlines under "Latest" are its stories, not links, and
        # the headlines under time stamps its stories, not a live page's entries.
        _mark_entries(units, authors)
        _mark_scene_captions(units)
        _mark_link_lists(units)
        _mark_teasers(units)
    if title:
        _mark_title(units, title)
    _mark_bios(units, authors)
    _mark_tail(units)
    _mark_addresses(units)
    if not stories:
        _mark_by_position(units)
        # The position rule may have cut what stood between a notice and the story's
        # edge ("Related Research" after a disclaimer): the notice now touches a cut.
        if _mark_addresses(units):
            _mark_by_position(units)
    _mark_echoes(units)
    _mark_islands(units)
    units, dateline = _cut_dateline(units)
    removed = tuple(Removed(u.kind, u.text) for u in units if u.kind is not None)
    return CleanedText(
        text="\n\n".join(u.text for u in units if u.kind is None),
        removed=removed,
        authors=tuple(authors),
        dateline=dateline,
        printed_date=_printed_date(units, dateline),
        stories=stories,
        listed=_splittable(listing),
    )


# ---------------------------------------------------------------- 1. split


def _split(raw: str) -> list[_Unit]:
    """Normalises ``raw`` into one unit per non-blank line, numbered by blank-line block."""
    units: list[_Unit] = []
    block = 0
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", raw))
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line:
            units.append(_Unit(line, block))
        elif units and units[-1].block == block:
            block += 1
    return units


# ---------------------------------------------------------------- 2. lines


def _judge_lines(units: list[_Unit], authors: list[str]) -> None:
    """Marks the lines that are noise on their own: chrome, bylines, credits, captions."""
    for i, unit in enumerate(units):
        if unit.kind is not None:
            continue
        text = unit.text
        if _is_chrome(text):
            unit.kind = "chrome"
        elif (names := _byline_names(text)) is not None:
            unit.kind = "byline"
            _add_authors(authors, names)
        elif text.casefold() == "by" and i + 1 < len(units) and units[i + 1].kind is None:
            # "By" on a line of its own, the names on the next.
            names = _byline_names(f"By {units[i + 1].text}")
            if names is not None:
                unit.kind = units[i + 1].kind = "byline"
                _add_authors(authors, names)
        elif _STAFF_CREDIT.fullmatch(text):
            unit.kind = "other"
        elif _CAPTION_LABEL.match(text):
            unit.kind = "caption"
        elif (kind := noise_rules().line_kind(text)) is not None:
            unit.kind = kind
            unit.closes = noise_rules().signoff_kind(text) is not None
            if kind == "byline":
                _add_authors(authors, _rule_byline_names(text))
        elif (split := _split_credit(text)) is not None and not split[0]:
            unit.kind = "credit"


def _is_chrome(text: str, *, list_head: bool = False) -> bool:
    """True when the whole line is page chrome by the data file (a list head if ``list_head``)."""
    core = _TRAILER.sub("", _BULLET.sub("", text)) or text
    patterns = _chrome().list_heads if list_head else _chrome().lines
    return patterns.fullmatch(core) is not None


@cache
def _chrome() -> _Chrome:
    """Loads and compiles ``data/chrome_lines.txt``, once per process."""
    source = resources.files("thucydides").joinpath(*_CHROME_FILE)
    every: list[str] = []
    heads: list[str] = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        is_head = pattern.startswith(_LIST_PREFIX)
        if is_head:
            pattern = pattern[len(_LIST_PREFIX) :].strip()
        try:
            re.compile(pattern)
        except re.error as err:
            raise ConfigError(
                f"{'/'.join(_CHROME_FILE)} line {number}: bad pattern {pattern!r} ({err}). "
                'Fix the regular expression, or comment the line out with "#".'
            ) from err
        every.append(pattern)
        if is_head:
            heads.append(pattern)
    return _Chrome(lines=_any_of(every), list_heads=_any_of(heads))


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` (``(?!)`` when there are none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.IGNORECASE)


def _byline_names(text: str) -> list[str] | None:
    """The names of a byline line ("By Jane Doe and John Smith, Reuters"); None if not one."""
    match = _BYLINE.fullmatch(text)
    if match is None:
        match = _PIPE_BYLINE.fullmatch(text)
        if match is None or not _names_an_outlet(match.group("tail")):
            return None
    names = []
    for item in _NAME_SPLIT.split(match.group("names")):
        name = re.split(r"\s+(?i:in)\s+", item)[0]
        if not _ROLE.search(name):
            names.append(name)
    return names


def _rule_byline_names(text: str) -> list[str]:
    """The names of a byline the page-noise rules found ("By Jane Doe · 3 days ago", "Posted
    by Jane Doe | March 1, 2024", "Author Jane Doe (with Reuters)", "Jane Doe in Cairo"):
    the part before its time stamp or source, read as a "By" byline; [] when it names none."""
    head = _RULE_BYLINE_TAIL.split(text, maxsplit=1)[0]
    head = _RULE_BYLINE_LEAD.sub("", head).strip()
    return (_byline_names(f"By {head}") or []) if head else []


def _names_an_outlet(tail: str) -> bool:
    """True when a byline's tail names an agency, a newsroom role, or a date."""
    words = tail.replace("|", " ").split()
    spans = (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    return (
        any(span.casefold() in _AGENCY_KEYS for span in spans)
        or _ROLE.search(tail) is not None
        or any(ch.isdigit() for ch in tail)
    )


def _add_authors(authors: list[str], names: Iterable[str]) -> None:
    """Appends the person names among ``names`` to ``authors``, once each."""
    seen = {a.casefold() for a in authors}
    for raw_name in names:
        name = _person_case(raw_name.strip(" ,;"))
        if (
            not name
            or name.casefold() in seen
            or name.casefold() in _AGENCY_KEYS
            or _NOT_A_PERSON.search(name)
        ):
            continue
        authors.append(name)
        seen.add(name.casefold())


def _person_case(name: str) -> str:
    """Writes a name given in capitals ("JANE O'NEILL") as a name ("Jane O'Neill")."""
    if not any(c.islower() for c in name):
        return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), name)
    return name


def _split_credit(text: str) -> tuple[str, str] | None:
    """Splits a trailing photo credit off ``text`` as ``(head, credit)``; None if none."""
    match = _TRAILING_CREDIT.search(text, max(0, len(text) - _CREDIT_REACH))
    if match is None:
        named = _NAMED_CREDIT.search(text, max(0, len(text) - _CREDIT_REACH))
        if named is None:
            return None
        return text[: named.start("credit")].rstrip(), named.group("credit")
    head, credit = text[: match.start()].rstrip(), match.group().strip()
    if match.group("labelled") is not None:
        value = match.group("value")
        # A label is followed by a name or two, never by prose.
        if len(value.split()) > 12 or re.search(r"\.\s+[a-z]", value):
            return None
    elif match.group("bare") is not None and head:
        bare = match.group("bare")
        glued = not text[match.start() - 1].isspace()
        if bare.startswith(("(", "[")) or _ENDS_SENTENCE.search(head):
            return None  # "...three were killed. (Reuters)" is a source tag on body text
        if _CITES_SOURCE.search(head):
            return None  # "...the ministry confirmed, AFP": the wire is the sentence's source
        if not glued and bare not in _PICTURE_AGENCIES and not (bare.isupper() and len(bare) > 2):
            return None
    return head, credit


# ---------------------------------------------------------------- 3. hard wraps


def _join_wrapped(units: list[_Unit]) -> list[_Unit]:
    """Joins consecutive body lines of one block that a hard wrap split."""
    joined: list[_Unit] = []
    run: list[_Unit] = []
    for unit in units:
        if unit.kind is None and run and run[-1].block == unit.block:
            run.append(unit)
            continue
        joined.extend(_join_run(run))
        run = []
        if unit.kind is None:
            run.append(unit)
        else:
            joined.append(unit)
    joined.extend(_join_run(run))
    return joined


def _join_run(run: list[_Unit]) -> list[_Unit]:
    """Joins the lines of one run of body lines where they continue each other."""
    if not run:
        return []
    wrapped = _is_hard_wrapped([u.text for u in run])
    out = [_Unit(run[0].text, run[0].block)]
    for unit in run[1:]:
        prev = out[-1].text
        if wrapped or _continues(prev, unit.text):
            # A word broken at a hyphen is one word again ("co-" + "operation").
            sep = "" if re.search(rf"[{_LETTER}]-$", prev) and unit.text[0].islower() else " "
            out[-1].text = prev + sep + unit.text
        else:
            out.append(_Unit(unit.text, unit.block))
    return out


def _continues(prev: str, nxt: str) -> bool:
    """True when ``nxt`` reads as the rest of ``prev``'s sentence, not a new paragraph; a
    field of a record ("url: https://...", "lang: en") starts its own line."""
    if _ENDS_SENTENCE.search(prev) or _FIELD_LINE.match(nxt):
        return False
    return nxt[0].islower() or prev[-1] in ",(-–—/&"


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when lines share one width and mostly end mid-sentence: text wrapped at a column.

    Web text comes one paragraph per line, of any length; wrapped text (wire copy, email)
    has every line but the last within a few characters of the column it was wrapped at.
    """
    if len(lines) < 3:
        return False
    body = lines[:-1]
    width = max(len(line) for line in body)
    if not 40 <= width <= 120 or len(lines[-1]) > width + 2:
        return False
    if any(len(line) < 0.75 * width for line in body):
        return False
    open_ends = sum(not _ENDS_SENTENCE.search(line) for line in body)
    return open_ends * 2 > len(body)


# ---------------------------------------------------------------- 4. paragraphs


def _mark_captions(units: list[_Unit]) -> list[_Unit]:
    """Marks paragraphs that end in a photo credit, and the caption line of each credit line."""
    out: list[_Unit] = []
    for unit in units:
        split = _split_credit(unit.text) if unit.kind is None else None
        if split is None:
            out.append(unit)
            continue
        head, credit = split
        if not head:
            unit.kind = "credit"
            out.append(unit)
        elif _word_count(head) <= _CAPTION_MAX_WORDS:
            unit.kind = "caption"
            out.append(unit)
        else:
            # Body with a credit glued on: only the credit goes.
            out.append(_Unit(head, unit.block))
            out.append(_Unit(credit, unit.block, "credit"))
    # Without a blank line anywhere, sharing a block says nothing of a line and a credit.
    blocks = len({u.block for u in out}) > 1
    for k, (prev, unit) in enumerate(zip(out, out[1:], strict=False)):
        if (
            unit.kind == "credit"
            and prev.kind is None
            and not _SOURCE_LABEL.match(unit.text)
            and _is_caption_line(prev, unit, blocks, out[k + 2 :])
        ):
            prev.kind = "caption"
        elif unit.kind == "caption" and prev.kind is None and _is_caption_copy(prev, unit):
            prev.kind = "caption"
    return out


def _is_caption_copy(line: _Unit, caption: _Unit) -> bool:
    """True when ``line`` is the caption that follows it without its credit: a picture's
    text printed twice, as its alternative text and as its caption ("Firefighters work
    near a field." above "Firefighters work near a field. Photograph: X/AFP")."""
    return (
        _word_count(line.text) >= _CAPTION_MIN_COPY_WORDS
        and caption.text.startswith(line.text)
        and len(caption.text) > len(line.text)
    )


def _is_caption_line(
    line: _Unit, credit: _Unit, blocks: bool = True, after: list[_Unit] | None = None
) -> bool:
    """True when ``line``, just before a credit line, reads as that picture's caption.

    A caption describes the picture in a sentence (several small words, so not a headline);
    one ending with a full stop counts only when no blank line parts it from its credit,
    which keeps a one-line body paragraph ("He denied it.") above a credit; on a page
    without blank lines (``blocks`` False) a full stop keeps the line, unless the story
    goes on below the credit (prose in ``after``, the units under it) and the line is a
    short sentence without a story's tense that does not open with a pronoun (a picture
    in mid-story: "Waves break over the sea wall at Salthill."). A portrait's caption is
    a name and a title alone.
    """
    words = line.text.split()
    if _is_name_line(words):
        return True  # "Estonian Foreign Minister Margus Tsahkna.": a portrait's caption
    if not 4 <= len(words) <= _CAPTION_LINE_MAX_WORDS:
        return False
    if sum(w[0].islower() for w in words) < 2:
        return False
    if (blocks and line.block == credit.block) or not _ENDS_SENTENCE.search(line.text):
        return True
    # Without a blank line to tell, a sentence over a credit is its caption when it is
    # short and has no tense of a story's ("Waves break over the sea wall at Salthill.");
    # "He denied it." over a picture's credit stays.
    return (
        not blocks
        and len(words) <= _TOP_CAPTION_MAX_WORDS
        and words[0].casefold() not in _PRONOUNS
        and not _QUOTE_MARK.search(line.text)
        and not has_tense(line.text)
        and any(u.kind is None and classify(u.text) == "prose" for u in after or ())
    )


def _mark_scene_captions(units: list[_Unit]) -> None:
    """Marks the captions in mid-story that no credit follows: a short sentence between
    two of the story's paragraphs that shows a picture's scene ("Police officers stand
    guard outside the collation centre in Accra on Sunday.").

    Without a credit, the scene says it: a verb of the word class DEPICT (stand, carry,
    arrive, inspect...) among its first words, in the simple present, with no story's tense
    anywhere (``paragraphs.has_tense``), no quotation and no pronoun opening it; and the
    story's prose on both sides. "Officials blame drought and mining runoff." (no scene
    verb), "It bars most men from leaving." (a pronoun) and "Police stood guard." (a past)
    stay.
    """
    kept = [i for i, u in enumerate(units) if u.kind is None]
    for before, i, after in zip(kept, kept[1:], kept[2:], strict=False):
        text = units[i].text
        words = text.split()
        if (
            _MIN_SCENE_WORDS <= len(words) <= _TOP_CAPTION_MAX_WORDS
            and _FULL_STOP.search(text)
            and sentence_count(text) == 1
            and words[0].casefold() not in _PRONOUNS
            and not _QUOTE_MARK.search(text)
            and not has_tense(text)
            and _shows_scene(words[:_SCENE_VERB_REACH])
            and classify(units[before].text) == "prose"
            and classify(units[after].text) == "prose"
            and classify(text) == "prose"
        ):
            units[i].kind = "caption"


def _shows_scene(words: list[str]) -> bool:
    """True when one of ``words`` after the first is a verb of a caption's scene (word
    class DEPICT), as written or with its present's -s, -es or -ies, right after a word of
    its subject: a stop word before it makes it a noun ("Protesters follow the march")."""
    depict = WordClasses.default()["DEPICT"]
    for prev, word in zip(words, words[1:], strict=False):
        w = word.casefold().strip(",;:")
        forms = {w, w.removesuffix("s"), w.removesuffix("es")}
        if w.endswith("ies"):
            forms.add(w[:-3] + "y")
        if forms & depict and not is_stop_word(prev.strip(",;:")):
            return True
    return False


def _is_name_line(words: list[str]) -> bool:
    """True when a line is only a name and a title, every word capitalised: no sentence
    of the story, which says something of the person."""
    return 2 <= len(words) <= _NAME_LINE_MAX_WORDS and all(w[0].isupper() for w in words)


def _mark_entries(units: list[_Unit], authors: list[str]) -> None:
    """Cuts the titles and the authors' names of a live page's entries.

    A live page stamps each entry with its time ("2 hours ago", "10:42 GMT", cut as
    furniture): the headline straight under a stamp, with the entry's prose under it, is
    the entry's title ("Aid convoy reaches El Fasher"), and a name alone on the line
    straight above a stamp signs the entry before it ("Hannah Okoye"). Only on a page
    with at least ``_ENTRY_MIN`` such titled entries: a story's subhead under one
    "Updated 10:42" line stays.
    """
    stamps = [
        i
        for i, u in enumerate(units[:-2])
        if u.kind is not None and _is_stamp(u.text) and _opens_entry(units, i)
    ]
    if len(stamps) < _ENTRY_MIN:
        return
    for i in stamps:
        units[i + 1].kind = "other"
    for i, unit in enumerate(units[1:], start=1):
        above = units[i - 1]
        if (
            unit.kind is not None
            and _is_stamp(unit.text)
            and above.kind is None
            and _is_name_line(above.text.split())
            and not _ENDS_SENTENCE.search(above.text)
            and classify(above.text) != "prose"
        ):
            above.kind = "byline"
            _add_authors(authors, [above.text])


def _is_stamp(text: str) -> bool:
    """True when a line reads as a time stamp: short, with a digit, ending no sentence."""
    return (
        _word_count(text) <= _STAMP_MAX_WORDS
        and any(c.isdigit() for c in text)
        and not _FULL_STOP.search(text)
    )


def _opens_entry(units: list[_Unit], i: int) -> bool:
    """True when the stamp ``units[i]`` has a headline under it and prose under that."""
    title, first = units[i + 1], units[i + 2]
    return (
        title.kind is None
        and first.kind is None
        and classify(title.text) == "headline"
        and not _ENDS_SENTENCE.search(title.text)
        and classify(first.text) == "prose"
    )


def _mark_link_lists(units: list[_Unit]) -> None:
    """Marks the link-like lines that follow a list head ("Related Articles") as chrome."""
    in_list = False
    for unit in units:
        if unit.kind == "chrome":
            in_list = in_list or _is_chrome(unit.text, list_head=True)
        elif unit.kind is None:
            if in_list and _is_link_like(unit.text):
                unit.kind = "chrome"
            else:
                in_list = False


def _is_link_like(text: str) -> bool:
    """True when a line reads as a link's title: short, without sentence punctuation, and
    no sentence ends inside it (a sentence with a sign-off, "...an estimate. — Jiji Press",
    ends in a name, not a full stop)."""
    return (
        _word_count(text) <= _LINK_MAX_WORDS
        and not _ENDS_SENTENCE.search(text)
        and not _INNER_SENTENCE_END.search(text)
    )


def _mark_title(units: list[_Unit], title: str) -> None:
    """Marks copies of the headline that lead the body as "other" (it is kept as metadata)."""
    key = _fold(title)
    if not key:
        return
    for unit in units:
        if unit.kind is not None:
            continue
        if _fold(unit.text) != key:
            return
        unit.kind = "other"


def _mark_bios(units: list[_Unit], authors: list[str]) -> None:
    """Marks "About the author" paragraphs, and the trailing paragraphs that are bios."""
    for i, unit in enumerate(units):
        if unit.kind is not None or (about := _ABOUT_AUTHOR.fullmatch(unit.text)) is None:
            continue
        unit.kind = "bio"
        bio = about.group("rest")
        if not bio:
            # A bare heading: the bio is the next paragraph.
            target = next((u for u in units[i + 1 :] if u.kind is None), None)
            if target is None or _word_count(target.text) > _BIO_MAX_WORDS:
                continue
            target.kind = "bio"
            bio = target.text
        _add_authors(authors, [_bio_name(bio, authors, about=True) or ""])
    # A note on the byline's author next to a cut ("Jane Doe is a member of the teachers'
    # union." under "Disclosure statement"): the story is not about its writer.
    for i, unit in enumerate(units):
        if unit.kind is None and _touches_cut(units, i) and _opens_with_author(unit.text, authors):
            unit.kind = "bio"
    # Bios close an article: walk back from the end over what is already cut, and over
    # the furniture that is not prose ("Share Save", "Join the conversation (42)"), which
    # the position rule cuts once the bio is gone.
    for unit in reversed(units):
        if unit.kind is not None or classify(unit.text) != "prose":
            continue
        name = _bio_name(unit.text, authors)
        if name is None:
            return
        unit.kind = "bio"
        _add_authors(authors, [name] if name else [])


def _opens_with_author(text: str, authors: list[str]) -> bool:
    """True when a short paragraph opens with the full name (two words or more) of one of
    the page's byline ``authors`` and a small word after it, as a note on the writer does
    ("Jane Doe receives funding from...", "Jane Doe is a member of...")."""
    if _word_count(text) > _BIO_MAX_WORDS:
        return False
    for author in authors:
        rest = text[len(author) :]
        if " " in author and text.startswith(author) and rest[:1] == " " and rest[1:2].islower():
            return True
    return False


def _bio_name(text: str, authors: list[str], *, about: bool = False) -> str | None:
    """The name a bio paragraph is about ("" if it names none); None if it is no bio.

    A paragraph is a bio when it opens with a byline's author ("Helen MarshDakar-based...",
    "Jane Doe is..."), or with a name followed by "is/was..." or glued to the next word,
    and speaks of a writer's trade ("correspondent", "Dakar-based", "covers"). Under an
    "About the author" heading (``about``) the trade need not be named.
    """
    if _word_count(text) > _BIO_MAX_WORDS:
        return None
    lead = _BIO_LEAD_RE.sub("", text)
    for author in authors:
        rest = lead[len(author) :]
        if lead.casefold().startswith(author.casefold()) and (
            not rest or not rest[0].isalnum() or rest[0].isupper()
        ):
            return author
    match = _BIO_SENTENCE.match(text) or _BIO_GLUED.match(text)
    if match is not None and (about or _BIO_ROLE.search(text[match.end() :])):
        return match.group("name")
    return "" if about else None


# ---------------------------------------------------------------- shared measures


def _word_count(text: str) -> int:
    """The number of whitespace-separated words in ``text``."""
    return len(text.split())


def _fold(text: str) -> str:
    """``text`` reduced to its words, case-folded, for comparing headlines."""
    return " ".join(_WORDS.findall(text.casefold()))


# ---------------------------------------------------------------- 5. the page around the story


def _cut_prefixes(units: list[_Unit]) -> list[_Unit]:
    """Splits noise glued to the start of a line ("A+ A-The minister...") into its own unit."""
    out: list[_Unit] = []
    for unit in units:
        if noise_rules().whole_line_kind(unit.text) is not None:
            # A line a whole-line row takes ("date 2026-12-05 Jane Doe") goes whole,
            # not as a prefix and a remainder.
            out.append(unit)
            continue
        while (split := noise_rules().split_prefix(unit.text)) is not None:
            kind, prefix, rest = split
            out.append(_Unit(prefix, unit.block, kind))
            unit = _Unit(rest, unit.block)
        out.append(unit)
    return out


def _mark_tail(units: list[_Unit]) -> None:
    """Cuts the page's tail: from a line that opens one (a comment section, an ad block, a
    press release's boilerplate), once the story has begun, to the end."""
    seen_prose = False
    for i, unit in enumerate(units):
        if seen_prose and unit.kind in (None, "chrome"):
            kind = noise_rules().tail_kind(unit.text)
            if kind is not None and not _story_goes_on(units[i + 1 :]):
                for rest in units[i:]:
                    rest.kind = rest.kind or (kind if rest is unit else "chrome")
                return
        if unit.kind is None and classify(unit.text) == "prose":
            seen_prose = True


def _story_goes_on(units: list[_Unit]) -> bool:
    """True when two long prose paragraphs follow: what looked like a tail's head ("About
    Wagner" as a subhead) is inside the story, and nothing is cut."""
    long_prose = (
        u
        for u in units
        if u.kind is None
        and _word_count(u.text) >= _STORY_PARAGRAPH_WORDS
        and classify(u.text) == "prose"
    )
    return next(long_prose, None) is not None and next(long_prose, None) is not None


def _listed_stories(units: list[_Unit]) -> list[list[str]]:
    """The stories a listing page holds, each its headline and teaser ([] for an
    article): ``story_blocks`` over the lines still counted as body."""
    texts = [u.text for u in units if u.kind is None]
    return [[texts[i] for i in block] for block in story_blocks(texts)]


def _splittable(listing: list[list[str]]) -> tuple[str, ...]:
    """The text of each listed story (headline, blank line, teaser) when every one has a
    teaser of at least ``_SPLIT_MIN_SENTENCES`` sentences: stories of their own, each
    coded as an article; else none (bare headlines, one-line teasers: too little to code,
    and the page is refused)."""
    if not listing or any(
        len(story) < 2 or sentence_count(story[-1]) < _SPLIT_MIN_SENTENCES for story in listing
    ):
        return ()
    return tuple("\n\n".join(story) for story in listing)


def _mark_by_position(units: list[_Unit]) -> None:
    """Cuts the furniture before the first prose paragraph and what is not prose after the
    last one: section names, names of reporters and outlets, related headlines."""
    body = [i for i, u in enumerate(units) if u.kind is None]
    classes = {i: classify(units[i].text) for i in body}
    prose = [i for i in body if classes[i] == "prose"]
    if not prose:
        return
    # A title with a comma or a semicolon reads as prose, but ends no sentence: above the
    # first paragraph that does, it is one of the headlines.
    ends = _without_slogans(units, [i for i in prose if _ENDS_SENTENCE.search(units[i].text)])
    while len(ends) > 1 and _is_top_caption(units, ends[0]):
        units[ends[0]].kind = "caption"
        prose.remove(ends.pop(0))
    if ends:
        start = _story_start(units, ends)
        for i in prose:
            if i < start:
                # A caption above the story is no title candidate.
                ended = _ENDS_SENTENCE.search(units[i].text)
                classes[i] = "furniture" if ended else "headline"
        prose = [i for i in prose if i >= start]
    # Of the headlines above the story, the longest is its title; the others are kickers,
    # section names, video titles.
    leading = [i for i in body if i < prose[0] and classes[i] == "headline"]
    title = max(leading, key=lambda i: len(_WORDS_ONLY.findall(units[i].text)), default=None)
    for i in body:
        if (i < prose[0] and i != title) or i > prose[-1]:
            units[i].kind = units[i].kind or "chrome"


def _is_top_caption(units: list[_Unit], i: int) -> bool:
    """True when the sentence that would open the story is a picture's caption: short,
    under a headline, and straight above a photo credit already cut, with no blank line
    between them ("Interior Minister X at a press conference in Warsaw." over "Photo:
    PAP/Y"); a source line ("Source: PAP") is no photo credit. A blank line between the
    sentence and the credit leaves it to the story ("He denied it." over a picture's
    credit)."""
    if _word_count(units[i].text) > _TOP_CAPTION_MAX_WORDS or i + 1 >= len(units):
        return False
    below = units[i + 1]
    return (
        below.kind == "credit"
        and below.block == units[i].block
        and not _SOURCE_LABEL.match(below.text)
        and any(classify(u.text) == "headline" for u in units[:i])
    )


def _without_slogans(units: list[_Unit], ends: list[int]) -> list[int]:
    """``ends`` (the prose paragraphs that end a sentence) without the short ones that
    lead them above any headline (kept or cut) and are not followed by prose: an app's
    slogan over the title ("Over 100 premium titles." above "One app."). A short lede
    under its title, or with the story after it, stays, as does the last paragraph of a
    page that has nothing longer."""
    ended = set(ends)
    for n, i in enumerate(ends[:-1]):
        if _word_count(units[i].text) >= _LEDE_MIN_WORDS or any(
            classify(u.text) == "headline" for u in units[:i]
        ):
            return ends[n:]
        after = next((j for j in range(i + 1, len(units)) if units[j].kind is None), None)
        if after in ended:
            return ends[n:]
    return ends[-1:] if ends else ends


def _story_start(units: list[_Unit], ends: list[int]) -> int:
    """The index of the story's first paragraph, of the prose paragraphs that end a sentence
    (``ends``): the first, unless one of the next few opens with a dateline and the ones
    before it are short (a photo's caption, a video's title) and page furniture already cut
    (a credit, a byline, a time stamp) parts them from it: a dateline opens the story.
    """
    for n, i in enumerate(ends[: _DATELINE_LOOKAHEAD + 1]):
        if split_dateline(units[i].text) is not None:
            before = ends[:n]
            if not before:
                return i
            parted = any(u.kind is not None for u in units[before[-1] + 1 : i])
            short = all(_word_count(units[j].text) <= _CAPTION_LINE_MAX_WORDS for j in before)
            if parted and short:
                return i
            break
    return ends[0]


def _mark_summaries(units: list[_Unit]) -> None:
    """Cuts a block of summary bullets: a line that heads one (the page-noise rules'
    "summary" rows: "Key points:", "In Summary", "Highlights") and the bullet points right
    under it, which restate the story above or beside it. Nothing is cut when the
    bullets are all the prose the page has (a page that is only a summary keeps it)."""
    for i, unit in enumerate(units):
        if unit.kind not in (None, "chrome"):
            continue
        kind = noise_rules().summary_kind(unit.text)
        if kind is None:
            continue
        block = []
        for below in units[i + 1 : i + 1 + _SUMMARY_MAX_BULLETS]:
            if (
                below.kind is not None
                or not _BULLET_POINT.match(below.text)
                or _word_count(below.text) > _SUMMARY_MAX_WORDS
            ):
                break
            block.append(below)
        inside = {id(u) for u in block}
        rest = (u for u in units if u.kind is None and id(u) not in inside and u is not unit)
        if not block or not any(classify(u.text) == "prose" for u in rest):
            continue
        unit.kind = unit.kind or kind
        for below in block:
            below.kind = kind


def _mark_record_fields(units: list[_Unit]) -> None:
    """Cuts the fields of a crawl record: runs of lines that each open with a lower-case
    key and a colon ("title: ...", "url: ...", "text:"), at least ``_RECORD_MIN_FIELDS``
    long; the page's own lines never look like that twice in a row. The record's title
    field is a copy of the headline a crawler stored, not the page's."""
    run: list[_Unit] = []
    for unit in [*units, None]:
        if unit is not None and _RECORD_FIELD.match(unit.text):
            run.append(unit)
            continue
        if len(run) >= _RECORD_MIN_FIELDS:
            for field in run:
                field.kind = field.kind or "other"
        run = []


def _mark_repeated(units: list[_Unit], repeated: frozenset[str]) -> None:
    """Cuts the lines the site's other pages in the batch carry too (``repeated`` keys).

    A repeated line that is not prose (a button, a section name, "Comments (14)") is cut
    wherever it stands. A repeated line that reads as prose is cut only when a repeated
    line stands next to it (the site's notices come in runs: "Sign up", "Thank you for
    subscribing!", "We have more newsletters"), and only on a page that keeps at least
    ``_OWN_PROSE_MIN`` prose lines of its own, holding more words than its repeated prose
    lines: a background sentence a site repeats from story to story stands alone among
    the story's own, and a page whose prose is mostly repeated is a second copy of a
    story, whose body it is.
    """
    hits = [line_key(u.text) in repeated for u in units]
    prose = [u.kind is None and classify(u.text) == "prose" for u in units]
    own = [_word_count(u.text) for u, p, h in zip(units, prose, hits, strict=True) if p and not h]
    copied = sum(_word_count(u.text) for u, p, h in zip(units, prose, hits, strict=True) if p and h)
    prose_cut = len(own) >= _OWN_PROSE_MIN and sum(own) > copied
    for i, unit in enumerate(units):
        if unit.kind is not None or not hits[i]:
            continue
        if not prose[i]:
            unit.kind = "chrome"
        elif prose_cut and ((i > 0 and hits[i - 1]) or (i + 1 < len(units) and hits[i + 1])):
            unit.kind = "chrome"


def _mark_addresses(units: list[_Unit]) -> bool:
    """Cuts the lines that speak to the reader or of the page (the page-noise rules'
    "address" rows: "If you see a spelling error on our site...", "All rights reserved.
    This material...", "Comments are closed on this story.") where they stand next to a
    cut, or before or after everything that is left: the page's notices come in runs at
    the edges of the story or between its furniture, and a sentence of the story that
    says "you" stands among the story's own paragraphs. Repeated until nothing changes, so
    a run of notices goes from the cut it touches inwards. A button or two between a
    notice and the cut ("Show me") does not part them. True when it cut anything."""
    flags = [u.kind is None and noise_rules().address_kind(u.text) is not None for u in units]
    changed, cut_any = True, False
    while changed:
        changed = False
        kept = [i for i, u in enumerate(units) if u.kind is None]
        prose = {i for i in kept if classify(units[i].text) == "prose"}
        for i in kept:
            if not flags[i] or units[i].kind is not None or not prose - {i}:
                continue  # the last prose left is the story, whatever it says
            if i in (kept[0], kept[-1]) or _touches_cut(units, i):
                prose.discard(i)
                units[i].kind = noise_rules().address_kind(units[i].text)
                changed = cut_any = True
    return cut_any


def _touches_cut(units: list[_Unit], i: int) -> bool:
    """True when the nearest unit on either side of ``units[i]``, passing over short
    furniture ("Show me", "Yes No"), is cut."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(units) and units[j].kind is None and _is_button(units[j].text):
            j += step
        if 0 <= j < len(units) and units[j].kind is not None:
            return True
    return False


def _is_button(text: str) -> bool:
    """True when a line is a button's or a label's few words, not a sentence."""
    return _word_count(text) <= _BUTTON_MAX_WORDS and classify(text) != "prose"


def _mark_echoes(units: list[_Unit]) -> None:
    """Cuts the copies of a line of furniture cut elsewhere on the page: a print page's
    running head repeated where the story jumps to another page, a share bar above and
    below the story. Only furniture echoes (``_echoes``): a sentence cut as a caption may
    also be a sentence of the story, and a copy of the title cut where it leads the text
    is a subhead further down."""
    cut = {line_key(u.text) for u in units if u.kind in _ECHOING and _echoes(u.text)}
    for unit in units:
        if unit.kind is None and line_key(unit.text) in cut and _echoes(unit.text):
            unit.kind = "chrome"


def _echoes(text: str) -> bool:
    """True when a line may echo: short furniture, or a line without a small letter (a
    running head); a headline in words ("The government condemned an attack on Thursday")
    may be a sentence that lost its full stop."""
    return _word_count(text) <= LINE_MAX_WORDS and (
        classify(text) == "furniture" or not any(c.islower() for c in text)
    )


def _mark_islands(units: list[_Unit]) -> None:
    """Cuts a line of furniture (no sentence, no headline: "Correspondent", "SUBMARINES")
    or a button's few words ("Show me") that stands between two cuts: jusText's context
    rule, by which a short block takes the class of the bad blocks on both sides of it
    (Pomikálek 2011, ch. 4). Judged on the page as it was before this pass, so islands do
    not spread."""
    cut = [u.kind is not None for u in units]
    for i in range(1, len(units) - 1):
        unit = units[i]
        if (
            unit.kind is None
            and cut[i - 1]
            and cut[i + 1]
            and (classify(unit.text) == "furniture" or _is_button(unit.text))
        ):
            unit.kind = "chrome"


def _cut_dateline(units: list[_Unit]) -> tuple[list[_Unit], Dateline | None]:
    """Cuts the dateline off the first prose paragraph that ends a sentence, as its own unit.

    Lines above it are passed over: a headline ("Quake in eastern Turkey kills at least 9",
    "(LEAD) N. Korea fires missile"), a label ("In this article:").
    """
    for i, unit in enumerate(units):
        if (
            unit.kind is not None
            or classify(unit.text) != "prose"
            or not _ENDS_SENTENCE.search(unit.text)
        ):
            continue
        split = split_dateline(unit.text)
        if split is None:
            return units, None
        found, rest = split
        dateline = Dateline(
            text=found.text,
            place=found.place,
            date=found.date,
            resolved=resolve_date(found.date),
            agency=found.agency,
        )
        head = _Unit(found.text, unit.block, "dateline")
        return [*units[:i], head, _Unit(rest, unit.block), *units[i + 1 :]], dateline
    return units, None


def _cut_suffixes(units: list[_Unit]) -> list[_Unit]:
    """Splits a wire's sign-off (" — AFP") from the end of a body paragraph."""
    out: list[_Unit] = []
    for unit in units:
        split = noise_rules().split_suffix(unit.text) if unit.kind is None else None
        if split is None:
            out.append(unit)
            continue
        kind, head, suffix = split
        out.append(_Unit(head, unit.block))
        out.append(_Unit(suffix, unit.block, kind, closes=True))
    return out


def _cut_author_signoffs(units: list[_Unit], authors: list[str]) -> list[_Unit]:
    """Splits the byline's author signing the story off ("...was still likely. — Carla M.
    Dizon") from the end of a body paragraph: a name after a dash closes a sentence as a
    reporter's sign-off only when the page's byline names that person, so an epigraph's
    attribution ('"We will win." — President Zelensky') stays."""
    if not authors:
        return units
    names = "|".join(re.escape(a) for a in sorted(authors, key=len, reverse=True))
    signoff = re.compile(rf"\s*[—–]{{1,2}}\s*(?:{names})\.?$", re.IGNORECASE)
    out: list[_Unit] = []
    for unit in units:
        match = signoff.search(unit.text) if unit.kind is None else None
        if match is None or not _FULL_STOP.search(unit.text[: match.start()]):
            out.append(unit)
            continue
        out.append(_Unit(unit.text[: match.start()].rstrip(), unit.block))
        out.append(_Unit(match.group().strip(), unit.block, "other", closes=True))
    return out


def _mark_teasers(units: list[_Unit]) -> None:
    """Cuts what follows the story's sign-off and opens with a dateline of its own: the
    teaser of another story ("— NNN-BERNAMA" over "KOTA KINABALU, — The state government
    will build..."). A story that goes on after a sign-off is no story of this page's."""
    closed = seen_prose = False
    for unit in units:
        if unit.kind is not None:
            closed = closed or (unit.closes and seen_prose)
        elif closed and split_dateline(unit.text) is not None:
            unit.kind = "chrome"
        elif classify(unit.text) == "prose":
            seen_prose = True


_PRINTED_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4})"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s[A-Z][a-z]{2,8}\.?,?\s\d{4})"
)


def _printed_date(units: list[_Unit], dateline: Dateline | None) -> tuple[str, str] | None:
    """The first complete date printed above the story (in a line cut there), else the
    dateline's. Dates further down (a comment's, a related story's) are not the story's."""
    for unit in units:
        if unit.kind is None:
            if classify(unit.text) == "prose" and _ENDS_SENTENCE.search(unit.text):
                break  # the story has begun
            continue
        if unit.kind == "dateline":
            continue
        for match in _PRINTED_DATE.finditer(unit.text):
            iso = resolve_date(match.group())
            if iso is not None:
                return iso, unit.text
    if dateline is not None and dateline.resolved is not None:
        return dateline.resolved, dateline.text
    return None
