from django.core import mail

from alliancehub.alliances.domain import membership
from alliancehub.alliances.models import Alliance
from alliancehub.common.domain.audit import Source
from tests.factories import OrganizationFactory, UserFactory


def _application(db, language):
    alliance = Alliance.objects.create(name="绍兴市氢能产业联盟", slug="h2")
    unit = OrganizationFactory(name="浙江氢途新能源有限公司")
    applicant = UserFactory(organization=unit, email="rep@example.org", preferred_language=language)
    return membership.apply_for_membership(alliance, unit, actor=applicant, source=Source.WEB)


def test_the_applicant_is_told_of_the_approval_in_their_language(
    db, django_capture_on_commit_callbacks
):
    application = _application(db, "zh-hant")

    with django_capture_on_commit_callbacks(execute=True):
        membership.approve_membership(application, actor=None, source=Source.WEB)

    [message] = mail.outbox
    assert message.to == ["rep@example.org"]
    # The template is in Traditional Chinese; the names stay as registered.
    assert message.subject == "浙江氢途新能源有限公司已成為绍兴市氢能产业联盟會員"
    assert application.applicant.alliance_roles.get().organization == application.organization


def test_the_applicant_reads_the_reason_of_a_rejection(db, django_capture_on_commit_callbacks):
    application = _application(db, "en")

    with django_capture_on_commit_callbacks(execute=True):
        membership.reject_membership(
            application, actor=None, source=Source.WEB, reason="Not a hydrogen company."
        )

    [message] = mail.outbox
    assert message.subject == "Your application to 绍兴市氢能产业联盟"
    assert "Reason: Not a hydrogen company." in message.body
