"""Pass 1b, descriptions: noun phrases headed by a role noun ("the general", "his men",
"one of the colonel's adjutants", "forces loyal to the GNA"), with the countries, the
principal and the named group their words state.
"""

from __future__ import annotations

from ...knowledge.actors import Role
from .roles import former_role, has_former, is_compound_role, role_at, role_words
from .state import Mention, ResolverState, add_mention, mention_at
from .tree import comma_between, country_in, determiner, lower, place_in, prep_child, under_poss
from .wordsets import (
    ALLEGIANCE_PREP,
    DEFINITE_DETERMINER,
    INSIDE_PREP,
    LEFT_DEPS,
    LOYAL_ADJ,
    MEMBER_NOUN,
    ORIGIN_PREP,
    OTHER_SIDE,
    PAIR_WORD,
    PARTITIVE_HEAD,
    PREDICATE_DEPS,
    PRINCIPAL_PREP,
    RESIDENCE_PREP,
    ROLE_COMPLEMENT_PREP,
    STANCE_PREFIX,
    STATE_EPITHET,
    STATE_NOUN,
)


def nominal_mentions(st: ResolverState, taken: set[int]) -> None:
    """Noun phrases headed by a role noun, outside names ("the general", "his men")."""
    toks = st.toks
    consumed: set[int] = set()
    for t in toks:
        i = t.i
        if i in taken or i in consumed or i in st.at_head:
            continue
        if t.pos not in ("NOUN", "PROPN", "ADJ", "NUM", "PRON"):
            continue
        has_case = any(toks[c].dep == "case" for c in st.children[i])
        if t.pos in ("ADJ", "PRON", "NUM") and not has_case and lower(t) not in PARTITIVE_HEAD:
            continue
        if t.dep in ("compound", "amod", "nmod") and not has_case:
            if not is_compound_role(st, i):
                continue
        if t.dep in PREDICATE_DEPS:
            continue
        if t.dep == "pobj" and lower(toks[t.head]) == "as":
            continue
        nominal_mention(st, i, consumed, taken)


def nominal_mention(st: ResolverState, i: int, consumed: set[int], taken: set[int]) -> None:
    """Makes the mention of the role noun phrase headed by ``i``, if it has a role."""
    toks = st.toks
    t = toks[i]
    low = lower(t)
    role_tok = i
    partitive = False
    if low in PARTITIVE_HEAD or t.lemma.lower() in PARTITIVE_HEAD:
        of = prep_child(st, i, ("of",))
        if of is not None and any(_gerund(st, k) for k in st.children[toks[of].head]):
            of = None  # "accused the group of killing and looting villages": an act
        if of is None and t.pos in ("NUM", "PRON", "ADJ", "DET"):
            return
        if of is not None:
            role_tok = of
            partitive = True
    role, _first_modifier = role_at(st, role_tok)
    if (role is None or not role.is_actor) and not partitive:
        code = state_epithet(st, i)
        if code is not None:
            # "the Baltic state expelled ...": the state the story has just named
            first = min([i] + [st.left[c] for c in st.children[i] if c < i])
            m = Mention(first, i, i, "name", "state", name=st.text[toks[first].start : t.end])
            m.state = code
            add_mention(st, m)
            return
    if (role is None or not role.is_actor) and state_pair(st, role_tok):
        role = Role(toks[role_tok].lemma.lower(), None, "group")
    if role is None and partitive and role_tok in st.at_head:
        # "one of the Hamas leaders" is handled by the role; "one of Hamas" is not an actor
        return
    if role is None or not role.is_actor:
        return
    if partitive:
        consumed.add(role_tok)
    kind = role.kind if role.kind in ("person", "group", "organization") else "other"
    rt = toks[role_tok]
    plural = rt.tag in ("NNS", "NNPS") or (role.kind == "group" and rt.lemma == rt.text)
    if partitive:
        plural = low != "one"
    if kind == "person" and plural:
        kind = "group"
    if kind == "group" and not plural and role.kind == "person":
        kind = "person"
    first = min([i] + [st.left[c] for c in st.children[i] if c < i and toks[c].dep in LEFT_DEPS])
    if t.dep == "compound":
        k = first - 1
        while k >= 0 and toks[k].head == t.head and k in st.country_tok:
            first = st.left[k]
            k = first - 1
    if partitive:
        last = st.right[role_tok]
    else:
        last = i
        for c in st.children[i]:
            if c < i:
                continue
            if comma_between(st, i, c):
                break
            dep, word = toks[c].dep, lower(toks[c])
            if (
                dep == "prep"
                and word in ROLE_COMPLEMENT_PREP
                # "accused the group of killing civilians": an act, not part of the group
                and not any(_gerund(st, k) for k in st.children[c])
            ) or (dep == "amod" and word in LOYAL_ADJ):
                last = max(last, st.right[c])
    det = determiner(st, i)
    if not det and any(toks[c].dep == "case" for c in st.children[i]):
        k = first - 1
        if k >= 0 and toks[k].dep == "det" and toks[k].head == t.head:
            first, det = k, lower(toks[k])  # "the colonel's adjutants": the colonel
    m = Mention(first, last, i, "nominal", kind, plural=plural, role=role)
    m.role_words = role_words(role, rt)
    m.definite = det in DEFINITE_DETERMINER or any(
        toks[c].dep == "poss" for c in st.children[role_tok if partitive else i]
    )
    if partitive:
        m.definite = True
    if "male" in role.flags:
        m.gender = "m"
    elif "female" in role.flags:
        m.gender = "f"
    nominal_evidence(st, m, role_tok, taken)
    if has_former(st, role_tok):
        m.role = former_role(role)
    add_mention(st, m)


