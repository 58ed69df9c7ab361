"""Terms, offices and the rotating chair."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import council
from alliancehub.governance.enums import OfficeKind
from alliancehub.governance.models import Office, Term
from tests.factories.governance import build_alliance

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def setup(db):
    return build_alliance()


def appoint(setup, kind, *, on=date(2021, 1, 1), term=None, **holder):
    return council.appoint(
        term or setup.term, kind, on=on, actor=setup.secretariat, source=WEB, **holder
    )


def holders(setup, day):
    return {str(label): [o.holder for o in offices] for label, offices in council.council_on(
        setup.alliance, day
    )}  # fmt: skip


# Terms


def test_the_next_term_takes_the_next_number_and_closes_the_previous_one(setup):
    second = council.start_term(
        setup.alliance, starts_on=date(2026, 1, 1), actor=setup.secretariat, source=WEB
    )

    setup.term.refresh_from_db()
    assert (second.number, second.starts_on, second.ends_on) == (2, date(2026, 1, 1), None)
    assert setup.term.ends_on == date(2025, 12, 31)
    assert council.term_on(setup.alliance, date(2025, 12, 31)) == setup.term
    assert council.term_on(setup.alliance, date(2026, 1, 1)) == second


def test_a_previous_term_that_ended_earlier_keeps_its_end(setup):
    setup.term.ends_on = date(2025, 6, 30)
    setup.term.save()

    council.start_term(
        setup.alliance, starts_on=date(2026, 1, 1), actor=setup.secretariat, source=WEB
    )

    setup.term.refresh_from_db()
    assert setup.term.ends_on == date(2025, 6, 30)
    assert council.term_on(setup.alliance, date(2025, 9, 1)) is None


def test_a_new_term_cannot_start_before_the_previous_one(setup):
    with pytest.raises(ValidationError, match="must start after the previous one"):
        council.start_term(
            setup.alliance, starts_on=date(2021, 1, 1), actor=setup.secretariat, source=WEB
        )

    assert Term.objects.filter(alliance=setup.alliance).count() == 1


def test_terms_are_numbered_per_alliance(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")

    assert (setup.term.number, other.term.number) == (1, 1)


def test_the_offices_of_a_term_end_with_it(setup):
    chair = appoint(setup, OfficeKind.CHAIR, organization=setup.units[0])
    secretary = appoint(setup, OfficeKind.SECRETARY_GENERAL, person="张兴长")

    council.start_term(
        setup.alliance, starts_on=date(2026, 1, 1), actor=setup.secretariat, source=WEB
    )

    chair.refresh_from_db()
    secretary.refresh_from_db()
    assert (chair.valid_to, secretary.valid_to) == (date(2025, 12, 31), date(2025, 12, 31))
    assert holders(setup, date(2026, 1, 1)) == {}
    assert holders(setup, date(2025, 12, 31)) == {
        "Chair": [setup.units[0].name], "Secretary-general": ["张兴长"],
    }  # fmt: skip


# Offices


def test_a_unit_office_is_held_by_a_unit_and_shows_in_the_council(setup):
    vice = appoint(setup, OfficeKind.VICE_CHAIR, organization=setup.units[1])
    counsel = appoint(setup, OfficeKind.GENERAL_COUNSEL, person="何伟刚", person_title="律师")

    assert (vice.organization, vice.person, counsel.person) == (setup.units[1], "", "何伟刚")
    assert holders(setup, date(2021, 1, 1)) == {
        "Vice-chair": [setup.units[1].name], "General counsel": ["何伟刚"],
    }  # fmt: skip


def test_a_unit_office_without_a_unit_is_refused(setup):
    with pytest.raises(ValidationError, match="held by a member unit"):
        appoint(setup, OfficeKind.CHAIR, person="沈立雄")

    assert not Office.objects.exists()


@pytest.mark.parametrize("holder", [{"person": "  "}, {"organization": "unit"}])
def test_a_person_office_needs_the_persons_name(setup, holder):
    if holder.get("organization"):
        holder = {"organization": setup.units[0]}

    with pytest.raises(ValidationError, match="held by a person; give their name"):
        appoint(setup, OfficeKind.SECRETARY_GENERAL, **holder)

    assert not Office.objects.exists()


@pytest.mark.parametrize("day", [date(2020, 12, 31), date(2026, 1, 1)])
def test_an_appointment_outside_the_term_is_refused(setup, day):
    setup.term.ends_on = date(2025, 12, 31)
    setup.term.save()

    with pytest.raises(ValidationError, match="outside the term"):
        appoint(setup, OfficeKind.CHAIR, on=day, organization=setup.units[0])

    assert not Office.objects.exists()


def test_the_same_holder_cannot_hold_an_office_twice_at_once(setup):
    appoint(setup, OfficeKind.DEPUTY_SECRETARY_GENERAL, person="李明")

    with pytest.raises(ValidationError, match="already holds the office"):
        appoint(setup, OfficeKind.DEPUTY_SECRETARY_GENERAL, on=date(2022, 1, 1), person=" 李明 ")

    assert Office.objects.count() == 1


def test_several_holders_can_share_an_office(setup):
    for unit in setup.units[1:3]:
        appoint(setup, OfficeKind.VICE_CHAIR, organization=unit)

    assert holders(setup, date(2021, 1, 1)) == {"Vice-chair": [u.name for u in setup.units[1:3]]}


def test_ending_an_office_keeps_it_in_the_history(setup):
    office = appoint(setup, OfficeKind.SECRETARY_GENERAL, person="张兴长")

    council.end_office(office, last_day=date(2022, 6, 30), actor=setup.secretariat, source=WEB)

    office.refresh_from_db()
    assert office.valid_to == date(2022, 6, 30)
    assert holders(setup, date(2022, 6, 30)) == {"Secretary-general": ["张兴长"]}
    assert holders(setup, date(2022, 7, 1)) == {}


def test_an_office_ends_once_and_not_before_it_starts(setup):
    office = appoint(setup, OfficeKind.SECRETARY_GENERAL, on=date(2021, 3, 1), person="张兴长")

    with pytest.raises(ValidationError, match="cannot end before it starts"):
        council.end_office(office, last_day=date(2021, 2, 1), actor=None, source=WEB)
    council.end_office(office, last_day=date(2022, 6, 30), actor=None, source=WEB)
    with pytest.raises(ValidationError, match="already ended"):
        council.end_office(office, last_day=date(2023, 1, 1), actor=None, source=WEB)

    office.refresh_from_db()
    assert office.valid_to == date(2022, 6, 30)


def test_a_holder_whose_office_ended_can_be_appointed_again(setup):
    office = appoint(setup, OfficeKind.SECRETARY_GENERAL, person="张兴长")
    council.end_office(office, last_day=date(2022, 6, 30), actor=None, source=WEB)

    again = appoint(setup, OfficeKind.SECRETARY_GENERAL, on=date(2023, 1, 1), person="张兴长")

    assert Office.objects.filter(person="张兴长").count() == 2
    assert holders(setup, date(2022, 9, 1)) == {}
    assert holders(setup, date(2023, 1, 1)) == {"Secretary-general": [again.person]}


# The rotating chair


def add_slot(setup, unit, starts_on, ends_on):
    return council.add_rotation_slot(
        setup.term, unit, starts_on=starts_on, ends_on=ends_on, actor=setup.secretariat,
        source=WEB,
    )  # fmt: skip


def test_the_rotating_chair_is_whoever_holds_the_turn_on_that_day(setup):
    first = add_slot(setup, setup.units[0], date(2021, 1, 1), date(2021, 12, 31))
    second = add_slot(setup, setup.units[1], date(2022, 1, 1), date(2022, 12, 31))

    assert council.rotating_chair_on(setup.alliance, date(2021, 12, 31)) == first
    assert council.rotating_chair_on(setup.alliance, date(2022, 1, 1)) == second
    assert council.rotating_chair_on(setup.alliance, date(2023, 1, 1)) is None
    assert list(council.rotation_schedule(setup.alliance)) == [first, second]


@pytest.mark.parametrize(("starts_on", "ends_on"), [
    (date(2021, 6, 1), date(2022, 5, 31)),  # overlaps the end
    (date(2020, 6, 1), date(2021, 1, 1)),  # touches the first day
    (date(2021, 3, 1), date(2021, 4, 1)),  # lies inside
])  # fmt: skip
def test_a_turn_overlapping_another_is_refused(setup, starts_on, ends_on):
    add_slot(setup, setup.units[0], date(2021, 1, 1), date(2021, 12, 31))

    with pytest.raises(ValidationError, match="overlaps another turn"):
        add_slot(setup, setup.units[1], starts_on, ends_on)

    assert council.rotation_schedule(setup.alliance).count() == 1


def test_turns_of_another_alliance_do_not_overlap(setup):
    other = build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")
    council.add_rotation_slot(
        other.term, other.units[0], starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31),
        actor=other.secretariat, source=WEB,
    )  # fmt: skip

    slot = add_slot(setup, setup.units[0], date(2021, 1, 1), date(2021, 12, 31))

    assert council.rotating_chair_on(setup.alliance, date(2021, 6, 1)) == slot
