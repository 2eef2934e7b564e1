"""Pass 3, clusters: mentions of one actor grouped in text order: the same country,
known actor, surname, organisation name or acronym; descriptions and pronouns join the
actor ``coref`` picks; groups are keyed by principal or country and head noun ("his men"
= "his forces").
"""

from __future__ import annotations

import re

from ...knowledge.actors import Role
from .coref import (
    bridge_description,
    countries_agree,
    group_antecedent,
    office_holders,
    org_antecedent,
    perpetrator_antecedent,
    person_antecedent,
    pronoun_antecedent,
    unnamed_descriptions,
)
from .roles import role_words
from .state import Cluster, Mention, ResolverState, root_clusters
from .tree import description_label, lower, prep_child
from .wordsets import (
    ARMED_BODY,
    CHILD_NOUN,
    FORCE_NOUN,
    PARENT_NOUN,
    PARTITIVE_HEAD,
    SPEECH_VERB,
    SUBJECT_DEPS,
)


def new_cluster(st: ResolverState, etype: str, m: Mention | None = None) -> Cluster:
    """A new cluster of type ``etype``, with ``m`` as its first mention if given."""
    c = Cluster(len(st.clusters), etype)
    st.clusters.append(c)
    if m is not None:
        join(st, m, c)
    return c


def join(st: ResolverState, m: Mention, c: Cluster) -> None:
    """Adds a mention to a cluster with what it tells: roles, gender, principal, names."""
    c = c.root()
    m.cluster = c
    c.mentions.append(m)
    if m.known is not None and c.known is None:
        c.known = m.known  # "the Lebanese militia, Hezbollah"
        st.knowns[id(m.known)] = c
    if m.state is not None and c.state is None and c.etype == "state":
        st.states[m.state] = c
    if m.role is not None:
        c.roles.append((2 if m.kind == "nominal" else 1, m.role))
        c.role_words |= m.role_words
    for role in m.titles:
        c.roles.append((0, role))
        c.role_words |= role_words(role, None)
    if m.gender and not c.gender:
        c.gender = m.gender
    if m.principal is not None and c.principal is None:
        p = st.at_head[m.principal].cluster
        if p is not None and p.root() is not c:
            c.principal = p.root()
    if m.kind == "name" and m.name and m.name not in c.names:
        c.names.append(m.name)
        index_name(st, m, c)


def index_name(st: ResolverState, m: Mention, c: Cluster) -> None:
    """Indexes a name of ``c`` by surname (people) or folded name (others)."""
    if c.etype == "person" or m.etype == "person":
        words = m.name.split()
        if words:
            st.surnames.setdefault(words[-1].lower(), []).append(c)
        if len(words) > 1:
            st.first_words.setdefault(words[0].lower(), []).append(c)
    else:
        st.org_names[fold_name(m.name)] = c


def merge(st: ResolverState, a: Cluster, b: Cluster) -> Cluster:
    """Merges two clusters into the older one; returns the survivor."""
    a, b = a.root(), b.root()
    if a is b:
        return a
    if b.n < a.n:
        a, b = b, a
    b.parent = a
    for m in b.mentions:
        m.cluster = a
    a.mentions.extend(b.mentions)
    a.names.extend(n for n in b.names if n not in a.names)
    a.roles.extend(b.roles)
    a.role_words |= b.role_words
    a.known = a.known or b.known
    a.state = a.state or b.state
    a.principal = a.principal or b.principal
    a.gender = a.gender or b.gender
    if a.etype != b.etype:
        a.etype = stronger(a.etype, b.etype)
    b.mentions = []
    return a


