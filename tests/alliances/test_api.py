"""``/api/v1/alliances/{slug}/memberships/`` and ``…/applications/``: who sees what, the
secretariat's decisions through the API, and that one alliance's ids are unknown in another."""

from datetime import date

import pytest
from django.utils import timezone

from alliancehub.accounts.models import AllianceRole
from alliancehub.alliances.domain import membership
from alliancehub.alliances.enums import ApplicationStatus, MembershipTier
from alliancehub.alliances.models import Alliance, Membership, MembershipApplication
from alliancehub.common.domain.audit import Source
from alliancehub.common.models import AuditLogEntry
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.governance import api_url as url
from tests.factories.governance import build_alliance
from tests.factories.governance import english_api as caller

pytestmark = pytest.mark.django_db

SYSTEM = Source.SYSTEM


def rendered_time(value) -> str:
    return timezone.localtime(value).isoformat() if value else None


def period_payload(period: Membership) -> dict:
    return {
        "id": period.pk,
        "organization": period.organization_id,
        "organization_name": period.organization.name,
        "tier": period.tier,
        "tier_label": str(MembershipTier(period.tier).label),
        "valid_from": period.valid_from.isoformat(),
        "valid_to": period.valid_to and period.valid_to.isoformat(),
        "basis": period.basis,
    }


def application_payload(application: MembershipApplication) -> dict:
    application.refresh_from_db()
    return {
        "id": application.pk,
        "organization": application.organization_id,
        "organization_name": application.organization.name,
        "tier": application.tier,
        "tier_label": str(MembershipTier(application.tier).label),
        "message": application.message,
        "status": application.status,
        "status_label": str(ApplicationStatus(application.status).label),
        "reason": application.reason,
        "created_at": rendered_time(application.created_at),
        "decided_at": rendered_time(application.decided_at),
    }


@pytest.fixture
def setup():
    return build_alliance("sx-h2")


@pytest.fixture
def other():
    return build_alliance("yrd-nev", name="长三角新能源汽车产业链联盟")


def observer_of(setup):
    user = UserFactory(username=f"{setup.alliance.slug}-observer")
    AllianceRole.objects.create(user=user, alliance=setup.alliance, role=AllianceRole.Kind.OBSERVER)
    return user


def rep_of(setup, index: int = 0):
    return setup.representatives[setup.units[index].pk]


def apply(setup, organization=None, **kwargs) -> MembershipApplication:
    organization = organization or OrganizationFactory()
    return membership.apply_for_membership(
        setup.alliance, organization, actor=None, source=SYSTEM, **kwargs
    )


# Memberships ----------------------------------------------------------------------------------


def test_memberships_show_every_period_including_ended_ones_to_an_observer(setup):
    chair = Membership.objects.get(organization=setup.units[0])
    membership.withdraw(chair, actor=None, source=SYSTEM, last_day=date(2021, 3, 31))

    response = caller(observer_of(setup)).get(url(setup, "memberships"))

    assert response.status_code == 200
    periods = Membership.objects.filter(alliance=setup.alliance).order_by("valid_from", "id")
    assert response.json() == {
        "count": 8,
        "count_capped": False,
        "next": None,
        "previous": None,
        "results": [period_payload(period) for period in periods],
    }
    assert response.json()["results"][0] == {
        "id": chair.pk,
        "organization": setup.units[0].pk,
        "organization_name": "sx-h2成员单位0有限公司",
        "tier": "chair",
        "tier_label": "Chair unit",
        "valid_from": "2021-01-01",
        "valid_to": "2021-03-31",
        "basis": "",
    }


def test_memberships_filter_by_day_and_tier(setup):
    chair = Membership.objects.get(organization=setup.units[0])
    membership.withdraw(chair, actor=None, source=SYSTEM, last_day=date(2021, 3, 31))
    client = caller(setup.secretariat)

    in_april = client.get(url(setup, "memberships"), {"on": "2021-04-01", "tier": "chair"})
    in_march = client.get(url(setup, "memberships"), {"on": "2021-03-31", "tier": "chair"})
    directors = client.get(url(setup, "memberships"), {"tier": "director"})

    assert in_april.json()["results"] == []
    assert in_march.json()["results"] == [period_payload(Membership.objects.get(pk=chair.pk))]
    assert [p["organization"] for p in directors.json()["results"]] == [
        unit.pk for unit in setup.units[3:6]
    ]


