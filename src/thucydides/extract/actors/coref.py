"""Reference back: which actor a pronoun ("he", "its", "they") or a definite description
("the general", "the strongman") stands for, and which earlier description a name
continues ("a Malian colonel ... Colonel Amadou Keita").

Pronouns follow the last speaker at a quote's end ("...," he said), a spokesman's principal
in what the spokesman reports, a group's or organisation's "they" in what it reports
("Police said they arrested ..."), else the nearest compatible subject of the sentence,
else of the sentences before; a named group is a "they" whatever its number. A bare group
description ("the group", "the militant group") refers back to the latest named
organisation or group within five sentences.

This is the only place that decides what a pronoun or a description refers to: the event
coder and the quotes stage read the answer from the actors' mention spans
(``extract/coref.py``).
"""

from __future__ import annotations

from .state import Cluster, Mention, ResolverState, mention_at, root_clusters
from .tree import lower
from .wordsets import (
    COLLECTIVE_NOUN,
    DEFINITE_DETERMINER,
    FEMALE_PRONOUN,
    INDEFINITE_PRONOUN,
    MALE_PRONOUN,
    OBJECT_DEPS,
    PAIR_WORD,
    PERPETRATOR,
    PLURAL_PRONOUN,
    QUOTE_CLOSE,
    SPEECH_VERB,
    STATE_NOUN,
    SUBJECT_DEPS,
    THING_PRONOUN,
)


def unnamed_descriptions(st: ResolverState, etype: str) -> list[Cluster]:
    """The clusters of ``etype`` met so far that only descriptions name: no name, no known
    actor, no state (a name met later may be theirs)."""
    return [
        c
        for c in root_clusters(st)
        if c.etype == etype and not c.names and c.known is None and c.state is None and c.mentions
    ]


def bridge_description(
    st: ResolverState, m: Mention, etype: str, window: int, words: set[str]
) -> Cluster | None:
    """An unnamed description cluster met before this name that carries its title."""
    if not words:
        return None
    sent = st.sent_of[m.head]
    found = [
        c
        for c in unnamed_descriptions(st, etype)
        if (c.role_words & words or c.head_lemma in words)
        and 0 <= sent - st.sent_of[c.mentions[-1].head] <= window
        and not any(mm.plural for mm in c.mentions if mm.kind == "nominal")
        and countries_agree(st, m.countries, c)
    ]
    return found[0] if len(found) == 1 else None


def countries_agree(st: ResolverState, codes: list[str], c: Cluster) -> bool:
    """Whether a mention's countries are compatible with those the cluster states."""
    if not codes:
        return True
    have = explicit_countries(st, c)
    return not have or bool(set(codes) & set(have))


def explicit_countries(st: ResolverState, c: Cluster) -> list[str]:
    """The countries a cluster's own mentions state (not inferred ones)."""
    out = []
    if c.state:
        out.append(c.state)
    if c.known is not None and c.known.country:
        out.append(c.known.country)
    for m in c.mentions:
        out.extend(m.countries)
    return out


def org_antecedent(
    st: ResolverState, m: Mention, lemma: str, principal: Cluster | None
) -> Cluster | None:
    """The latest organisation or group a definite description ("the ministry") fits."""
    if not m.definite:
        return None
    epithet = m.role is not None and "epithet" in m.role.flags
    collective = lemma in COLLECTIVE_NOUN and not m.plural and m.principal is None
    sent = st.sent_of[m.head]
    best = None
    for c in root_clusters(st):
        if c.last_start >= m.start or c.etype not in ("organization", "group"):
            continue
        if not m.plural and not c.names and any(mm.plural for mm in c.mentions):
            continue  # "the separatist group" is not "the top two militant groups"
        if collective and c.names and sent - st.sent_of[c.mentions[-1].head] <= 5:
            pass  # "the insurgent group" after "the Taliban": any named body
        elif epithet:
            if c.etype == "group" and not c.names:
                continue
        elif c.head_lemma != lemma and lemma not in c.role_words:
            continue
        if not may_describe(st, m, c, principal):
            continue
        if best is None or c.last_start > best.last_start:
            best = c
    return best