def process(st: ResolverState, m: Mention) -> None:
    """Clusters one mention, after the mentions it depends on (principal, link)."""
    if m.done:
        return
    m.done = True
    if m.principal is not None:
        process(st, st.at_head[m.principal])
    if m.link is not None:
        target = st.at_head[m.link]
        process(st, target)
        if target.cluster is not None:
            if m.kind == "name" and not m.absorb:
                other = find_named(st, m)
                join(st, m, target.cluster)
                if other is not None:
                    merge(st, other, target.cluster)
            else:
                join(st, m, target.cluster)
            after_clustered(st, m)
            return
    if m.kind == "name":
        cluster_name(st, m)
    elif m.kind == "nominal":
        cluster_nominal(st, m)
    elif m.kind == "pronoun":
        c = pronoun_antecedent(st, m)
        if c is not None:
            join(st, m, c)
    after_clustered(st, m)


def after_clustered(st: ResolverState, m: Mention) -> None:
    """Records a clustered mention, and its cluster as a speaker when it says something."""
    if m.cluster is None:
        return
    st.processed.append(m)
    tok = st.toks[m.head]
    if tok.dep in SUBJECT_DEPS and st.toks[tok.head].lemma.lower() in SPEECH_VERB:
        st.speakers.append((st.sent_of[m.head], m.start, m.cluster.root()))


def find_named(st: ResolverState, m: Mention) -> Cluster | None:
    """An existing cluster this name already belongs to, if any."""
    if m.known is not None:
        c = st.knowns.get(id(m.known))
        return c.root() if c else None
    if m.state is not None:
        c = st.states.get(m.state)
        return c.root() if c else None
    words = m.name.split()
    if not words:
        return None
    key = fold_name(m.name)
    for c in reversed(st.surnames.get(words[-1].lower(), [])):
        c = c.root()
        if first_names_agree(words, c.names):
            return c
    if len(words) == 1 and m.etype in ("person", "other"):
        # a family name written first ("Kim Jong Un ... Kim", "Xi Jinping ... Xi"): the
        # one person whose name begins with it, when no surname matched and none other does
        people = {c.root().n: c.root() for c in st.first_words.get(words[0].lower(), [])}
        if len(people) == 1:
            return next(iter(people.values()))
    if key in st.org_names:
        return st.org_names[key].root()
    if m.etype != "person" and m.name.isupper() and len(m.name) >= 2:
        for c in st.clusters:
            if c.parent is None and any(acronym(n) == m.name for n in c.names):
                return c
    return None


def cluster_name(st: ResolverState, m: Mention) -> None:
    """Clusters a name: the actor it already names, a description it continues, or new."""
    c = find_named(st, m)
    if c is not None:
        join(st, m, c)
        acronym_alias(st, m, c)
        return
    if m.etype == "person":
        c = bridge_description(
            st,
            m,
            "person",
            6,
            {r.phrase.split()[-1].lower() for r in m.titles}
            | {w for r in m.titles for w in role_words(r, None)},
        )
        if c is None and not m.titles:
            c = lede_description(st, m)
    elif m.etype == "organization" and m.known is None:
        c = bridge_description(st, m, "organization", 10_000, {st.toks[m.head].lemma.lower()})
    if c is None:
        c = new_cluster(st, m.etype)
        c.known = m.known
        c.state = m.state
        c.head_lemma = st.toks[m.head].lemma.lower()
    if m.known is not None:
        st.knowns[id(m.known)] = c
    if m.state is not None:
        st.states[m.state] = c
    join(st, m, c)
    acronym_alias(st, m, c)


def lede_description(st: ResolverState, m: Mention) -> Cluster | None:
    """A news story's opening: "The U.N. special envoy for Syria is calling for ... Geir
    Pedersen issued his appeal Friday." A bare name (no title, no apposition) that is the
    subject of its sentence names the one unnamed person a definite description made the
    subject of the sentence before."""
    toks = st.toks
    if toks[m.head].dep not in ("nsubj", "nsubjpass") or m.countries:
        return None
    known = [m.known.country] if m.known is not None and m.known.country else []
    if any(toks[c].dep == "appos" for c in st.children[m.head]):
        return None
    sent = st.sent_of[m.head]
    if sent not in (1, 2):
        return None  # the opening (after a headline) only: later, a new name is as often
        # a new person
    found = [
        c
        for c in unnamed_descriptions(st, "person")
        # "the mother of an activist", "the lawyer for X": someone else's relation
        if (c.principal is None or c.principal.root().etype in ("organization", "state"))
        and countries_agree(st, known, c)  # not "the Russian minister ... Zelensky"
        and sent - st.sent_of[c.mentions[-1].head] == 1
        and all(mm.kind == "nominal" and mm.definite and not mm.plural for mm in c.mentions)
        and toks[c.mentions[-1].head].dep in ("nsubj", "nsubjpass")
    ]
    return found[0] if len(found) == 1 else None