def test_memberships_refuse_a_malformed_day_with_400(setup):
    response = caller(setup.secretariat).get(url(setup, "memberships"), {"on": "yesterday"})

    assert response.status_code == 400
    assert set(response.json()) == {"on"}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("outsider", 403),
        ("observer", 200),
        ("member", 200),
        ("secretariat", 200),
    ],
)
def test_memberships_are_members_only(setup, who, expected):
    users = {
        "anonymous": None,
        "outsider": UserFactory(),
        "observer": observer_of(setup),
        "member": rep_of(setup),
        "secretariat": setup.secretariat,
    }

    response = caller(users[who]).get(url(setup, "memberships"))

    assert response.status_code == expected


def test_unknown_alliance_is_404(setup):
    response = caller(setup.secretariat).get("/api/v1/alliances/nope/memberships/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("count", [1, 3])
def test_membership_list_query_count_does_not_grow_with_rows(django_assert_num_queries, count):
    alliance = Alliance.objects.create(name="长三角新能源汽车产业链联盟", slug="yrd-nev")
    secretariat = UserFactory()
    AllianceRole.objects.create(
        user=secretariat, alliance=alliance, role=AllianceRole.Kind.SECRETARIAT
    )
    for _ in range(count):
        membership.admit(
            alliance, OrganizationFactory(), MembershipTier.MEMBER, on=date(2021, 1, 1),
            actor=None, source=SYSTEM,
        )  # fmt: skip
    client = caller(secretariat)

    with django_assert_num_queries(4):  # alliance, roles, count, page
        response = client.get("/api/v1/alliances/yrd-nev/memberships/")

    assert response.json()["count"] == count


# Applications: reading -------------------------------------------------------------------------


def test_secretariat_lists_every_application_of_its_alliance(setup, other):
    first = apply(setup)
    second = apply(setup, tier=MembershipTier.DIRECTOR, message="我们是氢能企业")
    apply(other)  # another alliance's: not listed

    response = caller(setup.secretariat).get(url(setup, "applications"))

    assert response.status_code == 200
    assert response.json()["results"] == [application_payload(second), application_payload(first)]


def test_a_member_representative_sees_only_its_own_organisations_applications(setup):
    rep = rep_of(setup, 0)
    membership.withdraw(
        Membership.objects.get(organization=setup.units[0]), actor=None, source=SYSTEM,
        last_day=date(2021, 12, 31),
    )  # fmt: skip
    own = apply(setup, setup.units[0])
    someone_elses = apply(setup)

    response = caller(rep).get(url(setup, "applications"))
    other_one = caller(rep).get(url(setup, "applications", someone_elses.pk))

    assert response.json()["results"] == [application_payload(own)]
    assert other_one.status_code == 404


def test_an_applicant_follows_its_own_application_before_it_is_a_member(setup):
    applicant = UserFactory(organization=OrganizationFactory())
    own = apply(setup, applicant.organization)
    apply(setup)

    response = caller(applicant).get(url(setup, "applications"))

    assert response.json()["results"] == [application_payload(own)]


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 401), ("observer", 403)])
def test_applications_are_closed_to_anonymous_callers_and_observers(setup, who, expected):
    user = observer_of(setup) if who == "observer" else None

    response = caller(user).get(url(setup, "applications"))

    assert response.status_code == expected


@pytest.mark.parametrize("count", [1, 3])
def test_application_list_query_count_does_not_grow_with_rows(
    setup, django_assert_num_queries, count
):
    for _ in range(count):
        apply(setup)
    client = caller(setup.secretariat)

    with django_assert_num_queries(4):  # alliance, roles, count, page
        response = client.get(url(setup, "applications"))

    assert response.json()["count"] == count


# Applications: applying and deciding -----------------------------------------------------------


def test_a_representative_applies_for_its_own_organisation(setup):
    applicant = UserFactory(organization=OrganizationFactory(name="浙江天洁环境科技股份有限公司"))

    response = caller(applicant).post(
        url(setup, "applications"), {"tier": "director", "message": "申请加入"}
    )

    assert response.status_code == 201
    application = MembershipApplication.objects.get(organization=applicant.organization)
    assert response.json() == {
        "id": application.pk,
        "organization": applicant.organization_id,
        "organization_name": "浙江天洁环境科技股份有限公司",
        "tier": "director",
        "tier_label": "Director unit",
        "message": "申请加入",
        "status": "pending",
        "status_label": "Pending review",
        "reason": "",
        "created_at": rendered_time(application.created_at),
        "decided_at": None,
    }
    entry = AuditLogEntry.objects.get(
        content_type__model="membershipapplication", object_id=str(application.pk)
    )
    assert (entry.actor, entry.source) == (applicant, Source.API)


