"""Actors: who is who in one article, with a country and a sector for each.

``resolve_actors`` turns a ``ParsedText`` into one ``Actor`` per real-world entity, with
every mention's exact span: names ("General Khalifa Hiftar", "Hiftar"), titles and
descriptions ("the general", "the strongman", "a spokesman for the general"), groups
("General Hiftar's forces", "his men") and pronouns ("he", "its"). It works in four passes,
all over the plain records of the parse and dict look-ups in the knowledge base:

1. **Mentions.** Known names (``KnowledgeBase.find_names``: countries, their demonyms and
   seats, IGOs, armed groups, institutions), named entities, noun phrases headed by a role
   noun ("minister", "forces"), personal and relative pronouns. A capital or a city in a
   place role ("in Tripoli") is a place that tells a country, not an actor; a country's
   name stays a mention of the state even there ("fighting in Libya"), as PLOVER codes
   such countries as recipients ("lifted the curfew in Montenegro").
2. **Links.** Appositions ("Emre Kaplan, Turkey's deputy defence minister"), relative
   pronouns ("Hiftar, who ..."), possessors and "of/for/loyal to" complements that make a
   mention belong to a *principal* ("his men", "a spokesman for the general").
3. **Clusters**, in text order: the same country, known actor, surname, organisation name
   or acronym; a definite description goes to the latest compatible holder of that role or
   title ("the general"), an epithet ("the strongman") to the most salient person; a
   description met before the name joins the name that carries its title ("a Libyan
   general ... General Khalifa Hiftar"). Pronouns follow the last speaker at a quote's end
   ("...," he said), a spokesman's principal in what the spokesman reports, else the
   nearest compatible subject of the sentence, else of the sentences before.
4. **Attributes.** Country and sector from the knowledge files, else from the text:
   demonyms and possessors ("Hungarian officials", "Russia's deputy foreign minister"),
   titles, the principal ("one of the colonel's adjutants" → the colonel's country and
   MIL; not for an ally, rival or counterpart: "Israel's militia ally"), "in X"
   complements, toponyms the knowledge files do not name but the gazetteer places in a
   country (``places``: "Darfur rebels", "the governor of the Tyumen region"; a weaker hint
   than a demonym), and last the country that the paragraph names (countries, demonyms,
   those toponyms) more often than all others together. "Ethnic Albanians" names an
   ethnicity, not a nationality: their country comes from where they are.

The package holds one module per pass, each a set of functions over one explicit state
(``state.ResolverState``, passed first as ``st``). Lowest layer first; a module imports
only the ones above it:

- ``wordsets``: the word classes (``data/rules/word-classes.tsv``) and parser labels the
  passes test tokens against;
- ``state``: ``Mention``, ``Cluster``, ``ResolverState`` and ``new_state``;
- ``tree``: questions about the parse (a span's head, a preposition's object, place roles);
- ``roles``: role phrases in the text ("deputy foreign minister", titles before names);
- ``names``, ``nominals``, ``mentions``: pass 1;
- ``links``: pass 2;
- ``coref`` (pronouns and definite descriptions → actor), ``clusters``: pass 3;
- ``attributes``: pass 4, and the ``Actor`` records.

Mention spans may nest across actors ("General Hiftar" inside "General Hiftar's forces"):
map a token to the innermost span that holds it. Coordinated demonyms ("Hungarian and
Romanian officials") give one actor per country sharing the same span (a compound actor).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...knowledge.actors import KnowledgeBase, default_knowledge
from ...parse.index import DocIndex
from ...records import Actor, ParsedText, Place
from .attributes import build_actors
from .clusters import process
from .links import link_mentions
from .mentions import find_mentions
from .state import ResolverState, new_state

__all__ = ["country_code", "resolve_actors"]


def country_code(name: str) -> str | None:
    """Returns the ISO alpha-3 code of a country name, alias or demonym, or None.

    Args:
        name: "Libya", "the United States", "Libyan", "Russians".
    """
    return default_knowledge().country_code(name)


def resolve_actors(
    parsed: ParsedText,
    kb: KnowledgeBase | None = None,
    *,
    date: str | None = None,
    places: Sequence[Place] = (),
    index: DocIndex | None = None,
) -> tuple[Actor, ...]:
    """Resolves the actors of one article, in order of first mention.

    Args:
        parsed: the article's parse.
        kb: the knowledge base; None uses the packaged one (loaded once per process).
        date: the article's date (ISO), to pick dated codes of known actors; None uses
            their undated code.
        places: the article's toponyms resolved in context (``resolve_places``); a city,
            division or region the knowledge files do not name then gives the country of
            the phrase it is part of ("Darfur rebels", "the governor of the Tyumen region",
            "militants in Kirkuk"), as a weaker hint than a demonym or a country's name.
        index: the parse's index (``pipeline.extract`` builds one per article for every
            stage); built when None.

    Returns:
        One ``Actor`` per real-world entity with ids ``A1``, ``A2``, ...: its canonical
        name, kind, country (alpha-3 or None), PLOVER sector, CAMEO-style code and every
        mention's span in ``parsed.text``.
    """
    if not parsed.tokens:
        return ()
    st = new_state(parsed, kb or default_knowledge(), date, places, index)
    run(st)
    return build_actors(st)


def run(st: ResolverState) -> None:
    """Passes 1 to 3 over one article's state: mentions, links, clusters."""
    find_mentions(st)
    link_mentions(st)
    for m in st.mentions:
        process(st, m)
