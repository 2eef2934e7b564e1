"""The closed sets the actor passes test tokens against.

English words are word classes of ``data/rules/word-classes.tsv`` (each row with its
source, an example and a counter-example), read once per process when this module is
imported; each constant here is named after its class. What stays in code is the
parser's and PLOVER's own vocabulary: dependency labels, tags, place features and
sector codes.
"""

from __future__ import annotations

from ...knowledge.words import WordClasses

_CLASSES = WordClasses.default()

# ---------------------------------------------------------------- word classes (data)

MALE_PRONOUN = _CLASSES["MALE_PRONOUN"]
FEMALE_PRONOUN = _CLASSES["FEMALE_PRONOUN"]
THING_PRONOUN = _CLASSES["THING_PRONOUN"]
PLURAL_PRONOUN = _CLASSES["PLURAL_PRONOUN"]
#: the third-person pronouns that make a pronoun mention
PRONOUNS = MALE_PRONOUN | FEMALE_PRONOUN | THING_PRONOUN | PLURAL_PRONOUN
RELATIVE_PRONOUN = _CLASSES["RELATIVE_PRONOUN"]
PLACE_NOUN = _CLASSES["PLACE_NOUN"]
#: "If anyone wishes to help, they must ...": "they" is nobody in the text.
INDEFINITE_PRONOUN = _CLASSES["INDEFINITE_PRONOUN"]
#: Adjectives that put a group outside the country its story is about.
FOREIGN = _CLASSES["FOREIGN"]
#: Adjectives of a region of many countries: "European peacekeepers" are of none of them.
REGIONAL = _CLASSES["REGIONAL"]
#: Nouns a person's name modifies to name a thing: "JFK airport", "the Nobel prize".
NAMED_FACILITY = _CLASSES["NAMED_FACILITY"]
#: Prepositions whose complement stays inside a role noun phrase's span.
ROLE_COMPLEMENT_PREP = _CLASSES["ROLE_COMPLEMENT_PREP"]
#: Prepositions after which a name is a place ("in Tripoli"), not an actor.
LOCATIVE_PREP = _CLASSES["LOCATIVE_PREP"]
INSIDE_PREP = _CLASSES["INSIDE_PREP"]
#: Heads after which "to X" is a destination ("fled to Kenya"), not a recipient.
MOTION_VERB = _CLASSES["MOTION_VERB"]
#: Verbs of saying: their subject is a speaker.
SPEECH_VERB = _CLASSES["SPEECH_VERB"]
#: Heads of partitive phrases whose real role is the complement's: "one of the adjutants".
PARTITIVE_HEAD = _CLASSES["PARTITIVE_HEAD"]
#: Adjectives that attach a group to its principal: "forces loyal to the GNA".
LOYAL_ADJ = _CLASSES["LOYAL_ADJ"]
ORIGIN_PREP = _CLASSES["ORIGIN_PREP"]
PRINCIPAL_PREP = _CLASSES["PRINCIPAL_PREP"]
ALLEGIANCE_PREP = _CLASSES["ALLEGIANCE_PREP"]
RESIDENCE_PREP = _CLASSES["RESIDENCE_PREP"]
#: Role heads whose possessor is another party: "Israel's ally" is not Israel's own.
OTHER_SIDE = _CLASSES["OTHER_SIDE"]
#: Words before a people or adjective form that make it an ethnicity ("ethnic Albanians").
ETHNIC_MARKER = _CLASSES["ETHNIC_MARKER"]
#: Role heads that stand for a named group's own members: "Houthi rebels" is the Houthis.
MEMBER_NOUN = _CLASSES["MEMBER_NOUN"]
#: Role heads that are the same set of people for group keys: "his men" = "his forces".
FORCE_NOUN = _CLASSES["FORCE_NOUN"]
#: Organisations whose soldiers are the organisation: "the army's soldiers" is the army.
ARMED_BODY = _CLASSES["ARMED_BODY"]
#: Modifiers that make an office holder a former one (PLOVER sector ELI).
FORMER_MARKER = _CLASSES["FORMER_MARKER"]
#: Prefixes that take a country's name out of its phrase: "an anti-Syria journalist".
STANCE_PREFIX = _CLASSES["STANCE_PREFIX"]
#: An apposition across a negation is no identity: "feed the farmers, not Karimov".
NEGATION = _CLASSES["NEGATION"]
#: Determiners of a description that refers back: "the general".
DEFINITE_DETERMINER = _CLASSES["DEFINITE_DETERMINER"]
#: Nouns of any organised body: "the insurgent group" refers back to a named one.
COLLECTIVE_NOUN = _CLASSES["COLLECTIVE_NOUN"]
#: Participles that name a description: "a rebel group known as 3R".
NAMING_VERB = _CLASSES["NAMING_VERB"]
#: "known by his nickname Farmajo": nouns that introduce another name.
NAME_NOUN = _CLASSES["NAME_NOUN"]
#: "known as X", "known by his nickname X": the preposition before the name.
NAMING_PREP = _CLASSES["NAMING_PREP"]
#: Nouns for whoever carried out an attack: "the attackers" after "gunmen".
PERPETRATOR = _CLASSES["PERPETRATOR"]
#: "the son of X ... his father": the parent of X's child is X.
PARENT_NOUN = _CLASSES["PARENT_NOUN"]
#: "both leaders", "the two presidents": the pair just named.
PAIR_WORD = _CLASSES["PAIR_WORD"]
#: "both countries": the two states just named.
STATE_NOUN = _CLASSES["STATE_NOUN"]
STATE_EPITHET = _CLASSES["STATE_EPITHET"]
CHILD_NOUN = _CLASSES["CHILD_NOUN"]

# ---------------------------------------------------------------- parser and PLOVER labels

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd"})
#: Left dependents that belong to a noun phrase's span.
LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "predet", "case"}
)
#: Place features whose country a phrase containing them takes (countries are the
#: knowledge files' business).
LOCAL_FEATURES = frozenset({"city", "admin", "region"})
#: Sectors of non-state principals whose people take the principal's sector.
NON_STATE = frozenset({"REB", "UAF", "PRM", "PTY", "OPP", "CRM"})
#: Closing quotation marks: '"...," he said' continues the last speaker.
QUOTE_CLOSE = frozenset({"''", '"', "”"})
