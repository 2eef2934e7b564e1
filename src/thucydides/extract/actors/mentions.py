"""Pass 1, all mentions: names (``names``), descriptions (``nominals``) and, here,
third-person and relative pronouns; ``find_mentions`` runs the three in order.
"""

from __future__ import annotations

from .names import name_mentions
from .nominals import nominal_mentions
from .state import Mention, ResolverState, add_mention
from .tree import lower
from .wordsets import FEMALE_PRONOUN, MALE_PRONOUN, PLURAL_PRONOUN, PRONOUNS, RELATIVE_PRONOUN


def pronoun_mentions(st: ResolverState) -> None:
    """Third-person pronouns, and relative pronouns linked to the noun they follow."""
    for t in st.toks:
        low = lower(t)
        if t.i in st.at_head:
            continue
        if low in PRONOUNS and t.pos == "PRON":
            etype = (
                "person"
                if low in MALE_PRONOUN | FEMALE_PRONOUN
                else "group"
                if low in PLURAL_PRONOUN
                else "other"
            )
            m = Mention(t.i, t.i, t.i, "pronoun", etype, plural=low in PLURAL_PRONOUN)
            m.gender = "m" if low in MALE_PRONOUN else "f" if low in FEMALE_PRONOUN else None
            add_mention(st, m)
        elif low in RELATIVE_PRONOUN and t.tag in ("WP", "WP$", "WDT"):
            verb = st.toks[t.head] if t.dep != "poss" else st.toks[st.toks[t.head].head]
            if verb.dep in ("relcl", "acl") and verb.head != verb.i:
                m = Mention(t.i, t.i, t.i, "relative", "other")
                m.link = verb.head
                add_mention(st, m)


def find_mentions(st: ResolverState) -> None:
    """Pass 1: names, then descriptions outside them, then pronouns; in head order."""
    taken = name_mentions(st)
    nominal_mentions(st, taken)
    pronoun_mentions(st)
    st.mentions.sort(key=lambda m: (m.head, m.start))