def group_antecedent(st: ResolverState, m: Mention, lemma: str) -> Cluster | None:
    """ "The Arakan Army seized the town. The group said ...": a definite singular group
    description with nothing of its own ("the group", "the militant group"; not "the
    poultry farmers group", "the group of protesters", "the groups") refers back to the
    latest named organisation or group it fits, within five sentences."""
    toks = st.toks
    if toks[m.head].tag != "NN" or m.principal is not None or m.countries or not m.definite:
        return None  # a group noun counts as plural ("the group were"): the tag tells
    if lemma != toks[m.head].lemma.lower():
        return None  # a partitive: "the group of students" are students
    if any(toks[k].dep == "compound" for k in st.children[m.head]):
        return None
    epithet = m.role is not None and "epithet" in m.role.flags
    sent = st.sent_of[m.head]
    best = None
    for c in root_clusters(st):
        if c.last_start >= m.start or c.etype not in ("organization", "group") or not c.names:
            continue
        if (
            not epithet
            and lemma not in COLLECTIVE_NOUN
            and c.head_lemma != lemma
            and lemma not in c.role_words
        ):
            continue
        if sent - st.sent_of[c.mentions[-1].head] > 5 or not may_describe(st, m, c, None):
            continue
        if best is None or c.last_start > best.last_start:
            best = c
    return best


def may_describe(st: ResolverState, m: Mention, c: Cluster, principal: Cluster | None) -> bool:
    """A description fits a cluster of no other country and no other principal."""
    if not countries_agree(st, m.countries, c):
        return False
    return principal is None or c.principal is None or c.principal.root() is principal


def person_antecedent(st: ResolverState, m: Mention, principal: Cluster | None) -> Cluster | None:
    """The latest person a definite description ("the general") or an epithet fits."""
    epithet = m.role is not None and "epithet" in m.role.flags
    words = m.role_words
    sent = st.sent_of[m.head]
    # "the Afghan army chief" is not "the Taliban chief": a noun or name modifier of the
    # description must be one of the person's own words
    toks = st.toks
    mods = {
        toks[k].lemma.lower()
        for k in st.children[m.head]
        if toks[k].dep == "compound" and toks[k].pos in ("NOUN", "PROPN")
    } | {
        toks[p].lemma.lower()  # "the chief of police"
        for k in st.children[m.head]
        if toks[k].dep == "prep" and toks[k].lemma.lower() == "of"
        for p in st.children[k]
        if toks[p].dep == "pobj" and toks[p].pos == "NOUN"
    }
    best = None
    for c in root_clusters(st):
        if c.etype != "person" or c.last_start >= m.start:
            continue
        if any(mm.plural for mm in c.mentions if mm.kind != "pronoun"):
            continue
        if not may_describe(st, m, c, principal):
            continue
        if mods and not mods <= own_words(c):
            continue
        if words & c.role_words:
            if best is None or c.last_start > best.last_start:
                best = c
    if best is not None or not epithet:
        return best
    recent = [
        c
        for c in root_clusters(st)
        if c.etype == "person"
        and c.last_start < m.start
        and sent - st.sent_of[c.mentions[-1].head] <= 3
    ]
    if not recent:
        return None
    return max(recent, key=lambda c: (len(c.mentions), c.last_start))


def pronoun_antecedent(st: ResolverState, p: Mention) -> Cluster | None:
    """The cluster a pronoun refers to, or None."""
    toks = st.toks
    low = lower(toks[p.head])
    sent = st.sent_of[p.head]
    tok = toks[p.head]
    if low in MALE_PRONOUN | FEMALE_PRONOUN | PLURAL_PRONOUN and tok.dep in SUBJECT_DEPS:
        verb = toks[tok.head]
        if verb.lemma.lower() in SPEECH_VERB and (
            verb.lemma.lower() == "add" or quote_closed_before(st, p.head)
        ):
            for s, _start, c in reversed(st.speakers):
                if sent - s > 10:
                    break
                if _start < p.start and pronoun_fits(st, p, c.root(), None):
                    return c.root()
    if low in MALE_PRONOUN | FEMALE_PRONOUN:
        principal = spokesman_principal(st, p.head)
        if principal is not None:
            return principal
    if low in PLURAL_PRONOUN and indefinite_before(st, p.head):
        return None
    if low in PLURAL_PRONOUN and tok.dep in SUBJECT_DEPS:
        body = reporting_body(st, p.head)
        if body is not None:
            return body
    cands = [
        m
        for m in st.processed
        if m.start < p.start
        and not (m.start <= p.start < m.end)
        and 0 <= sent - st.sent_of[m.head] <= 3
        and m.cluster is not None
    ]
    cands.sort(key=lambda m: m.start)
    tiers = [True, False] if low in PLURAL_PRONOUN else [True]
    for strict in tiers:
        pool = [m for m in cands if pronoun_fits(st, p, m.cluster.root(), m, strict)]  # type: ignore[union-attr]
        same = [m for m in pool if st.sent_of[m.head] == sent and not is_bound(st, m, p)]
        if same:
            subjects = [m for m in same if toks[m.head].dep in SUBJECT_DEPS]
            pick = subjects[-1] if subjects else same[-1]
            return pick.cluster.root()  # type: ignore[union-attr]
        for s in range(sent - 1, sent - 4, -1):
            here = [m for m in pool if st.sent_of[m.head] == s]
            if not here:
                continue
            subjects = [m for m in here if toks[m.head].dep in SUBJECT_DEPS]
            if subjects:
                pick = min(subjects, key=lambda m: (st.depth[toks[m.head].head], m.start))
            else:
                pick = here[-1]
            return pick.cluster.root()  # type: ignore[union-attr]
    return None