def _gerund(st: ResolverState, k: int) -> bool:
    """An -ing form naming an act: tagged as one ("of killing civilians"), or a noun the
    parser took for one that heads a list of them ("of killing, maiming and looting")."""
    toks = st.toks
    if toks[k].tag == "VBG":
        return True

    def ing(j: int) -> bool:
        return toks[j].text.islower() and toks[j].text.endswith("ing")

    return (
        toks[k].pos == "NOUN"
        and ing(k)
        and any(toks[c].dep == "conj" and ing(c) for c in st.children[k])
    )


def nominal_evidence(st: ResolverState, m: Mention, i: int, taken: set[int]) -> None:
    """Countries, principal and known-group links of a role noun phrase."""
    toks = st.toks
    head = m.head
    seen: set[str] = set()
    for k in range(m.first, i):
        code = st.country_tok.get(k)
        if code is None and k in st.place_tok and not under_poss(st, k, i):
            if st.place_tok[k] not in m.hints:
                m.hints.append(st.place_tok[k])  # "Darfur rebels", "Kirkuk police"
            continue
        if code is None or code in seen:
            continue
        if k >= 2 and lower(toks[k - 1]) == "-" and lower(toks[k - 2]) in STANCE_PREFIX:
            continue  # "an anti-Syria journalist" is not Syrian
        # the demonym must modify this phrase, not sit in a possessor's own phrase
        if toks[k].dep == "poss" or under_poss(st, k, i):
            continue
        seen.add(code)
        m.countries.append(code)
    # "Israel's militia ally", "the rebels' rivals": another party, of another country
    m.other_side = toks[i].lemma.lower() in OTHER_SIDE
    for c in st.children[i] + ([] if head == i else st.children[head]):
        dep = toks[c].dep
        if dep == "poss":
            m.principal = c
        elif dep in ("compound", "amod", "nmod", "npadvmod") and c in st.bloc_tok:
            m.bloc = st.bloc_tok[c]
            m.principal = c
    lemma = toks[i].lemma.lower()
    members = lemma in MEMBER_NOUN or lemma.rstrip("s") in MEMBER_NOUN
    for c in st.children[i]:
        if toks[c].dep not in ("compound", "amod", "nmod") or c not in taken:
            continue
        mm = mention_at(st, c)
        if mm is None or mm.kind != "name" or mm.state is not None:
            continue
        if mm.known is not None and mm.known.kind == "state":
            continue
        if members and (mm.etype == "group" or (mm.known and mm.known.kind == "group")):
            m.link, m.absorb = c, True  # "Houthi rebels" are the Houthis
        elif m.principal is None:
            m.principal = c  # "Hamas leader", "Calenardhon government"
    obj = prep_child(st, i, ORIGIN_PREP)
    if obj is not None and obj in st.bloc_tok and m.bloc is None and obj in taken:
        m.bloc = st.bloc_tok[obj]  # "soldiers from Gondor" (a dictionary's own root)
    obj = prep_child(st, i, PRINCIPAL_PREP)
    if obj is not None and m.principal is None and not comma_between(st, i, obj):
        if m.role is not None and (
            "relational" in m.role.flags or m.role.kind in ("group", "person")
        ):
            m.principal = obj
    for c in st.children[i]:
        if toks[c].dep == "amod" and lower(toks[c]) in LOYAL_ADJ:
            obj = prep_child(st, c, ALLEGIANCE_PREP)
            if obj is not None:
                m.principal = obj
    place = prep_child(st, i, ORIGIN_PREP)
    if place is not None:
        code = country_in(st, place)
        if code:
            m.places.append(code)
        elif place_in(st, place):
            m.hints.append(place_in(st, place) or "")
    if toks[i].dep in ("dobj", "nsubjpass") and not m.places:
        # "killed three civilians in Kherson": those an act is done to are where it is
        # done (a hint, weaker than a demonym)
        place = prep_child(st, toks[i].head, INSIDE_PREP)
        if place is not None and place_in(st, place):
            m.hints.append(place_in(st, place) or "")
    for c in st.children[i]:
        if toks[c].dep == "acl":
            place = prep_child(st, c, RESIDENCE_PREP)
            if place is None:
                continue
            code = country_in(st, place)
            if code:
                m.places.append(code)  # "guerrillas operating in Macedonia"
            elif place_in(st, place):
                m.hints.append(place_in(st, place) or "")


