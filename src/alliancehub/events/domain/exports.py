"""The registrations and the roadshow's scores as Excel workbooks, for the secretariat.

Every text cell is written as text: a name typed into the public form such as ``=HYPERLINK(…)``
must come back as typed, never as a formula.
"""

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ..models import Answer, Event, JudgeAssignment, Roadshow
from .ranking import ranking, weighted_total


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if hasattr(value, "tzinfo") and value.tzinfo is not None:  # Excel keeps no time zone
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append([_cell(sheet, value) for value in values])


def answer_text(value: Any) -> str:
    """An answer as one line: options joined, yes/no in words."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "；".join(str(option) for option in value)
    return str(value)


def registrations_workbook(event: Event) -> Workbook:
    """One row per registration, in the order they came, with the answers to the form's
    questions in one column each."""
    questions = list(event.questions.order_by("order", "id"))
    registrations = event.registrations.order_by("created_at", "id").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.only("registration_id", "question_id", "value"))
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations"))
    _append(sheet, [
        _("No."), _("Name"), _("E-mail"), _("Phone"), _("Organisation"), _("Position"),
        _("Status"), _("Registered at"), _("On the waiting list since"), _("Checked in at"),
        *[question.text for question in questions],
    ])  # fmt: skip
    for registration in registrations:
        given = {answer.question_id: answer.value for answer in registration.answers.all()}
        _append(sheet, [
            registration.pk, registration.name, registration.email, registration.phone,
            registration.organization_name, registration.job_title,
            str(registration.get_status_display()), registration.created_at,
            registration.waiting_since, registration.checked_in_at,
            *[answer_text(given[q.pk]) if q.pk in given else "" for q in questions],
        ])  # fmt: skip
    return workbook


def scores_workbook(roadshow: Roadshow) -> Workbook:
    """Two sheets: the ranking (normalised score beside the raw mean), and every judge's
    scorecard with its weighted total and feedback."""
    workbook = Workbook(write_only=True)
    ranked = workbook.create_sheet(_("Ranking"))
    _append(ranked, [_("Rank"), _("Order"), _("Project"), _("Presenter"),
                     _("Normalised score"), _("Raw mean"), _("Judges")])  # fmt: skip
    for row in ranking(roadshow):
        normalised = None if row.normalised is None else round(row.normalised, 3)
        raw = None if row.raw_mean is None else round(float(row.raw_mean), 2)
        _append(ranked, [row.rank, row.pitch.order, row.pitch.project.title,
                         row.pitch.project.presenter, normalised, raw, row.judges])  # fmt: skip
    criteria = list(roadshow.criteria.order_by("order", "id"))
    cards = workbook.create_sheet(_("Scores"))
    _append(cards, [_("Order"), _("Project"), _("Judge"), _("Judging as"),
                    *[criterion.name for criterion in criteria], _("Weighted total"),
                    _("Feedback to the applicant"), _("Conflict of interest")])  # fmt: skip
    assignments = (
        JudgeAssignment.objects.filter(pitch__roadshow=roadshow)
        .select_related("pitch__project", "judge")
        .prefetch_related("scores")
        .order_by("pitch__order", "id")
    )
    for assignment in assignments:
        scores = {score.criterion_id: score.value for score in assignment.scores.all()}
        total = weighted_total(scores, criteria)
        _append(cards, [
            assignment.pitch.order, assignment.pitch.project.title, str(assignment.judge),
            str(assignment.get_role_display()),
            *[float(scores[c.pk]) if c.pk in scores else None for c in criteria],
            None if total is None else round(float(total), 2), assignment.feedback,
            assignment.conflict_note,
        ])  # fmt: skip
    return workbook
