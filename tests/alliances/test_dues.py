"""Dues and suspensions: what members owe, and whose rights rest; and the secretariat's
decisions on applications that come before them (the refusals the issue lists)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from alliancehub.alliances.domain import dues as domain
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import ApplicationStatus, MembershipTier
from alliancehub.alliances.models import Alliance, DuesPeriod, Membership, Suspension
from alliancehub.common.domain import audit
from alliancehub.common.domain.audit import Source
from tests.factories import OrganizationFactory

WEB = Source.WEB


@pytest.fixture(autouse=True)
def _english():
    """The assertions below match the English wording of the domain's messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def alliance(db):
    return Alliance.objects.create(name="绍兴市科技创新促进会", slug="sxstipa")


@pytest.fixture
def tengy(alliance):
    unit = OrganizationFactory(name="浙江天洁环境科技股份有限公司")
    membership.admit(
        alliance, unit, MembershipTier.EXECUTIVE_DIRECTOR, on=date(2019, 5, 1), actor=None,
        source=WEB,
    )  # fmt: skip
    return unit


def owe(alliance, unit, label="2021", due_on=date(2021, 3, 31), staff=None):
    return domain.record_dues(
        alliance, unit, label=label, amount=Decimal("20000.00"), due_on=due_on, actor=staff,
        source=WEB,
    )  # fmt: skip


def current(alliance, unit):
    return membership.current_membership(alliance, unit)


# Decisions on applications


@pytest.fixture
def application(alliance):
    applicant = OrganizationFactory(name="浙江吉利控股集团有限公司")
    return membership.apply_for_membership(alliance, applicant, actor=None, source=WEB)


def test_an_application_is_approved_once(application, staff):
    membership.approve_membership(application, actor=staff, source=WEB, on=date(2021, 1, 1))

    with pytest.raises(ValidationError) as refusal:
        membership.approve_membership(application, actor=staff, source=WEB)

    assert refusal.value.messages == ["This application has already been decided."]
    assert Membership.objects.filter(organization=application.organization).count() == 1


def test_an_approved_application_cannot_be_rejected(application, staff):
    membership.approve_membership(application, actor=staff, source=WEB, on=date(2021, 1, 1))

    with pytest.raises(ValidationError, match="already been decided"):
        membership.reject_membership(application, actor=staff, source=WEB, reason="材料不全")

    application.refresh_from_db()
    assert (application.status, application.reason) == (ApplicationStatus.APPROVED, "")
    assert current(application.alliance, application.organization) is not None


def test_a_rejection_without_a_reason_is_refused_and_leaves_the_application_pending(
    application, staff
):
    with pytest.raises(ValidationError) as refusal:
        membership.reject_membership(application, actor=staff, source=WEB, reason=" ")

    assert refusal.value.message_dict == {"reason": ["Please give the applicant a reason."]}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


# Dues


def test_recording_dues_keeps_the_period_and_writes_the_audit_log(alliance, tengy, staff):
    dues = owe(alliance, tengy, label=" 2021 ", staff=staff)

    assert (dues.label, dues.amount, dues.due_on, dues.paid_on) == (
        "2021", Decimal("20000.00"), date(2021, 3, 31), None,
    )  # fmt: skip
    (entry,) = audit.history(dues)
    assert (entry.action, entry.actor, entry.changes["label"]) == ("create", staff, [None, "2021"])


def test_dues_for_the_same_period_are_refused_with_a_message(alliance, tengy):
    owe(alliance, tengy)

    with pytest.raises(ValidationError) as refusal:
        owe(alliance, tengy, due_on=date(2021, 6, 30))

    assert refusal.value.messages == ["Dues for this period are already recorded."]
    assert DuesPeriod.objects.count() == 1


def test_dues_of_a_non_member_are_refused(alliance):
    stranger = OrganizationFactory(name="浙江吉利控股集团有限公司")

    with pytest.raises(ValidationError, match="not a member of the alliance"):
        owe(alliance, stranger)

    assert not DuesPeriod.objects.exists()


def test_dues_must_be_positive(alliance, tengy):
    with pytest.raises(ValidationError):
        domain.record_dues(
            alliance, tengy, label="2021", amount=Decimal("0"), due_on=date(2021, 3, 31),
            actor=None, source=WEB,
        )  # fmt: skip

    assert not DuesPeriod.objects.exists()


def test_dues_are_marked_paid_once(alliance, tengy):
    dues = owe(alliance, tengy)
    domain.mark_paid(dues, paid_on=date(2021, 3, 20), actor=None, source=WEB)

    with pytest.raises(ValidationError, match="already marked as paid"):
        domain.mark_paid(dues, paid_on=date(2021, 4, 1), actor=None, source=WEB)

    dues.refresh_from_db()
    assert (dues.paid_on, dues.is_paid) == (date(2021, 3, 20), True)


