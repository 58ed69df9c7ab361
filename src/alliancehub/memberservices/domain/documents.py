"""The pre-assessment report as a PDF (WeasyPrint, with an embedded CJK font), in the active
language, like governance's minutes."""

from django.template.loader import render_to_string
from django.utils.text import slugify

from ..models import Assessment
from .hightech import Report


def assessment_html(assessment: Assessment, report: Report) -> str:
    """The print page (``memberservices/assessment_print.html``) the PDF is rendered from."""
    context = {
        "alliance": assessment.alliance,
        "assessment": assessment,
        "organization": assessment.organization,
        "report": report,
    }
    return render_to_string("memberservices/assessment_print.html", context)


def assessment_pdf(assessment: Assessment, report: Report) -> bytes:
    """A4 PDF with a running header (organisation, date, overall verdict), page numbers and
    the CJK font embedded as a subset.

    Rendering takes a noticeable fraction of a second: call it from a download, never from a
    page that lists assessments.
    """
    # WeasyPrint takes about a second to import; only the exports need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Nothing on the page comes from outside; refuse fetching anything all the same.
    offline = URLFetcher(allowed_protocols={"data"})
    return HTML(string=assessment_html(assessment, report), url_fetcher=offline).write_pdf()


def assessment_filename(assessment: Assessment) -> str:
    """``hightech-assessment-<alliance>-<date>-<id>.pdf``: no spaces, no path separators."""
    parts = ["hightech-assessment", assessment.alliance.slug, assessment.on.isoformat(),
             str(assessment.pk)]  # fmt: skip
    return "-".join(filter(None, (slugify(part) for part in parts))) + ".pdf"
