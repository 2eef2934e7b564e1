"""The resolver's state for one article: the parse's index, the mentions found so far,
the clusters they form, and the look-ups the passes fill in.

``new_state`` builds it from a ``ParsedText``; every pass of ``resolve_actors`` is a
function that takes it as its first argument (``st``) and reads or extends it. A fresh
state per article keeps ``resolve_actors`` a pure function.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...knowledge.actors import KnowledgeBase, KnownActor, Role
from ...parse.index import DocIndex
from ...records import ParsedText, Place, Token
from .wordsets import LOCAL_FEATURES


@dataclass(eq=False, slots=True)
class Mention:
    """One mention of an actor: a name, a description, a pronoun or a relative pronoun."""

    first: int  # first token
    last: int  # last token (inclusive)
    head: int  # syntactic head token
    kind: str  # name | nominal | pronoun | relative
    etype: str  # person | organization | state | group | other
    start: int = 0
    end: int = 0
    plural: bool = False
    definite: bool = False
    role: Role | None = None
    role_words: frozenset[str] = frozenset()  # "general", "brigadier-general", ...
    titles: list[Role] = field(default_factory=list)  # roles written before a name
    countries: list[str] = field(default_factory=list)  # explicit country evidence
    places: list[str] = field(default_factory=list)  # countries of "in X" complements
    #: countries of toponyms in the phrase ("Darfur rebels", "militants in Kirkuk")
    hints: list[str] = field(default_factory=list)
    #: an ally, rival or counterpart of its principal: not of the principal's country
    other_side: bool = False
    bloc: str | None = None  # IGO/NGO prefix from a modifier ("UN envoy")
    principal: int | None = None  # token of the mention this one belongs to
    link: int | None = None  # token of a mention this one is the same actor as
    absorb: bool = False  # link means "is the named group itself" ("Houthi rebels")
    known: KnownActor | None = None
    state: str | None = None  # the country a state mention names
    name: str = ""
    gender: str | None = None
    cluster: Cluster | None = None
    extra: list[Cluster] = field(default_factory=list)  # other members of a compound
    done: bool = False


@dataclass(eq=False, slots=True)
class Cluster:
    """The mentions of one actor, with what they tell about it; merged clusters point to
    the one they joined (``parent``)."""

    n: int
    etype: str
    mentions: list[Mention] = field(default_factory=list)
    known: KnownActor | None = None
    state: str | None = None
    names: list[str] = field(default_factory=list)
    roles: list[tuple[int, Role]] = field(default_factory=list)  # (priority, role)
    role_words: set[str] = field(default_factory=set)
    principal: Cluster | None = None
    gender: str | None = None
    parent: Cluster | None = None
    label: str = ""  # name for unnamed clusters
    head_lemma: str = ""
    country: str | None = None
    fixed_country: str | None = None  # a compound member's own country
    country_from_text: bool = False
    #: the country came from toponyms alone: not evidence for other actors' countries
    country_from_place: bool = False
    #: its country is only its principal's ("the son of X"): no vote of its own for the paragraph
    country_from_principal: bool = False
    bloc: str | None = None
    sector: str | None = None
    agent: str | None = None
    resolved: bool = False

    def root(self) -> Cluster:
        c = self
        while c.parent is not None:
            c = c.parent
        return c

    @property
    def last_start(self) -> int:
        return max(m.start for m in self.mentions)


@dataclass(eq=False, slots=True)
class ResolverState:
    """One article's resolution: the parse, its index, and the passes' working records.

    ``children``, ``sent_of``, ``depth``, ``left`` and ``right`` are the index's own lists
    (``parse.index.DocIndex``) under the names the passes read, not copies.
    """

    parsed: ParsedText
    kb: KnowledgeBase
    date: str | None
    text: str
    toks: tuple[Token, ...]
    index: DocIndex  # the article's one index: offsets, sentences, paragraphs, the tree
    children: list[list[int]]  # token -> its dependents, in text order
    sent_of: list[int]  # token -> sentence
    depth: list[int]  # token -> depth in its tree (roots are 0)
    left: list[int]  # token -> first token of its subtree
    right: list[int]  # token -> last token of its subtree
    para_of_sent: list[int]  # sentence -> paragraph (``DocIndex.paragraph_at`` its start)
    #: token -> country of a toponym inside it (a city, division or region)
    place_tok: dict[int, str]
    place_firsts: list[tuple[int, str]]  # (first token, country) per toponym
    country_tok: dict[int, str] = field(default_factory=dict)  # token -> country it names
    country_spans: list[tuple[int, int, str, str]] = field(default_factory=list)
    bloc_tok: dict[int, str] = field(default_factory=dict)
    person_tok: dict[int, int] = field(default_factory=dict)  # token -> PERSON entity head
    person_known: dict[tuple[int, int], KnownActor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    at_head: dict[int, Mention] = field(default_factory=dict)
    clusters: list[Cluster] = field(default_factory=list)
    states: dict[str, Cluster] = field(default_factory=dict)
    knowns: dict[int, Cluster] = field(default_factory=dict)
    surnames: dict[str, list[Cluster]] = field(default_factory=dict)
    #: people by the first word of a name of two words or more ("Kim" of "Kim Jong Un")
    first_words: dict[str, list[Cluster]] = field(default_factory=dict)
    org_names: dict[str, Cluster] = field(default_factory=dict)
    group_keys: dict[tuple, Cluster] = field(default_factory=dict)
    processed: list[Mention] = field(default_factory=list)
    speakers: list[tuple[int, int, Cluster]] = field(default_factory=list)  # (sent, start, c)


def new_state(
    parsed: ParsedText,
    kb: KnowledgeBase,
    date: str | None,
    places: Sequence[Place] = (),
    index: DocIndex | None = None,
) -> ResolverState:
    """The state of one article before any pass: the parse's index, empty records.

    Args:
        parsed: the article's parse.
        kb: the knowledge base.
        date: the article's date (ISO) or None.
        places: the article's resolved toponyms (cities, divisions and regions give
            ``place_tok``).
        index: the parse's index; built when None.

    Returns:
        A fresh ``ResolverState``.
    """
    index = index or DocIndex(parsed)
    toks = parsed.tokens
    place_tok: dict[int, str] = {}
    place_firsts: list[tuple[int, str]] = []
    for place in places:
        if place.country is None or place.feature not in LOCAL_FEATURES:
            continue
        for pm in place.mentions:
            tokens = index.starting_in(pm.start, pm.end)
            if not tokens or follows_name(toks, tokens[0]):
                continue  # "Kenzo Oshima": a surname, whatever the tagger said
            place_firsts.append((tokens[0], place.country))
            for k in tokens:
                place_tok[k] = place.country
    return ResolverState(
        parsed=parsed,
        kb=kb,
        date=date,
        text=parsed.text,
        toks=toks,
        index=index,
        children=index.children,
        sent_of=index.sentence,
        depth=index.depth,
        left=index.left,
        right=index.right,
        para_of_sent=[index.paragraph_at(s.start) for s in parsed.sentences],
        place_tok=place_tok,
        place_firsts=place_firsts,
    )


def follows_name(toks: Sequence[Token], k: int) -> bool:
    """Token ``k`` follows a person's name or a capitalised word that modifies it, as a
    surname follows a first name."""
    if k == 0:
        return False
    prev = toks[k - 1]
    return prev.ent_type == "PERSON" or (
        prev.tag == "NNP" and prev.dep == "compound" and prev.head >= k and not prev.ent_type
    )


def add_mention(st: ResolverState, m: Mention) -> Mention:
    """Records a mention, with its character offsets (without the line breaks a
    description's last word may carry into the next paragraph)."""
    while m.last > m.first and m.last != m.head and st.toks[m.last].pos == "SPACE":
        m.last -= 1
    m.start = st.toks[m.first].start
    m.end = st.toks[m.last].end
    st.mentions.append(m)
    st.at_head[m.head] = m
    return m


def mention_at(st: ResolverState, tok: int) -> Mention | None:
    """The innermost mention holding token ``tok``."""
    m = st.at_head.get(tok)
    if m is not None:
        return m
    best = None
    for cand in st.mentions:
        if cand.first <= tok <= cand.last and (
            best is None or cand.last - cand.first < best.last - best.first
        ):
            best = cand
    return best


def root_clusters(st: ResolverState) -> list[Cluster]:
    """The clusters that were merged into no other and hold mentions."""
    return [c for c in st.clusters if c.parent is None and c.mentions]
