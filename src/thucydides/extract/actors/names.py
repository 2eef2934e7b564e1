"""Pass 1a, names: known names (countries, their demonyms and seats, known actors) and
named entities become mentions; a person's name takes its title, demonym and possessor
("U.S. Secretary of State Warren Christopher"); surnames and names after titles that the
tagger missed are found here too. A capital or a city in a place role ("in Tripoli") is a
place that tells a country, not an actor.
"""

from __future__ import annotations

from ...knowledge.actors import BLOC_PREFIXES, KnownActor
from ...records import Entity
from .roles import former_role, is_person_title, role_at, role_words, roles_in
from .state import Mention, ResolverState, add_mention
from .tree import (
    comma_between,
    entity_label,
    first_conjunct,
    lower,
    place_role,
    preceded_by_the,
    prep_child,
    span_head,
)
from .wordsets import (
    ETHNIC_MARKER,
    FORMER_MARKER,
    NAMED_FACILITY,
    OBJECT_DEPS,
    PLACE_NOUN,
    SUBJECT_DEPS,
)


def is_ethnic(st: ResolverState, first: int, form: str) -> bool:
    """A people or adjective form after "ethnic" ("ethnic Albanians", "ethnic Serb
    civilians") names an ethnicity, not a nationality."""
    return (
        form in ("people", "adjective") and first > 0 and lower(st.toks[first - 1]) in ETHNIC_MARKER
    )


def name_mentions(st: ResolverState) -> set[int]:
    """Known names and named entities; returns the tokens they cover."""
    found = []
    for nm in st.kb.find_names(st.text, st.index.starts, st.index.ends):
        first = st.index.token_starting_at(nm.start)
        last = st.index.token_ending_at(nm.end)
        if first is None or last is None:
            continue
        if nm.actor is None and nm.country and is_ethnic(st, first, nm.form):
            # "ethnic Albanians in Serbia": a people, not a nationality; where they live
            # (or the paragraph) gives the country
            continue
        if nm.actor is None and nm.country:
            for i in range(first, last + 1):
                st.country_tok[i] = nm.country
            st.country_spans.append((first, last, nm.country, nm.form))
        elif nm.actor is not None:
            prefix = bloc_of(nm.actor, st.date)
            if prefix:
                for i in range(first, last + 1):
                    st.bloc_tok[i] = prefix
            if nm.actor.country:
                for i in range(first, last + 1):
                    st.country_tok.setdefault(i, nm.actor.country)
        found.append((first, last, nm))
    ents = []
    country_forms = {(f, t) for f, t, nm in found if nm.actor is None and nm.country}
    for e in st.parsed.entities:
        if e.label != "NORP" and (e.token_start, e.token_end - 1) in country_forms:
            continue  # "Ugandan" tagged PERSON before "President Museveni" is a nationality
        if e.label == "PERSON":
            head = span_head(st, e.token_start, e.token_end - 1)
            for k in range(e.token_start, e.token_end):
                st.person_tok[k] = head
        if e.label not in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            continue
        span = trim_entity(st, e)
        if span is not None:
            ents.append((span[0], span[1], e))
    kept: list[tuple[int, int, object]] = []
    covered: set[int] = set()
    # Known actors first (a PERSON that strictly contains one still wins, and is that
    # actor when the known actor is a person: "George W. Bush" for "Bush").
    for first, last, nm in found:
        if nm.actor is None:
            continue
        holder = next(
            (
                (f, t)
                for f, t, e in ents
                if e.label == "PERSON" and f <= first and last <= t and t - f > last - first
            ),
            None,
        )
        if holder is not None:
            if nm.actor.kind == "person":
                st.person_known[holder] = nm.actor
            continue
        kept.append((first, last, nm))
        covered.update(range(first, last + 1))
    # Country forms unless strictly inside a longer entity ("Liberian Peace Council").
    for first, last, nm in found:
        if nm.actor is not None or covered & set(range(first, last + 1)):
            continue
        if any(
            f <= first and last <= t and t - f > last - first and e.label != "FAC"
            for f, t, e in ents
        ):
            continue
        kept.append((first, last, nm))
        covered.update(range(first, last + 1))
    for first, last, e in ents:
        if covered & set(range(first, last + 1)):
            continue
        kept.append((first, last, e))
        covered.update(range(first, last + 1))
    kept.sort(key=lambda k: k[0])
    taken: set[int] = set()
    for first, last, what in kept:
        if name_mention(st, first, last, what):
            taken.update(range(first, last + 1))
    missed_surnames(st, taken, covered)
    titled_names(st, taken, covered)
    # an unknown organisation inside a person's title is part of the title:
    # "State" in "U.S. Secretary of State Warren Christopher"
    people = [m for m in st.mentions if m.etype == "person" and m.kind == "name"]
    for m in list(st.mentions):
        if m.known is None and m.state is None and m.etype in ("organization", "other"):
            if any(
                p.first <= m.first and m.last < p.first + (p.last - p.first) and m.last <= p.last
                for p in people
            ):
                st.mentions.remove(m)
                del st.at_head[m.head]
    return taken