def acronym_alias(st: ResolverState, m: Mention, c: Cluster) -> None:
    """Registers "GNU" for "the Government of National Unity (GNU)"."""
    j = m.last + 1
    toks = st.toks
    if j + 2 < len(toks) and lower(toks[j]) == "(" and lower(toks[j + 2]) == ")":
        short = toks[j + 1].text
        if short.isupper() and len(short) >= 2:
            st.org_names[fold_name(short)] = c.root()


def cluster_nominal(st: ResolverState, m: Mention) -> None:
    """Clusters a description: by principal or country for groups, else back-reference."""
    role = m.role
    assert role is not None
    lemma = st.toks[m.head].lemma.lower()
    if lemma in PARTITIVE_HEAD:
        rt = prep_child(st, m.head, ("of",))
        lemma = st.toks[rt].lemma.lower() if rt is not None else lemma
    principal = st.at_head[m.principal].cluster if m.principal is not None else None
    if principal is not None:
        principal = principal.root()
        if principal.principal is not None and principal.etype == "group":
            principal = principal.principal.root()  # "their fighters" of Hiftar's commanders
    if (
        principal is not None
        and lemma in PARENT_NOUN
        and principal.head_lemma in CHILD_NOUN
        and principal.principal is not None
        and principal.principal.root().etype == "person"
    ):
        m.principal = None  # X is not the son's own: no principal, no cycle
        join(st, m, principal.principal.root())  # "the son of X ... his father" is X
        return
    # "his men" = "his forces", one set of people under one principal; without a
    # principal, "gunmen" and "security forces" in one country are two sides
    force = lemma in FORCE_NOUN or lemma.rstrip("s") in FORCE_NOUN
    cls = "forces" if force and principal is not None else lemma
    holders = office_holders(st, m, lemma)
    if holders:
        # "the two presidents": one mention shared by the people it names
        m.plural = False  # each is still one person for a later "the president"
        join(st, m, holders[0])
        m.extra.extend(holders[1:])
        return
    countries = list(dict.fromkeys(m.countries))
    if m.plural and len(countries) > 1 and m.etype in ("group", "other"):
        # "Hungarian and Romanian officials": one actor per country, sharing the span
        for n, code in enumerate(countries):
            c = st.group_keys.get(("in", code, cls))
            if c is None:
                c = new_cluster(st, m.etype)
                c.head_lemma = lemma
                c.fixed_country = code
                st.group_keys[("in", code, cls)] = c
            c = c.root()
            if n == 0:
                join(st, m, c)
            else:
                m.extra.append(c)
                c.role_words |= m.role_words
                c.roles.append((2, role))
                c.label = c.label or description_label(st, m)
        return
    if m.plural and m.principal is not None and m.etype in ("group", "other"):
        coordinated_principals(st, m, cls, role)
    if (
        cls == "forces"
        and principal is not None
        and principal.etype == "organization"
        and (principal.head_lemma in FORCE_NOUN | ARMED_BODY)
    ):
        join(st, m, principal)  # "the army's soldiers" are the army
        return
    if m.etype in ("group",) and (principal is not None or countries):
        if principal is not None and principal.etype != "state":
            key: tuple = ("of", principal.n, cls)
            join_keyed(st, m, key, principal)
            return
        where = countries[0] if countries else principal.state if principal else None
        join_keyed(st, m, ("in", where, cls), principal)
        return
    if m.etype == "group":
        c = group_antecedent(st, m, lemma) or perpetrator_antecedent(st, m, lemma)
        if c is not None:
            join(st, m, c)
            return
        key = ("in", m.places[0] if m.places else None, cls)
        if m.definite or key in st.group_keys:
            join_keyed(st, m, key, None)
            return
        join_keyed(st, m, key, None)
        return
    if m.etype == "other":
        same = [
            c
            for c in root_clusters(st)
            if c.etype == "other" and c.head_lemma == lemma and c.last_start < m.start
        ]
        if m.definite and same and countries_agree(st, m.countries, same[-1]):
            join(st, m, same[-1])
        else:
            new_cluster(st, "other", m).head_lemma = lemma
        return
    if m.etype == "organization":
        c = org_antecedent(st, m, lemma, principal)
        if c is not None:
            join(st, m, c)
            return
        c = new_cluster(st, "organization", m)
        c.head_lemma = lemma
        return
    # a person: a definite description refers back, an indefinite one is new
    if m.definite:
        c = person_antecedent(st, m, principal)
        if c is not None:
            join(st, m, c)
            return
    c = new_cluster(st, "person", m)
    c.head_lemma = lemma