def test_unpaid_dues_are_those_past_due_and_not_paid(alliance, tengy):
    other_unit = OrganizationFactory(name="绍兴三元石化有限公司")
    membership.admit(alliance, other_unit, "member", on=date(2019, 5, 1), actor=None, source=WEB)
    overdue = owe(alliance, tengy, label="2020", due_on=date(2020, 3, 31))
    paid = owe(alliance, other_unit, label="2020", due_on=date(2020, 3, 31))
    domain.mark_paid(paid, paid_on=date(2020, 3, 1), actor=None, source=WEB)
    owe(alliance, tengy, label="2021", due_on=date(2021, 3, 31))  # due on the day asked about
    elsewhere = Alliance.objects.create(name="长三角新能源汽车产业链联盟", slug="yrd-nev")
    membership.admit(elsewhere, tengy, "member", on=date(2019, 5, 1), actor=None, source=WEB)
    owe(elsewhere, tengy, label="2020", due_on=date(2020, 3, 31))

    assert list(domain.unpaid_dues(alliance, date(2021, 3, 31))) == [overdue]


# Suspension


def test_a_suspension_needs_a_reason(alliance, tengy):
    with pytest.raises(ValidationError) as refusal:
        domain.suspend(
            current(alliance, tengy), starts_on=date(2021, 4, 1), reason=" ", actor=None,
            source=WEB,
        )  # fmt: skip

    assert refusal.value.message_dict == {"reason": ["Please give a reason."]}
    assert not Suspension.objects.exists()


def test_a_member_is_suspended_once_at_a_time(alliance, tengy):
    domain.suspend(
        current(alliance, tengy), starts_on=date(2021, 4, 1), reason="欠缴会费", actor=None,
        source=WEB,
    )  # fmt: skip

    with pytest.raises(ValidationError, match="already suspended"):
        domain.suspend(
            current(alliance, tengy), starts_on=date(2021, 5, 1), reason="再次", actor=None,
            source=WEB,
        )  # fmt: skip

    assert Suspension.objects.count() == 1


def test_reinstating_ends_the_suspension_and_keeps_it(alliance, tengy):
    domain.suspend(
        current(alliance, tengy), starts_on=date(2021, 4, 1), reason="欠缴会费", actor=None,
        source=WEB,
    )  # fmt: skip

    suspension = domain.reinstate(
        current(alliance, tengy), last_day=date(2021, 9, 30), actor=None, source=WEB
    )

    assert (suspension.starts_on, suspension.ends_on) == (date(2021, 4, 1), date(2021, 9, 30))
    assert Suspension.objects.filter(domain.suspended_on(date(2021, 9, 30))).exists()
    assert not Suspension.objects.filter(domain.suspended_on(date(2021, 10, 1))).exists()


def test_a_member_can_be_suspended_again_after_reinstatement(alliance, tengy):
    domain.suspend(current(alliance, tengy), starts_on=date(2021, 4, 1), reason="欠缴会费",
                   actor=None, source=WEB)  # fmt: skip
    domain.reinstate(current(alliance, tengy), last_day=date(2021, 9, 30), actor=None, source=WEB)

    domain.suspend(current(alliance, tengy), starts_on=date(2022, 4, 1), reason="再次欠缴",
                   actor=None, source=WEB)  # fmt: skip

    assert Suspension.objects.count() == 2


def test_reinstating_a_member_that_is_not_suspended_is_refused(alliance, tengy):
    with pytest.raises(ValidationError, match="not suspended"):
        domain.reinstate(current(alliance, tengy), last_day=date(2021, 9, 30), actor=None,
                         source=WEB)  # fmt: skip


def test_a_suspension_cannot_end_before_it_starts(alliance, tengy):
    domain.suspend(current(alliance, tengy), starts_on=date(2021, 4, 1), reason="欠缴会费",
                   actor=None, source=WEB)  # fmt: skip

    with pytest.raises(ValidationError, match="cannot end before it starts"):
        domain.reinstate(current(alliance, tengy), last_day=date(2021, 3, 1), actor=None,
                         source=WEB)  # fmt: skip


def test_an_ended_membership_cannot_be_suspended(alliance, tengy):
    period = current(alliance, tengy)
    membership.withdraw(period, last_day=date(2021, 1, 31), actor=None, source=WEB)

    with pytest.raises(ValidationError, match="already ended"):
        domain.suspend(period, starts_on=date(2021, 4, 1), reason="欠缴会费", actor=None,
                       source=WEB)  # fmt: skip


def test_a_suspension_outlasts_a_change_of_tier_and_is_lifted_on_the_new_period(alliance, tengy):
    domain.suspend(current(alliance, tengy), starts_on=date(2021, 4, 1), reason="欠缴会费",
                   actor=None, source=WEB)  # fmt: skip
    membership.change_tier(current(alliance, tengy), MembershipTier.VICE_CHAIR,
                           on=date(2021, 6, 1), basis="理事会决议", actor=None, source=WEB)  # fmt: skip

    with pytest.raises(ValidationError, match="already suspended"):
        domain.suspend(current(alliance, tengy), starts_on=date(2021, 7, 1), reason="再次",
                       actor=None, source=WEB)  # fmt: skip
    domain.reinstate(current(alliance, tengy), last_day=date(2021, 9, 30), actor=None, source=WEB)

    assert list(Suspension.objects.values_list("starts_on", "ends_on")) == [
        (date(2021, 4, 1), date(2021, 9, 30))
    ]
