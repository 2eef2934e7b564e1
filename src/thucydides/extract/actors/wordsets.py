"""The closed sets of words and labels the actor passes test tokens against.

Dependency labels, place features and sector codes are the parser's and PLOVER's
vocabulary; English words are word classes of ``data/rules/word-classes.tsv``.
"""

from __future__ import annotations

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
THING = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
PRONOUNS = MALE | FEMALE | THING | PLURAL
#: Adjectives that put a group outside the country its story is about.
FOREIGN = frozenset({"foreign", "international", "multinational", "external", "overseas"})
RELATIVES = {"who", "whom", "whose", "which", "that"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj"}
PREDICATE_DEPS = {"attr", "acomp", "oprd"}
#: Left dependents that belong to a noun phrase's span.
LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "predet", "case"}
#: Prepositions whose complement stays inside a role noun phrase's span.
RIGHT_PREPS = {"of", "for", "in", "from", "within", "inside"}
#: Prepositions after which a name is a place ("in Tripoli"), not an actor.
LOCATIVE = {
    "in", "at", "near", "across", "into", "inside", "outside", "throughout", "within",
    "around", "through", "from", "along", "off", "beyond", "towards", "toward",
}  # fmt: skip
#: Heads after which "to X" is a destination ("fled to Kenya"), not a recipient.
MOTION = {
    "go", "travel", "flee", "return", "visit", "trip", "arrive", "move", "head", "fly",
    "deploy", "send", "come", "journey", "way", "route", "road", "deport", "export",
}  # fmt: skip
#: Verbs of saying: their subject is a speaker.
SPEECH = {
    "say", "add", "tell", "state", "announce", "declare", "claim", "insist", "warn",
    "explain", "note", "report", "stress", "argue", "comment", "reply", "respond", "confirm",
    "deny", "allege", "write", "continue", "conclude", "acknowledge", "admit", "assert",
    "maintain", "suggest", "urge", "vow", "pledge", "describe", "charge",
}  # fmt: skip
#: Heads of partitive phrases whose real role is the complement's: "one of the adjutants".
PARTITIVES = {
    "one", "some", "many", "several", "most", "all", "two", "three", "four", "five", "six",
    "dozens", "hundreds", "thousands", "scores", "none", "each", "group", "number", "handful",
}  # fmt: skip
#: Adjectives that attach a group to its principal: "forces loyal to the GNA".
LOYAL = {"loyal", "allied", "affiliated", "aligned", "close", "belonging", "linked", "faithful"}
#: Place features whose country a phrase containing them takes (countries are the
#: knowledge files' business).
LOCAL_FEATURES = {"city", "admin", "region"}
#: Role heads whose possessor is another party: "Israel's ally" is not Israel's own.
OTHER_SIDE = {"ally", "partner", "rival", "enemy", "foe", "opponent", "adversary",
               "neighbor", "neighbour", "counterpart", "proxy"}  # fmt: skip
#: Words before a people or adjective form that make it an ethnicity ("ethnic Albanians").
ETHNIC = {"ethnic", "ethnically"}
#: Role heads that stand for a named group's own members: "Houthi rebels" is the Houthis.
MEMBERS = {
    "fighter", "gunman", "militant", "rebel", "force", "troop", "militia", "militiaman",
    "insurgent", "jihadist", "guerrilla", "member", "soldier", "unit", "wing", "army",
    "man", "loyalist", "supporter", "separatist", "extremist", "terrorist", "mercenary",
}  # fmt: skip
#: Role heads that are the same set of people for group keys: "his men" = "his forces".
FORCE_WORDS = {
    "force", "troop", "man", "fighter", "soldier", "militia", "militiaman", "unit",
    "army", "loyalist", "gunman",
}  # fmt: skip
#: Sectors of non-state principals whose people take the principal's sector.
NON_STATE = {"REB", "UAF", "PRM", "PTY", "OPP", "CRM"}
#: Closing quotation marks: '"...," he said' continues the last speaker.
QUOTE_CLOSE = {"''", '"', "”"}
#: Organisations whose soldiers are the organisation: "the army's soldiers" is the army.
ARMED_BODIES = {"army", "military", "navy", "force", "militia", "guard", "police"}
#: Modifiers that make an office holder a former one (PLOVER sector ELI).
FORMER = {"former", "ex", "retired", "ex-"}
#: "If anyone wants to help, they should ...": "they" is nobody in the text.
INDEFINITES = {"anyone", "anybody", "someone", "somebody", "everyone", "everybody", "whoever"}