def indefinite_before(st: ResolverState, i: int) -> bool:
    """ "If anyone wishes to help, they must ...": "they" is the indefinite's."""
    s = st.parsed.sentences[st.sent_of[i]]
    return any(lower(st.toks[k]) in INDEFINITE_PRONOUN for k in range(s.token_start, i))


def quote_closed_before(st: ResolverState, i: int) -> bool:
    """Whether a closing quotation mark precedes token ``i`` in its sentence."""
    s = st.parsed.sentences[st.sent_of[i]]
    return any(
        st.toks[k].tag == "''" or st.toks[k].text in QUOTE_CLOSE for k in range(s.token_start, i)
    )


def spokesman_principal(st: ResolverState, i: int) -> Cluster | None:
    """In "a spokesman for X said that he ...", "he" is X."""
    toks = st.toks
    j, steps = i, 0
    while steps < 12:
        t = toks[j]
        if t.head == j:
            return None
        if t.dep == "ccomp" and toks[t.head].lemma.lower() in SPEECH_VERB:
            verb = t.head
            break
        j, steps = t.head, steps + 1
    else:
        return None
    for c in st.children[verb]:
        if toks[c].dep in SUBJECT_DEPS:
            m = mention_at(st, c)
            if m is None or m.cluster is None:
                return None
            speaker = m.cluster.root()
            relational = any(
                "relational" in r.flags and r.sector is None for _p, r in speaker.roles
            )
            if relational and speaker.principal is not None:
                principal = speaker.principal.root()
                if principal.etype == "person":
                    return principal
    return None


def reporting_body(st: ResolverState, i: int) -> Cluster | None:
    """ "Police said they arrested ...", "The group claimed they were holding ...": the
    "they" that opens what a group or an organisation reports is that body."""
    toks = st.toks
    verb = toks[i].head
    if toks[verb].dep != "ccomp" or toks[toks[verb].head].lemma.lower() not in SPEECH_VERB:
        return None
    for c in st.children[toks[verb].head]:
        if toks[c].dep in SUBJECT_DEPS:
            m = mention_at(st, c)
            if m is None or m.cluster is None:
                return None
            body = m.cluster.root()
            return body if body.etype in ("group", "organization") else None
    return None


def pronoun_fits(
    st: ResolverState, p: Mention, c: Cluster, m: Mention | None, strict: bool = True
) -> bool:
    """Whether pronoun ``p`` agrees with cluster ``c`` (reached by mention ``m``)."""
    low = lower(st.toks[p.head])
    if low in MALE_PRONOUN | FEMALE_PRONOUN:
        if c.etype != "person" or (m is not None and m.plural):
            return False
        want = "m" if low in MALE_PRONOUN else "f"
        return c.gender in (None, want)
    if low in THING_PRONOUN:
        # an organisation's name is singular whatever its last word ("Reporters Without
        # Borders said ... it noted"); "the ministries" are not an "it"
        named_org = m is not None and m.kind == "name" and c.etype == "organization"
        if m is not None and m.plural and c.etype != "state" and not named_org:
            return False
        if c.etype in ("organization", "state", "other"):
            return True
        return c.etype == "group" and bool(c.names) and not (m is not None and m.plural)
    # they/them/their; a named armed or political group is a "they" whatever its number
    # ("the Taliban ... since they seized control")
    if strict:
        group_name = m is not None and m.kind == "name" and c.etype == "group"
        return m is not None and (m.plural or group_name) and c.etype != "person"
    return c.etype in ("organization", "group")