def missed_surnames(st: ResolverState, taken: set[int], covered: set[int]) -> None:
    """A person's surname the tagger left untagged after the article named the person
    in full ("Rodrigo Duterte received ... Duterte personally welcomed ..."): a lone
    proper noun spelled as that surname is a mention of the person. So is a capitalised
    word the tagger took for a common one when it is a clause's subject ("” Manning thinks
    ...", after a closing quotation mark), and the family name of a three-word name written
    family name first ("President Yoon Suk Yeol ... Yoon later retracted", which the tagger
    read as a date)."""
    toks = st.toks
    full = [m for m in st.mentions if m.etype == "person" and m.kind == "name"]
    first_seen: dict[str, int] = {}
    for m in full:
        if m.last > m.first and len(toks[m.last].text) >= 3:
            first_seen.setdefault(toks[m.last].text, m.last)
        family = m.last - 2  # the first of the name proper's three words
        if (
            m.name
            and len(m.name.split()) == 3
            and family >= m.first
            and len(toks[family].text) >= 3
            and toks[family].text == m.name.split()[0]
        ):
            first_seen.setdefault(toks[family].text, family)
    for t in toks:
        if (
            not _name_like(st, t.i)
            or t.i in taken
            or t.i in covered
            or first_seen.get(t.text, t.i) >= t.i
            or any(toks[k].pos == "PROPN" for k in (t.i - 1, t.i + 1) if 0 <= k < len(toks))
        ):
            continue
        untagged_person(st, t.i, t.i, taken, surname=True)


def _name_like(st: ResolverState, i: int) -> bool:
    """A proper noun, or a capitalised word in a subject's place (the tagger's common noun
    or adverb where a surname stands alone)."""
    t = st.toks[i]
    if t.pos == "PROPN":
        return True
    text = t.text
    if not (
        len(text) >= 3
        and text[0].isupper()
        and text[1:].islower()
        and t.pos in ("NOUN", "ADV", "ADJ")
        and (t.dep in ("nsubj", "nsubjpass") or (t.dep == "advmod" and sentence_first(st, i)))
    ):
        return False
    # a person acts: the next word past adverbs is a full verb ("Manning thinks", "Yoon
    # later retracted"), not "Little is known", "Banks were closed", "Young and old"
    k = i + 1
    while k < len(st.toks) and st.toks[k].pos == "ADV":
        k += 1
    return k < len(st.toks) and st.toks[k].pos == "VERB"


def titled_names(st: ResolverState, taken: set[int], covered: set[int]) -> None:
    """A name the tagger missed right after a person's title ("foreign ministry
    spokesperson Randhir Jaiswal", "Prime Minister Shehbaz Sharif") or before an
    apposition that is one ("Nop Vy, the association's executive director"). Two to four
    capitalised proper nouns heading the phrase are then a person's name."""
    toks = st.toks
    n = len(toks)
    i = 0
    while i < n:
        j = i
        while j < n and toks[j].pos == "PROPN" and toks[j].text[:1].isupper():
            j += 1
        run = range(i, j)
        if (
            2 <= len(run) <= 4
            and not any(k in taken or k in covered for k in run)
            and toks[j - 1].head not in run  # the run heads its phrase
            and all(toks[k].head == j - 1 for k in range(i, j - 1))
            and ((i > 0 and is_person_title(st, i - 1)) or described_person(st, j - 1))
        ):
            untagged_person(st, i, j - 1, taken)
        i = max(j, i + 1)


def described_person(st: ResolverState, head: int) -> bool:
    """ "Nop Vy, the association's executive director, said ...": a run of proper nouns
    whose apposition is a person's role is a person's name."""
    toks = st.toks
    for k in st.children[head]:
        if toks[k].dep == "appos" and k > head and toks[head + 1].text == ",":
            role = st.kb.role(toks[k].lemma.lower()) or st.kb.role(lower(toks[k]))
            if role is not None and role.kind == "person" and role.is_actor:
                return True
    return False