def state_epithet(st: ResolverState, i: int) -> str | None:
    """The country of the state a definite singular state noun that is a clause's subject
    (or its subject's owner) stands for ("Lithuania warned Moscow. The Baltic state
    expelled a diplomat", "the landlocked nation", STATE_EPITHET): the state named last as
    (or in) a main clause's subject within the two sentences before, else the state named
    last. None when the noun names a country of its own ("the Russian state"), when none
    was named, when another state was named as a party and not only as a modifier
    ("Azerbaijan accused Armenia ... The landlocked country denied it"), or when a place
    in another country was named since ("Iran's minister arrived in Doha. The Gulf
    state's emir ...")."""
    toks = st.toks
    t = toks[i]
    if t.tag != "NN" or t.lemma.lower() not in STATE_EPITHET:
        return None
    if t.dep not in ("nsubj", "nsubjpass", "poss"):
        return None  # a subject, or a subject's owner ("the Gulf state's emir")
    kids = st.children[i]
    if not any(toks[k].dep == "det" and lower(toks[k]) in DEFINITE_DETERMINER for k in kids):
        return None
    if any(toks[k].dep in ("poss", "prep", "relcl") for k in kids):
        return None  # "the nation's capital", "the state of emergency"
    if any(k in st.country_tok or k in st.at_head for k in range(st.left[i], i)):
        return None  # "the Russian state": a country of its own
    sent = st.sent_of[i]
    best: tuple[tuple[bool, int], str] | None = None
    for m in st.mentions:
        if m.etype != "state" or m.state is None or m.head >= i:
            continue
        if sent - st.sent_of[m.head] > 2:
            continue
        key = (_in_subject(st, m.head), m.head)
        if best is None or key > best[0]:
            best = (key, m.state)
    if best is None:
        return None
    (_subject, at), code = best
    for m in st.mentions:
        if (
            m.etype == "state"
            and m.state not in (None, code)
            and m.head < i
            and sent - st.sent_of[m.head] <= 2
            and toks[m.head].dep not in ("amod", "compound", "poss", "nmod")
        ):
            return None  # "Azerbaijan accused Armenia ... the landlocked country": either
    states = {k for m in st.mentions if m.etype == "state" for k in range(m.first, m.last + 1)}
    if any(at < k < i and country != code and k not in states for k, country in st.place_firsts):
        return None  # "Iran's minister arrived in Doha. The Gulf state's emir": not Iran
    return code


def _in_subject(st: ResolverState, k: int) -> bool:
    """Whether token ``k`` is a main clause's subject or part of one ("Estonia",
    "Estonian officials"; not "Moscow" in "Latvia said Moscow was spreading lies")."""
    toks = st.toks
    for _ in range(3):
        if toks[k].dep in ("nsubj", "nsubjpass"):
            return toks[toks[k].head].dep in ("ROOT", "conj")
        if toks[k].dep not in ("amod", "compound", "poss", "nmod") or toks[k].head == k:
            return False
        k = toks[k].head
    return False


def state_pair(st: ResolverState, i: int) -> bool:
    """ "both countries", "the two nations": a plural state noun with a pair word, which
    names the two states just mentioned (``coref.office_holders``); "many countries" is
    no actor."""
    toks = st.toks
    if toks[i].tag not in ("NNS", "NNPS") or toks[i].lemma.lower() not in STATE_NOUN:
        return False
    return any(lower(toks[k]) in PAIR_WORD for k in st.children[i])