def is_bound(st: ResolverState, m: Mention, p: Mention) -> bool:
    """A non-possessive object pronoun cannot be its own verb's subject ("X met him")."""
    toks = st.toks
    pt = toks[p.head]
    if pt.dep not in OBJECT_DEPS or lower(pt).endswith("self") or lower(pt).endswith("selves"):
        return False
    verb = pt.head if pt.dep != "pobj" else toks[pt.head].head
    # "Kenya condemned the attack, calling it a crime": a participle or infinitive
    # without a subject of its own has its governing verb's
    for _ in range(4):
        t = toks[verb]
        if t.dep not in ("advcl", "xcomp", "conj") or t.head == verb:
            break
        if any(toks[k].dep in SUBJECT_DEPS for k in st.children[verb]):
            break
        verb = t.head
    mt = toks[m.head]
    return mt.dep in SUBJECT_DEPS and mt.head == verb


def perpetrator_antecedent(st: ResolverState, m: Mention, lemma: str) -> Cluster | None:
    """ "Gunmen stormed a hotel. The attackers killed nine guests": a definite description
    of perpetrators with nothing of its own refers back to the latest group of
    perpetrators or named armed group within three sentences (not to a state, a person
    or an organisation)."""
    if lemma not in PERPETRATOR or not m.definite or m.principal is not None or m.countries:
        return None
    sent = st.sent_of[m.head]
    best = None
    for c in root_clusters(st):
        if c.last_start >= m.start or c.etype != "group":
            continue
        if not (c.names or c.head_lemma in PERPETRATOR):
            continue
        if sent - st.sent_of[c.mentions[-1].head] > 3 or not may_describe(st, m, c, None):
            continue
        if best is None or c.last_start > best.last_start:
            best = c
    return best


def office_holders(st: ResolverState, m: Mention, lemma: str) -> list[Cluster]:
    """ "Putin met Erdogan in Sochi. The two presidents agreed ...", "Both leaders
    pledged ...": a definite plural description of office holders with nothing of its own
    names the people of that office (any office for "leaders") mentioned in the last three
    sentences, when there are at least two of them; "both" and "two" take the latest two.
    Returns them in the order first named, or [] ."""
    toks = st.toks
    if not m.plural or m.principal is not None or m.countries or m.role is None:
        return []  # (a state noun has no role sector: its role row is empty)
    words = {lower_word for k in st.children[m.head] for lower_word in (toks[k].text.lower(),)}
    if not (words & DEFINITE_DETERMINER or words & PAIR_WORD):
        return []
    sent = st.sent_of[m.head]
    found = []
    if lemma in STATE_NOUN:
        # "both countries", "the two nations": the states just named
        for c in root_clusters(st):
            if c.etype == "state" and c.last_start < m.start:
                if sent - st.sent_of[c.mentions[-1].head] <= 3:
                    found.append(c)
        if len(found) < 2:
            return []
        if words & PAIR_WORD:
            found = sorted(found, key=lambda c: c.last_start)[-2:]
        return sorted(found, key=lambda c: c.mentions[0].start)[:5]
    for c in root_clusters(st):
        if c.etype != "person" or c.last_start >= m.start or not c.names:
            continue
        if sent - st.sent_of[c.mentions[-1].head] > 3:
            continue
        offices = c.role_words | {r.phrase.split()[-1].lower() for _p, r in c.roles}
        leader = "leader" in m.role_words and any(r.agent == m.role.agent for _p, r in c.roles)
        if lemma in offices or leader:
            found.append(c)
    if len(found) < 2:
        return []
    if words & PAIR_WORD:
        found = sorted(found, key=lambda c: c.last_start)[-2:]
    return sorted(found, key=lambda c: c.mentions[0].start)[:5]


def own_words(c: Cluster) -> set[str]:
    """The lower-case words of a cluster's roles and names, and of its principal's names
    ("UNICEF" for UNICEF's executive director)."""
    names = [*c.role_words, *c.names]
    if c.principal is not None:
        names += c.principal.root().names
    return {w for x in names for w in x.lower().split()}