def untagged_person(
    st: ResolverState, first: int, last: int, taken: set[int], surname: bool = False
) -> None:
    """Makes a person's name mention of tokens [first, last] as if the tagger had
    tagged them PERSON; marks them taken when it does."""
    toks = st.toks
    start, end = toks[first].start, toks[last].end
    entity = Entity("PERSON", st.text[start:end], start, end, first, last + 1)
    if name_mention(st, first, last, entity, surname):
        taken.update(range(first, last + 1))


def trim_entity(st: ResolverState, e: Entity) -> tuple[int, int] | None:
    """An entity's tokens without determiner, case marker or punctuation; None if uncapitalised."""
    first, last = e.token_start, e.token_end - 1
    toks = st.toks
    while first <= last and (toks[first].dep == "det" or toks[first].pos in ("PUNCT", "SPACE")):
        first += 1
    while last >= first and (
        toks[last].dep == "case" or toks[last].pos in ("PUNCT", "SPACE", "PART", "ADP", "CCONJ")
    ):
        last -= 1  # "Heather Barr of": the tagger ran on into "of Human Rights Watch"
    if first > last:
        return None
    text = st.text[toks[first].start : toks[last].end]
    if not any(ch.isupper() for ch in text):
        return None
    return first, last


def name_mention(
    st: ResolverState, first: int, last: int, what: object, surname: bool = False
) -> bool:
    """Makes a mention of a name span when it names an actor; True when it does
    (``surname``: the span repeats a name part of a person named in full before)."""
    toks = st.toks
    head = span_head(st, first, last)
    tok = toks[head]
    modifier = tok.dep in ("amod", "compound", "nmod") and toks[tok.head].pos in (
        "NOUN",
        "PROPN",
    )
    name = st.text[toks[first].start : toks[last].end]
    if (
        isinstance(what, Entity)
        and first == last
        and tok.pos == "NOUN"
        and sentence_first(st, first)
        and not surname
    ):
        return False  # "Media watchdog ...": a common noun capitalised by its place only
    if isinstance(what, Entity):
        label = what.label
        if label == "PERSON":
            if modifier and toks[tok.head].lemma.lower() in NAMED_FACILITY:
                return False  # "JFK airport", "the Nobel prize": a thing named after someone
            m = Mention(first, last, head, "name", "person", name=name)
            m.known = st.person_known.get((first, last))
            if (
                m.known is None
                and not surname
                and last - first < 2
                and all(k in st.place_tok for k in range(first, last + 1))
                and not _named_in_full_before(st, first, last)
            ):
                return False  # "shelled Kharkiv overnight": a city the NER took for a person
            name_evidence(st, m)
            extend_title(st, m)
            title = st.kb.role(lower(toks[m.first]))
            if preceded_by_the(st, m.first) and title is not None and "title" in title.flags:
                return False  # "the Admiral Kuznetsov" is a ship named after a person
            add_mention(st, m)
            return True
        if label in ("GPE", "FAC") and (place_role(st, head) or modifier):
            return False
        if label == "ORG" and place_role(st, head):
            return False
        if label == "NORP":
            if tok.tag not in ("NNS", "NNPS") or modifier:
                return False
            m = add_mention(st, Mention(first, last, head, "name", "group", name=name, plural=True))
            name_evidence(st, m)
            return True
        if label == "FAC":
            return False
        etype = "organization" if label == "ORG" else "other"
        m = add_mention(st, Mention(first, last, head, "name", etype, name=name))
        name_evidence(st, m)
        if etype == "organization":
            # the name's own head noun: "Government of National Accord" is GOV
            role = st.kb.role(lower(tok)) or st.kb.role(tok.lemma.lower())
            if role is not None and role.is_actor and role.kind == "organization":
                m.role = role
                m.role_words = role_words(role, tok)
        return True
    nm = what
    form, code = nm.form, nm.country  # type: ignore[attr-defined]
    actor: KnownActor | None = nm.actor  # type: ignore[attr-defined]
    if (
        actor is not None
        and actor.kind == "state"
        and st.kb.is_country_code(actor.code_on(st.date))
    ):
        # an imported dictionary's country entry ("RUSSIA [RUS]") keeps its own code,
        # and modifies role nouns like a demonym ("Israeli troops")
        for i in range(first, last + 1):
            st.country_tok[i] = actor.code_on(st.date) or ""
        if modifies_role(st, head):
            return False
    if actor is not None:
        etype = actor.kind
        if etype == "person" and first == last and (place_role(st, head) or _place_named(st, head)):
            return False  # "the towns of Bocaranga and Bazoum": a place, not President Bazoum
        if etype == "other":
            label = entity_label(st, first, last)
            etype = {"PERSON": "person", "ORG": "organization"}.get(label, "organization")
        m = Mention(first, last, head, "name", etype, name=name, known=actor)
        m.plural = tok.tag in ("NNS", "NNPS")
        name_evidence(st, m)
        if etype == "person":
            extend_title(st, m)
        add_mention(st, m)
        return True
    if form in ("adjective", "name") and modifies_role(st, head):
        return False  # evidence for the role noun phrase ("Libyan general")
    if form == "adjective":
        if modifier or tok.dep in ("amod", "compound", "nmod", "conj", "npadvmod"):
            # "an Indian proposal", "US-led": the state, named by its adjective
            add_mention(st, state_mention(st, first, last, head, code, name, plural=False))
            return True
        if tok.dep in SUBJECT_DEPS | OBJECT_DEPS and tok.pos != "ADJ":
            add_mention(st, state_mention(st, first, last, head, code, name, plural=True))
            return True
        return False
    if form == "people":
        has_mods = any(toks[c].dep in ("amod", "compound") and c < head for c in st.children[head])
        if preceded_by_the(st, first) and not has_mods:
            add_mention(st, state_mention(st, first, last, head, code, name, plural=True))
        else:
            m = Mention(first, last, head, "nominal", "group", name=name, plural=True)
            m.countries.append(code)
            m.role = st.kb.role("people")
            m.role_words = frozenset({"people", name.lower()})
            add_mention(st, m)
        return True
    if form == "metonym" and place_role(st, head):
        return False  # "in Tripoli" is a place; "in Libya" still names the state
    add_mention(st, state_mention(st, first, last, head, code, name, plural=False))
    return True


