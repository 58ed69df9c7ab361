"""Telling applicants what the secretariat decided, in their own language."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from ..enums import ApplicationStatus
from ..models import MembershipApplication


def send_decision(application_id: int) -> bool:
    """E-mail the applicant (if they left an address) the decision on their application.

    Written in the applicant's preferred language (the site's default otherwise). Returns
    whether a message was sent.
    """
    application = (
        MembershipApplication.objects.select_related("alliance", "organization", "applicant")
        .filter(pk=application_id)
        .first()
    )
    applicant = application.applicant if application else None
    if application is None or applicant is None or not applicant.email:
        return False
    with translation.override(applicant.preferred_language or settings.LANGUAGE_CODE):
        names = {
            "alliance": application.alliance.name,
            "organization": application.organization.name,
        }
        if application.status == ApplicationStatus.APPROVED:
            subject = _("{organization} is now a member of {alliance}").format(**names)
            body = _(
                "The secretariat of {alliance} approved the application of {organization}."
            ).format(**names)
        elif application.status == ApplicationStatus.REJECTED:
            subject = _("Your application to {alliance}").format(**names)
            body = _(
                "The secretariat of {alliance} did not approve the application of {organization}. Reason: {reason}"
            ).format(reason=application.reason, **names)
        else:
            return False
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [applicant.email])
    return True
