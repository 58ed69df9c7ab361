"""The registration form's own questions: setting them up and checking the answers given.

A question somebody has answered keeps its kind and options (the answers were given to them)
and stays on the form (removing it would delete the answers with it); its wording and whether
an answer is required may still change.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ...common.domain import audit
from ..enums import CHOICE_KINDS, QuestionKind
from ..models import Event, Question

#: Longest answers kept, in characters.
MAX_LENGTH: dict[str, int] = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 5000}
_YES = {"yes", "true", "1", "on"}
_NO = {"no", "false", "0", "off"}
QUESTION_FIELDS = ["text", "kind", "choices", "required"]


@transaction.atomic
def add_question(
    event: Event,
    *,
    text: str,
    kind: str,
    actor: Any,
    source: str,
    choices: Sequence[str] = (),
    required: bool = False,
) -> Question:
    """Add a question to the event's registration form, after the others. A choice question
    needs at least two different options; other kinds take none."""
    options = _options(choices)
    _check_options(kind, options)
    last = event.questions.aggregate(last=Max("order"))["last"] or 0
    question = Question(event=event, text=text.strip(), kind=kind, choices=options,
                        required=required, order=last + 1)  # fmt: skip
    question.full_clean()
    question.save()
    audit.record(
        question, action=audit.Action.CREATE, actor=actor, source=source,
        changes=audit.diff({}, audit.snapshot(question, QUESTION_FIELDS)),
    )  # fmt: skip
    return question


def _options(choices: Sequence[Any]) -> list[str]:
    return [str(choice).strip() for choice in choices if str(choice).strip()]


def _check_options(kind: str, options: list[str]) -> None:
    if kind in CHOICE_KINDS and (len(options) < 2 or len(set(options)) != len(options)):
        raise ValidationError(_("Give at least two different options."))
    if kind not in CHOICE_KINDS and options:
        raise ValidationError(_("Only choice questions have options."))


def _locked(question: Question) -> Question:
    """The question under the event's lock, which registering takes too: no answer arrives
    while the question changes or goes, and none is counted before it is saved."""
    Event.objects.select_for_update().get(pk=question.event_id)
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def update_question(question: Question, data: Mapping[str, Any], *, actor: Any,
                    source: str) -> Question:  # fmt: skip
    """Change a question's ``text``, ``kind``, ``choices`` or ``required``, under the rules of
    ``add_question``. Once somebody answered it, its kind and options stay as they are.

    Side effects: saves it, audits the change. Refused for another kind or other options of
    an answered question, and for options that do not fit the kind.
    """
    unknown = set(data) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}.")
    question = _locked(question)
    before = audit.snapshot(question, QUESTION_FIELDS)
    kind = data.get("kind", question.kind)
    options = _options(data["choices"]) if "choices" in data else list(question.choices)
    if (kind, options) != (question.kind, question.choices) and question.answers.exists():
        raise ValidationError(
            _("Registrants have already answered this question: its kind of answer and its "
              "options can no longer change, only its wording and whether an answer is "
              "required."), code="answered",
        )  # fmt: skip
    _check_options(kind, options)
    question.kind, question.choices = kind, options
    question.text = str(data.get("text", question.text)).strip()
    question.required = bool(data.get("required", question.required))
    question.full_clean()
    question.save()
    audit.record_changed(question, before, actor=actor, source=source)
    return question


@transaction.atomic
def remove_question(question: Question, *, actor: Any, source: str) -> None:
    """Take a question off the registration form. Refused once somebody answered it: their
    answers would be deleted with it. Side effects: deletes it, audits its last values; the
    other questions keep their order."""
    question = _locked(question)
    if question.answers.exists():
        raise ValidationError(
            _("Registrants have already answered this question; removing it would delete "
              "their answers."), code="answered",
        )  # fmt: skip
    audit.record_removed(question, QUESTION_FIELDS, actor=actor, source=source)
    question.delete()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple) and not value)


def clean_answer(question: Question, value: Any) -> Any:
    """The answer as stored (stripped text, the chosen options in the question's order, or a
    boolean), or ``None`` when none was given. Raises ``ValidationError`` for an answer that
    does not fit the question."""
    if isinstance(value, str):
        value = value.strip()
    if _empty(value):
        return None
    kind = question.kind
    if kind in MAX_LENGTH:
        # Numbers pass as text; a list, an object or yes/no is not an answer to type in.
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError(_("Answer with text."))
        text = str(value)
        if len(text) > MAX_LENGTH[kind]:
            raise ValidationError(_("Keep the answer under {count} characters.").format(
                count=MAX_LENGTH[kind]))  # fmt: skip
        return text
    if kind == QuestionKind.YES_NO:
        if isinstance(value, bool):
            return value
        if str(value).lower() in _YES | _NO:
            return str(value).lower() in _YES
        raise ValidationError(_("Answer yes or no."))
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, list | tuple) or not all(isinstance(o, str) for o in chosen):
        raise ValidationError(_("Choose among the options given."))
    if any(option not in question.choices for option in chosen):
        raise ValidationError(_("Choose among the options given."))
    if kind == QuestionKind.SINGLE_CHOICE:
        if len(chosen) != 1:
            raise ValidationError(_("Choose one option."))
        return chosen[0]
    return [option for option in question.choices if option in chosen]


def clean_answers(event: Event, answers: Mapping[Any, Any]) -> list[tuple[Question, Any]]:
    """Check ``answers`` (question or question id → value) against the event's questions: every
    required one answered, each answer fitting its question, none for another event's.

    Raises one ``ValidationError`` naming each faulty question (``question_<id>``).
    """
    questions = list(event.questions.order_by("order", "id"))
    given = {int(getattr(key, "pk", key)): value for key, value in answers.items()}
    if set(given) - {question.pk for question in questions}:
        raise ValidationError(_("An answer does not belong to this event's questions."))
    cleaned, errors = [], {}
    for question in questions:
        try:
            value = clean_answer(question, given.get(question.pk))
        except ValidationError as error:
            errors[f"question_{question.pk}"] = error.messages
            continue
        if value is None and question.required:
            errors[f"question_{question.pk}"] = [_("This question needs an answer.")]
        elif value is not None:
            cleaned.append((question, value))
    if errors:
        raise ValidationError(errors)
    return cleaned
