"""Reactions to an earlier event take its actor as their recipient (extract/discourse.py)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import code_text, coded_events

pytestmark = pytest.mark.slow


_events = coded_events


@pytest.mark.parametrize(
    ("text", "reaction"),
    [
        (
            "Al-Shabaab militants attacked an army base near Mogadishu on Monday. "
            "Kenya condemned the attack on Tuesday.",
            ("ACCUSE", ["Kenya"], ["al-Shabab"]),
        ),
        (
            "The United States accused Iran of supplying drones to Russia. "
            "Iran rejected the accusations.",
            ("REJECT", ["Iran"], ["United States"]),
        ),
        (
            # the warrant is of the arrest: its compound names the act it answers
            "Zambian prosecutors ordered the arrest of opposition leader Joseph Mwale on "
            "Monday for ignoring a court summons. Mwale rejected the arrest warrant on "
            "Tuesday, calling it politically motivated.",
            ("REJECT", ["Joseph Mwale"], ["Zambian prosecutors"]),
        ),
    ],
)
def test_a_definite_noun_points_back_at_the_event_it_reacts_to(
    parser, knowledge, text, reaction
) -> None:
    assert reaction in _events(parser, knowledge, text)


@pytest.mark.parametrize(
    ("text", "reaction"),
    [
        (
            "Mali expelled two Algerian diplomats on Monday. Algiers called the move unjustified.",
            ("ACCUSE", ["Algeria"], ["Mali"]),
        ),
        (
            "Turkey closed its airspace to Armenian flights on Friday. Armenia's foreign "
            "ministry criticised the decision.",
            ("ACCUSE", ["ministry of Armenia"], ["Turkey"]),
        ),
    ],
)
def test_a_noun_for_whatever_was_just_done_points_at_the_latest_act(
    parser, knowledge, text, reaction
) -> None:
    # "the move", "the decision": no event type of their own, the other party's last act
    assert reaction in _events(parser, knowledge, text)


def test_a_noun_for_whatever_was_done_reaches_only_a_sentence_or_two_back(
    parser, knowledge
) -> None:
    events = _events(
        parser,
        knowledge,
        "Mali expelled two Algerian diplomats on Monday. The talks resumed in Bamako. "
        "Trade fell in the north. Prices rose in the capital. Algiers criticised the move.",
    )
    (criticised,) = [e for e in events if e[0] == "ACCUSE"]
    assert "Mali" not in criticised[2]


def test_an_indefinite_noun_is_a_new_event_not_a_reference(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Rebels shelled the town of Goma on Friday. The United Nations condemned an attack "
        "in Sudan.",
    )
    (condemned,) = [e for e in events if e[0] == "ACCUSE"]
    assert "Rebels" not in condemned[2]


def test_an_actor_does_not_react_to_its_own_act(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Iran accused Israel of sabotage at the Natanz plant. Iran later repeated the "
        "accusations at the United Nations.",
    )
    assert all("Iran" not in recipient for _type, _actor, recipient in events)


@pytest.mark.parametrize(
    ("text", "kind", "parties"),
    [
        (
            "India and Mauritius agreed to expand their maritime cooperation.",
            "AGREE",
            ["India", "Mauritius"],
        ),
        (
            "Chile and Peru held talks on their border in Lima on Monday.",
            "CONSULT",
            ["Chile", "Peru"],
        ),
    ],
)
def test_a_reciprocal_act_has_every_party_as_actor_and_no_recipient(
    parser, knowledge, text, kind, parties
) -> None:
    """PLOVER manual, "Compound and Reciprocal Actors": all the entities of a reciprocal
    event are its actor, and no recipient is included."""
    assert (kind, parties, []) in _events(parser, knowledge, text)


def test_a_one_sided_act_of_two_parties_is_not_split(parser, knowledge) -> None:
    events = _events(parser, knowledge, "Russia and Iran shelled rebel positions near Idlib.")
    assert all(len(actor) == 2 for kind, actor, _r in events if kind == "ASSAULT")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile's foreign minister Ana Rojas issued a statement on Tuesday about the vote. "
            "The statement threatened sanctions against Peru.",
            ("THREATEN", ["Ana Rojas"], ["Peru"]),
        ),
        (
            "A report by the United Nations was published on Monday. The report accused "
            "Myanmar of attacking villages.",
            ("ACCUSE", ["United Nations"], ["Myanmar"]),
        ),
    ],
)
def test_a_document_speaks_for_its_author(parser, knowledge, text, expected) -> None:
    assert expected in _events(parser, knowledge, text)


def test_a_document_nobody_is_named_for_has_no_author(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "A statement appeared online on Tuesday. The statement threatened sanctions against Peru.",
    )
    assert all(not actor for kind, actor, _r in events if kind == "THREATEN")


def test_an_event_told_again_keeps_its_target(parser, knowledge) -> None:
    """'claimed responsibility for the attack': the attack told before, and its target."""
    events = _events(
        parser,
        knowledge,
        "Gunmen attacked the Pakistani embassy in Kabul on Monday. The Islamic State group "
        "claimed responsibility for the attack on Tuesday.",
    )
    assert ("ASSAULT", ["Islamic State"], ["Pakistani embassy"]) in events


def test_an_event_of_another_word_is_not_the_one_told_again(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Soldiers shelled the village of Tora on Monday. The Islamic State group claimed "
        "responsibility for the attack on Tuesday.",
    )
    claimed = [e for e in events if e[1] == ["Islamic State"]]
    assert claimed and all("Tora" not in " ".join(e[2]) for e in claimed)


def test_an_event_noun_subject_is_done_by_the_earlier_events_actor(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Rebels attacked an army base near Goma on Monday. The attack killed four soldiers, "
        "officials said.",
    )
    assert ("ASSAULT", ["Rebels"], ["four soldiers"]) in events


def test_an_event_noun_with_no_earlier_actor_leaves_the_actor_unknown(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "A car bomb exploded near a market in Kabul on Monday. The blast killed nine people.",
    )
    killed = [e for e in events if e[0] == "ASSAULT" and e[2] == ["nine people"]]
    assert killed and killed[0][1] == []


def test_a_rejected_thing_is_aimed_at_whoever_put_it_forward(parser, knowledge) -> None:
    # no earlier event names the budget; the clause that brought it in names its author,
    # and a later mention that names none ("officials said the budget ...") does not hide it
    events = _events(
        parser,
        knowledge,
        "Last week, Finance Minister Ali Khan presented the budget to parliament. Officials "
        "said the budget would bring growth. Opposition parties rejected the budget.",
    )
    assert ("REJECT", ["Opposition parties"], ["Ali Khan"]) in events


def test_a_call_to_end_fighting_is_aimed_at_both_sides(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Government troops clashed with Arakan Army fighters on Sunday. "
        "Bangladesh called for an end to the fighting.",
    )
    requests = [e for e in events if e[0] == "REQUEST"]
    assert requests and set(requests[0][2]) == {"Government troops", "Arakan Army"}


def test_a_call_for_a_release_is_aimed_at_whoever_holds_the_prisoner(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Ghanaian police arrested the editor Kofi Mensah in March. On Monday, the United "
        "Nations called for Mensah's release.",
    )
    requests = [e for e in events if e[0] == "REQUEST"]
    assert requests and requests[0][2] == ["Ghanaian police"]
    # with no one named as holding him, the prisoner is still not the one asked
    events = _events(parser, knowledge, "The United Nations called for the release of Kofi Mensah.")
    assert all("Kofi Mensah" not in e[2] for e in events if e[0] == "REQUEST")


def test_a_denial_answers_the_accusation_against_its_actor(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Ghana accused Togo of arming the rebels on Monday. Togo denied supplying weapons "
        "to the rebels.",
    )
    assert ("REJECT", ["Togo"], ["Ghana"]) in events
    # a refusal keeps the party it refuses
    events = _events(parser, knowledge, "Kenya refused to provide aid to Somalia.")
    assert ("REJECT", ["Kenya"], ["Somalia"]) in events


_LOAN_STORY = (
    "Norway and Chile signed a fisheries agreement in Oslo on Monday. "
    "Chilean officials said Norway had offered research vessels. "
    "Chile is negotiating a second accord on salmon farming, the trade minister said. "
    "Norwegian diplomats expect the talks to end in March."
)


def test_an_act_with_no_party_named_is_aimed_at_the_storys_other_country(parser, knowledge) -> None:
    record = code_text(parser, knowledge, _LOAN_STORY)
    names = {a.id: a.name for a in record.actors}
    (talks,) = [e for e in record.events if e.event_text.startswith("is negotiating")]
    assert [names[a] for a in talks.actor] == ["Chile"]
    assert [names[a] for a in talks.recipient] == ["Norway"]
    assert talks.rule is not None and talks.rule.endswith("+discourse:counterpart")


def test_a_lone_sentence_or_a_one_country_story_gets_no_counterpart(parser, knowledge) -> None:
    alone = code_text(parser, knowledge, "Chile is negotiating a second accord on salmon farming.")
    home = code_text(
        parser,
        knowledge,
        "Chilean farmers met in Puerto Montt on Monday. Chile is negotiating a second accord "
        "on salmon farming, the trade minister said. Chilean officials expect the talks to end "
        "in March.",
    )
    for record in (alone, home):
        assert all(not e.recipient for e in record.events if e.event == "CONSULT")
        assert all("counterpart" not in (e.rule or "") for e in record.events)


def test_a_material_act_takes_no_counterpart(parser, knowledge) -> None:
    record = code_text(
        parser,
        knowledge,
        "Norway and Chile signed a fisheries agreement in Oslo on Monday. Norwegian officials "
        "praised the deal. Chilean troops were deployed on Tuesday, the defence ministry said. "
        "Norway's fleet left port.",
    )
    moves = [e for e in record.events if e.event == "MOBILIZE"]
    assert moves
    assert all("counterpart" not in (e.rule or "") for e in moves)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The European Union imposed new sanctions on Monday, diplomats in Brussels said.", []),
        (
            "Japan sent food aid to Sudan on Monday after floods hit the country's east.",
            [("AID", ["Japan"], ["Sudan"])],
        ),
    ],
)
def test_a_type_that_needs_a_recipient_is_coded_only_with_one(
    parser, knowledge, text, kept
) -> None:
    assert [e for e in _events(parser, knowledge, text) if e[0] in ("SANCTION", "AID")] == kept


def test_a_reciprocal_event_needs_no_recipient() -> None:
    from thucydides.extract.events import require_recipients
    from thucydides.records import Event, Span

    sentence = Span(0, 40, "Kenya and Uganda cooperated on Monday.")
    both = Event(id="E1", event="COOPERATE", sentence=sentence, event_text="cooperated",
                 actor=("A1", "A2"))  # fmt: skip
    alone = dataclasses.replace(both, id="E2", actor=("A1",))
    said = dataclasses.replace(both, id="E3", event="CONSULT", actor=("A1",))
    # an event nobody is found for, on either side, is no event to code
    nobody = dataclasses.replace(both, id="E4", event="CONSULT", actor=())
    assert [e.id for e in require_recipients([both, alone, said, nobody])] == ["E1", "E3"]


def test_an_event_with_no_party_on_either_side_is_left_out(parser, knowledge) -> None:
    text = (
        "Some parents moved their children to private schools, while others gave in. "
        "Police in Lilongwe arrested two teachers on Monday."
    )
    events = _events(parser, knowledge, text)
    assert events and all(e[1] or e[2] for e in events)
    assert ("COERCE", ["Police in Lilongwe"], ["two teachers"]) in events


def test_an_intergovernmental_body_is_a_party_of_its_own(parser, knowledge) -> None:
    record = code_text(
        parser,
        knowledge,
        "Zambian officials met a team from the International Monetary Fund in Lusaka on "
        "Monday. The IMF has asked Zambia to cut fuel subsidies. Zambia is negotiating a new "
        "loan program, the finance minister said. Lenders expect a deal in June.",
    )
    names = {a.id: a.name for a in record.actors}
    (talks,) = [e for e in record.events if e.event_text.startswith("is negotiating")]
    assert [names[a] for a in talks.recipient] == ["International Monetary Fund"]


def test_a_rejected_claim_answers_the_latest_accuser_quoted_or_coded(parser, knowledge) -> None:
    # no accusation coded: the claim is the last quotation by someone else
    events = _events(
        parser,
        knowledge,
        '"The junta in Bamako has tortured dozens of detainees," Amnesty International '
        "said on Monday. Malian officials rejected the allegations on Tuesday.",
    )
    rejects = [e for e in events if e[0] == "REJECT"]
    assert rejects and rejects[0][2] == ["Amnesty International"]
    # an accusation coded as an event is the one answered, not the accused's own lawyer
    # quoted after it
    events = _events(
        parser,
        knowledge,
        "Prosecutors in Ankara charged the former interior minister with fraud on Monday. "
        '"He is innocent," said his lawyer, Mehmet Aydin. The minister denied the charges.',
    )
    rejects = [e for e in events if e[0] == "REJECT"]
    assert rejects and rejects[0][2] and "Mehmet Aydin" not in rejects[0][2]
    # with no quotation after it, the accusation coded as an event is the one answered
    events = _events(
        parser,
        knowledge,
        "Lawyers for the jailed editor criticized the conditions of his detention. "
        "Nigerian prison authorities rejected those claims.",
    )
    rejects = [e for e in events if e[0] == "REJECT"]
    assert rejects and rejects[0][2] and "Lawyers" in rejects[0][2][0]


def test_an_addressed_act_with_no_one_addressing_it_is_left_out(parser, knowledge) -> None:
    text = (
        "The Zambian editor Joseph Banda was accused of sedition last year. "
        "Two Zambian police officers were killed in Lusaka on Monday."
    )
    events = _events(parser, knowledge, text)
    # the accusation names no accuser: no ACCUSE; the killing keeps its victims
    assert not [e for e in events if e[0] == "ACCUSE"]
    assert ("ASSAULT", [], ["Two Zambian police officers"]) in events


def test_an_attack_told_with_no_doer_is_the_claimers(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "Officials said the Jaffar Express came under attack near Quetta on Tuesday. Gunmen "
        "boarded the train and took hostages. The Baloch Liberation Army claimed "
        "responsibility for the attack on the Jaffar Express.",
    )
    attacks = [e for e in events if e[0] == "ASSAULT" and e[2] == ["Jaffar Express"]]
    assert len(attacks) == 2
    assert all(e[1] == ["Baloch Liberation Army"] for e in attacks)


def test_an_attack_nobody_claims_keeps_no_doer(parser, knowledge) -> None:
    events = _events(
        parser,
        knowledge,
        "A bomb exploded near a police station in Kabul on Monday, killing three officers. "
        "No group has claimed responsibility for the attack.",
    )
    killed = [e for e in events if e[0] == "ASSAULT" and e[2] == ["three officers"]]
    assert killed and killed[0][1] == []


def test_a_demand_about_the_move_points_at_the_act_it_would_undo(parser, knowledge) -> None:
    # "demanded that the order be reversed": the order is the Taliban's ban
    events = _events(
        parser,
        knowledge,
        "The Taliban banned women from working for aid groups. The United Nations demanded "
        "that the order be reversed.",
    )
    assert ("REQUEST", ["United Nations"], ["Taliban"]) in events