def _named_in_full_before(st: ResolverState, first: int, last: int) -> bool:
    """Whether a longer person name ending in the words ``first..last`` comes earlier
    ("Lloyd Austin ... Biden praised Austin")."""
    toks = st.toks
    words = [toks[k].text for k in range(first, last + 1)]
    for ent in st.parsed.entities:
        if ent.token_start >= first:
            break
        n = ent.token_end - ent.token_start
        if ent.label == "PERSON" and n > len(words):
            if [toks[k].text for k in range(ent.token_end - len(words), ent.token_end)] == words:
                return True
    return False


def _place_named(st: ResolverState, head: int) -> bool:
    """A name given to a place noun: "the towns of Bocaranga and Bazoum", "the city of X"."""
    toks = st.toks
    i = first_conjunct(st, head)
    if toks[i].dep != "pobj" or lower(toks[toks[i].head]) != "of":
        return False
    noun = toks[toks[i].head].head
    return toks[noun].lemma.lower() in PLACE_NOUN


def modifies_role(st: ResolverState, head: int) -> bool:
    """Whether the word at ``head`` modifies a role noun ("US and British forces")."""
    toks = st.toks
    j, steps = head, 0
    while toks[j].dep in ("conj", "cc") and toks[j].head != j and steps < 5:
        j, steps = toks[j].head, steps + 1
    if toks[j].dep in ("npadvmod",) and toks[toks[j].head].dep == "amod":
        return False  # "the UN-supported government", "US-led war": not the holder
    if toks[j].dep not in ("amod", "compound", "nmod") or toks[j].head == j:
        return False
    noun = toks[j].head
    chain = [noun]
    while toks[noun].dep in ("compound",) and toks[noun].head != noun:
        noun = toks[noun].head
        chain.append(noun)
    if noun in st.person_tok:
        return True  # "Palestinian leader Yasser Arafat": part of a person's title
    chain += [c for c in st.children[chain[0]] if j < c < chain[0] and toks[c].dep == "compound"]
    for k in chain:
        if toks[k].pos not in ("NOUN", "PROPN"):
            continue
        role, _ = role_at(st, k)
        if role is not None and role.is_actor:
            return True
    return False


