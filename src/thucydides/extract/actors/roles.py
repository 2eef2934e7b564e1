"""Roles in the text: the longest role phrase a noun ends ("deputy foreign minister"),
roles written before a name ("Defence Minister"), the words a role is referred back by
("brigadier-general" → "general"), and former office holders (PLOVER sector ELI).
"""

from __future__ import annotations

from ...knowledge.actors import Role
from ...records import Token
from .state import ResolverState
from .tree import lower, prep_child
from .wordsets import FORMER_MARKER


def is_person_title(st: ResolverState, k: int) -> bool:
    """Whether token ``k`` is a person's title or a relational role written before a
    name ("President", "spokesperson"), as the curated roles file flags them."""
    role = st.kb.role(lower(st.toks[k]))
    return role is not None and role.kind == "person" and bool(role.flags & {"title", "relational"})


def roles_in(st: ResolverState, first: int, last: int) -> list[Role]:
    """Roles written in tokens ``first..last``: "Defence Minister", "Brigadier-General"."""
    toks = st.toks
    out: list[Role] = []
    i = first
    while i <= last:
        best = None
        for j in range(last, i - 1, -1):
            phrase = st.text[toks[i].start : toks[j].end]
            role = st.kb.role(phrase) or st.kb.role(phrase.rstrip("."))
            if role is not None and role.is_actor:
                best = (j, role)
                break
        if best is None:
            i += 1
            continue
        out.append(best[1])
        i = best[0] + 1
    return out


def has_former(st: ResolverState, i: int) -> bool:
    """Whether noun ``i`` is modified by "former", "ex-" or "retired"."""
    return any(
        lower(st.toks[c]) in FORMER_MARKER and c < i
        for c in st.children[i]
        if st.toks[c].dep in ("amod", "compound", "advmod", "nmod")
    )


def is_compound_role(st: ResolverState, i: int) -> bool:
    """A role noun used as a modifier of a noun that is no role ("army bulldozers")."""
    toks = st.toks
    t = toks[i]
    if t.dep != "compound" or t.pos != "NOUN" or toks[t.head].pos not in ("NOUN", "PROPN"):
        return False
    head_role, _ = role_at(st, t.head)
    if head_role is not None:
        return False
    role, _ = role_at(st, i)
    return role is not None and role.is_actor and role.kind != "other"


def role_at(st: ResolverState, i: int) -> tuple[Role | None, int]:
    """The longest role phrase ending in noun ``i``, and where its modifiers start."""
    toks = st.toks
    t = toks[i]
    mods = sorted(
        c
        for c in st.children[i]
        if c < i
        and toks[c].dep in ("compound", "amod", "nmod")
        and c not in st.country_tok
        and c not in st.bloc_tok
    )
    # only the contiguous run of modifiers just before the head counts
    run: list[int] = []
    for c in reversed(mods):
        if st.right[c] == (run[0] - 1 if run else i - 1):
            run.insert(0, st.left[c])
        else:
            break
    forms = [st.text[t.start : t.end].lower(), t.lemma.lower()]
    for start_tok in run:
        prefix = st.text[toks[start_tok].start : t.start].lower()
        for form in forms:
            role = st.kb.role(prefix + form)
            if role is not None:
                return role, start_tok
    # head + "of ..." phrases ("head of state")
    of = prep_child(st, i, ("of",))
    if of is not None:
        phrase = st.text[t.start : toks[st.right[of]].end]
        role = st.kb.role(phrase)
        if role is not None:
            return role, i
    for form in forms:
        role = st.kb.role(form)
        if role is not None:
            if role.agent is None and role.is_actor:
                # "opposition groups", "rebel group": the modifier's sector
                for start_tok in reversed(run):
                    mod = st.kb.role(lower(toks[start_tok]))
                    if mod is not None and mod.agent and mod.is_actor:
                        phrase = f"{lower(toks[start_tok])} {role.phrase}"
                        return Role(phrase, mod.agent, role.kind, role.flags), start_tok
            return role, i
    return None, i


def role_words(role: Role, tok: Token | None) -> frozenset[str]:
    """The words a role can be referred back by: "brigadier-general" → also "general"."""
    words = {role.phrase.lower()}
    last = role.phrase.lower().split()[-1]
    words.add(last)
    if "-" in last:
        words.add(last.split("-")[-1])
    if tok is not None:
        words.add(tok.lemma.lower())
        words.add(tok.text.lower())
    return frozenset(w.rstrip(".") for w in words)


def former_role(role: Role) -> Role:
    """ "former president": ELI, the PLOVER sector of former officials."""
    if role.agent in (None, "ELI") or "honorific" in role.flags:
        return role
    return Role("former " + role.phrase, "ELI", role.kind, role.flags - {"relational"})