def test_applying_again_while_pending_is_400_with_the_domains_message(setup):
    applicant = UserFactory(organization=OrganizationFactory())
    apply(setup, applicant.organization)

    response = caller(applicant).post(url(setup, "applications"), {})

    assert response.status_code == 400
    assert response.json() == {"detail": ["This organisation already has an application pending."]}


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 401), ("no organisation", 403)])
def test_applying_needs_a_signed_in_representative_of_an_organisation(setup, who, expected):
    user = UserFactory() if who == "no organisation" else None

    response = caller(user).post(url(setup, "applications"), {})

    assert response.status_code == expected
    assert not MembershipApplication.objects.exists()


def test_applying_for_an_unknown_tier_is_400(setup):
    applicant = UserFactory(organization=OrganizationFactory())

    response = caller(applicant).post(url(setup, "applications"), {"tier": "emperor"})

    assert response.status_code == 400
    assert set(response.json()) == {"tier"}


def test_secretariat_approves_an_application_and_the_applicant_becomes_a_member(setup):
    applicant = UserFactory(organization=OrganizationFactory())
    application = membership.apply_for_membership(
        setup.alliance, applicant.organization, actor=applicant, source=SYSTEM,
        tier=MembershipTier.DIRECTOR,
    )  # fmt: skip

    response = caller(setup.secretariat).post(
        url(setup, "applications", application.pk, "approve"),
        {"on": "2022-03-01", "basis": "秘书处决定"},
    )

    assert response.status_code == 200
    assert response.json() == application_payload(application)
    assert response.json()["status"] == "approved"
    period = membership.current_membership(setup.alliance, applicant.organization)
    assert (period.tier, period.valid_from, period.basis) == (
        "director",
        date(2022, 3, 1),
        "秘书处决定",
    )
    assert applicant.has_perm("alliances.act_as_member", setup.alliance)


def test_approving_twice_is_400_with_the_domains_message(setup):
    application = apply(setup)
    client = caller(setup.secretariat)
    client.post(url(setup, "applications", application.pk, "approve"), {})

    response = client.post(url(setup, "applications", application.pk, "approve"), {})

    assert response.status_code == 400
    assert response.json() == {"detail": ["This application has already been decided."]}
    assert Membership.objects.filter(organization=application.organization).count() == 1


def test_secretariat_rejects_an_application_with_a_reason(setup):
    application = apply(setup)

    response = caller(setup.secretariat).post(
        url(setup, "applications", application.pk, "reject"), {"reason": "不属于本产业链"}
    )

    assert response.status_code == 200
    assert response.json() == application_payload(application)
    assert (response.json()["status"], response.json()["reason"]) == ("rejected", "不属于本产业链")


def test_rejecting_without_a_reason_is_400_and_changes_nothing(setup):
    application = apply(setup)

    response = caller(setup.secretariat).post(
        url(setup, "applications", application.pk, "reject"), {"reason": "  "}
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["This field may not be blank."]}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_rejecting_an_approved_application_is_400(setup):
    application = apply(setup)
    membership.approve_membership(application, actor=None, source=SYSTEM)

    response = caller(setup.secretariat).post(
        url(setup, "applications", application.pk, "reject"), {"reason": "太迟了"}
    )

    assert response.status_code == 400
    assert response.json() == {"detail": ["This application has already been decided."]}


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("member", 403), ("observer", 403)]
)
def test_only_the_secretariat_decides_applications(setup, decision, who, expected):
    application = apply(setup)
    user = {"anonymous": None, "member": rep_of(setup), "observer": observer_of(setup)}[who]

    response = caller(user).post(
        url(setup, "applications", application.pk, decision), {"reason": "不行"}
    )

    assert response.status_code == expected
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


# One alliance's secretariat in another alliance ------------------------------------------------


@pytest.mark.parametrize(
    ("method", "resource", "action"),
    [
        ("get", "memberships", ""),
        ("get", "applications", ""),
        ("post", "applications", "approve"),
        ("post", "applications", "reject"),
    ],
)
def test_another_alliances_secretariat_gets_403(setup, other, method, resource, action):
    application = apply(setup)
    pk = application.pk if action else None

    response = getattr(caller(other.secretariat), method)(
        url(setup, resource, pk, action), {"reason": "x"}
    )

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


@pytest.mark.parametrize(
    ("method", "resource", "action"),
    [
        ("get", "memberships", ""),
        ("get", "applications", ""),
        ("post", "applications", "approve"),
        ("post", "applications", "reject"),
    ],
)
def test_another_alliances_ids_are_404_through_ones_own_slug(
    setup, other, method, resource, action
):
    foreign = {
        "memberships": Membership.objects.filter(alliance=other.alliance).first(),
        "applications": apply(other),
    }[resource]

    response = getattr(caller(setup.secretariat), method)(
        url(setup, resource, foreign.pk, action), {"reason": "x"}
    )

    assert response.status_code == 404
    if resource == "applications":
        foreign.refresh_from_db()
        assert foreign.status == ApplicationStatus.PENDING