def name_evidence(st: ResolverState, m: Mention) -> None:
    """Countries a name's own dependents state: "Israel's Cabinet", "Iraqi Kurds",
    "King Hassan of Morocco"."""
    toks = st.toks
    for c in st.children[m.head]:
        dep = toks[c].dep
        if m.first <= c <= m.last and m.etype == "person":
            continue
        if dep == "poss" and c < m.first:
            code = st.country_tok.get(c)
            if code and code not in m.countries:
                m.countries.append(code)
            elif m.principal is None and (m.etype != "person" or toks[c].pos == "PROPN"):
                m.principal = c  # "Human Rights Watch's Heather Barr": her organisation
        elif dep in ("amod", "compound") and c < m.first and c in st.country_tok:
            if st.country_tok[c] not in m.countries:
                m.countries.append(st.country_tok[c])
    of = prep_child(st, m.head, ("of",))
    if of is not None and of in st.country_tok and not comma_between(st, m.head, of):
        m.countries.append(st.country_tok[of])
    elif (
        of is not None
        and m.etype == "person"
        and m.principal is None
        and toks[of].pos == "PROPN"
        and of not in st.place_tok
        and not comma_between(st, m.head, of)
    ):
        m.principal = of  # "Heather Barr of Human Rights Watch": whom she speaks for


def state_mention(
    st: ResolverState, first: int, last: int, head: int, code: str, name: str, plural: bool
) -> Mention:
    """A mention of the state whose country code is ``code``."""
    m = Mention(first, last, head, "name", "state", name=name, plural=plural)
    m.state = code
    return m


def extend_title(st: ResolverState, m: Mention) -> None:
    """Takes titles, demonyms and possessors before a person's name into the mention.

    The extension is the subtree of the name's pre-modifiers ("U.S. Secretary of State
    Warren Christopher", "Lebanon's new President Elias Hrawi"), stopping at another
    person's name, a space, a quote or a comma.
    """
    toks = st.toks
    first = m.first
    for c in sorted(st.children[m.head]):
        if c >= m.first or toks[c].dep not in ("compound", "amod", "poss", "nmod", "nummod"):
            continue
        lo = st.left[c]
        if any(
            toks[k].pos == "SPACE"
            or lower(toks[k]) in ('"', "“", "”", ",", "(", ")", "''", "``")
            or st.person_tok.get(k, m.head) != m.head
            for k in range(lo, m.first)
        ):
            continue
        first = min(first, lo)
    if first == m.first:
        title_roles(st, m, m.first, m.first)
        return
    # words before the name proper: roles, demonyms, possessors
    title_roles(st, m, first, m.first)
    m.first = first


def title_roles(st: ResolverState, m: Mention, first: int, name_first: int) -> None:
    """Reads the words before a person's name: titles, countries, possessor."""
    toks = st.toks
    words: list[int] = []
    for i in range(first, name_first):
        code = st.country_tok.get(i)
        if code:
            if code not in m.countries:
                m.countries.append(code)
            words = []
            continue
        if i in st.bloc_tok:
            m.bloc = st.bloc_tok[i]
            words = []
            continue
        if toks[i].dep == "poss":
            m.principal = i
            words = []
            continue
        if toks[i].dep == "case" or toks[i].pos == "PUNCT" and lower(toks[i]) != "-":
            words = []
            continue
        words.append(i)
    # a name's own first token may be a title the NER swallowed ("President Assad")
    name_tokens = list(range(name_first, m.last + 1))
    while len(name_tokens) > 1 and st.kb.role(lower(toks[name_tokens[0]])) is not None:
        role = st.kb.role(lower(toks[name_tokens[0]]))
        if role is None or not ({"title", "honorific"} & role.flags):
            break
        words.append(name_tokens.pop(0))
    if words:
        roles = roles_in(st, words[0], words[-1])
        if any(lower(toks[k]) in FORMER_MARKER for k in range(first, name_first)):
            roles = [former_role(r) for r in roles]
        for role in roles:
            m.titles.append(role)
            if "male" in role.flags:
                m.gender = "m"
            elif "female" in role.flags:
                m.gender = "f"
    m.name = st.text[toks[name_tokens[0]].start : toks[m.last].end]


def bloc_of(actor: KnownActor, date: str | None) -> str | None:
    """The code root that stands for a country for an actor without one: "IGO", "IMG",
    or a dictionary's own root ("GON" for a PETRARCH test actor); also for a national's
    dated IGO code (a former prime minister heading NATO)."""
    code = actor.code_on(date)
    if code and (not actor.country or code[:3] in BLOC_PREFIXES):
        return code[:3]
    return None


def sentence_first(st: ResolverState, i: int) -> bool:
    """Whether token ``i`` opens its sentence (after any opening quotation marks)."""
    s = st.parsed.sentences[st.sent_of[i]]
    k = s.token_start
    while k < i and st.toks[k].pos == "PUNCT":
        k += 1
    return k == i
