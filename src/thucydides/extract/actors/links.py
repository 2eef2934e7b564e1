"""Pass 2, links: appositions ("Emre Kaplan, Turkey's deputy defence minister"),
relative pronouns ("Hiftar, who ...") and principals ("his men") point each mention at
the mention it is, or belongs to.
"""

from __future__ import annotations

from .state import Mention, ResolverState, mention_at
from .tree import lower
from .wordsets import NAME_NOUN, NAMING_PREP, NAMING_VERB, NEGATION


def link_mentions(st: ResolverState) -> None:
    """Pass 2: appositions, links and principals, pointed at mention heads."""
    toks = st.toks
    for m in st.mentions:
        tok = toks[m.head]
        if m.link is None and tok.dep == "appos" and tok.head != tok.i:
            lo, hi = sorted((tok.head, m.head))
            if any(lower(toks[k]) in NEGATION for k in range(lo, hi + 1)):
                continue  # "feed the farmers, not Karimov"
            target = mention_at(st, tok.head)
            if target is not None and target is not m and compatible_appos(m, target):
                m.link = target.head
        if m.link is None and m.kind == "name":
            described = named_description(st, m.head)
            if described is not None:
                target = mention_at(st, described)
                if target is not None and target is not m and compatible_appos(m, target):
                    m.link = target.head
        if m.link is not None and m.link not in st.at_head:
            target = mention_at(st, m.link)
            m.link = target.head if target is not None and target is not m else None
        if m.principal is not None:
            target = mention_at(st, m.principal)
            m.principal = target.head if target is not None and target is not m else None


def compatible_appos(m: Mention, target: Mention) -> bool:
    """Whether an apposition may say two mentions are one actor."""
    if m.kind == "pronoun" or target.kind == "pronoun":
        return False
    kinds = {m.etype, target.etype}
    if kinds == {"person"}:
        return not m.plural and not target.plural
    if "person" in kinds:
        return False
    if "state" in kinds:
        return kinds == {"state"} and m.state == target.state
    return True


def named_description(st: ResolverState, i: int) -> int | None:
    """The description or name a name is given to: "a rebel group known as 3R", "an armed
    group calling itself the Mountain Front", "Mohamed, known by his nickname Farmajo"
    (token ``i`` is the name's head)."""
    toks = st.toks
    tok = toks[i]
    if tok.dep in ("appos", "compound") and toks[tok.head].lemma.lower() in NAME_NOUN:
        tok = toks[tok.head]  # "known by his nickname Farmajo": the nickname's phrase
    verb = tok.head
    if tok.dep in ("pobj", "agent") and lower(toks[verb]) in NAMING_PREP:
        verb = toks[verb].head
    elif tok.dep != "oprd":
        return None
    v = toks[verb]
    if v.dep != "acl" or v.lemma.lower() not in NAMING_VERB or v.head == verb:
        return None
    return v.head