def coordinated_principals(st: ResolverState, m: Mention, cls: str, role: Role) -> None:
    """ "the ambassadors of Arnor, Osgiliath and Gondor": one group per principal."""
    assert m.principal is not None
    toks = st.toks
    stack = [m.principal]
    seen = {m.principal}
    while stack:
        k = stack.pop()
        for c in st.children[k]:
            if toks[c].dep == "conj" and c not in seen and c in st.at_head:
                seen.add(c)
                stack.append(c)
                other = st.at_head[c]
                process(st, other)
                if other.cluster is None:
                    continue
                p = other.cluster.root()
                key = ("in", p.state, cls) if p.state else ("of", p.n, cls)
                group = st.group_keys.get(key)
                if group is None:
                    group = new_cluster(st, m.etype)
                    group.head_lemma = toks[m.head].lemma.lower()
                    group.principal = p
                    group.fixed_country = p.state
                    st.group_keys[key] = group
                group = group.root()
                m.extra.append(group)
                group.role_words |= m.role_words
                group.roles.append((2, role))


def join_keyed(st: ResolverState, m: Mention, key: tuple, principal: Cluster | None) -> None:
    """Joins ``m`` to the group cluster under ``key``, made on first use."""
    c = st.group_keys.get(key)
    if c is None or c.root().mentions == []:
        c = new_cluster(st, "group")
        c.head_lemma = st.toks[m.head].lemma.lower()
        st.group_keys[key] = c
        if principal is not None:
            c.principal = principal
    join(st, m, c.root())


def fold_name(name: str) -> str:
    """A name compared across mentions: no leading "the", one apostrophe, lower case."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return " ".join(name.replace("’", "'").lower().split())


def acronym(name: str) -> str:
    """The initials of a name's capitalised words: "Government of National Accord" -> GNA."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()]
    return "".join(w[0] for w in words)


def first_names_agree(words: list[str], names: list[str]) -> bool:
    """ "Hiftar" fits "Khalifa Hiftar"; "Saif Gaddafi" does not fit "Muammar Gaddafi"."""
    if len(words) == 1:
        return True
    full = [name.split() for name in names if len(name.split()) > 1]
    if not full:
        return True  # only a surname so far ("Lai said ... Jimmy Lai")
    # "Sebastien Lai" does not fit "Jimmy Lai", though "Lai" alone fits both
    return any(other[0].lower() == words[0].lower() for other in full)


def stronger(a: str, b: str) -> str:
    """The more specific of two entity types (person before state before organization...)."""
    rank = {"person": 0, "state": 1, "organization": 2, "group": 3, "other": 4}
    return a if rank.get(a, 5) <= rank.get(b, 5) else b
