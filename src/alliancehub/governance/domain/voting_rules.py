"""An alliance's own quorum and majority per kind of motion (its charter's rules)."""

from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...alliances.models import Alliance
from ...common.domain import audit
from ..enums import MotionKind
from ..models import VotingRule
from .voting import Rule, rule_for

FIELDS = ["quorum_numerator", "quorum_denominator", "threshold_numerator", "threshold_denominator",
          "threshold_strict"]  # fmt: skip


def rules_in_force(alliance: Alliance) -> list[tuple[str, Any, Rule, bool]]:
    """``(kind, label, rule, is_default)`` for every kind of motion."""
    own = set(VotingRule.objects.for_alliance(alliance).values_list("motion_kind", flat=True))
    return [
        (kind, label, rule_for(alliance, kind), kind not in own)
        for kind, label in MotionKind.choices
    ]


def parse_share(text: str) -> Fraction:
    """ "2/3", "0.5" or "50%" as a fraction between 0 (excluded) and 1."""
    cleaned = text.strip().replace("％", "%").replace("／", "/")
    try:
        share = Fraction(cleaned[:-1]) / 100 if cleaned.endswith("%") else Fraction(cleaned)
    except (ValueError, ZeroDivisionError) as error:
        raise ValidationError(_("Write a share as 2/3, 0.5 or 50%.")) from error
    share = share.limit_denominator(1000)  # checked after rounding: 0.0001 must not become 0
    if not 0 < share <= 1:
        raise ValidationError(_("A share lies between 0 and 1."))
    return share


@transaction.atomic
def set_voting_rule(
    alliance: Alliance, kind: str, *, quorum: Fraction, threshold: Fraction, strict: bool,
    actor: Any, source: str,
) -> VotingRule:  # fmt: skip
    """Set the alliance's rule for ``kind``; motions already open keep the rule they opened with."""
    rule, _created = VotingRule.objects.select_for_update().get_or_create(
        alliance=alliance, motion_kind=kind,
        defaults={"quorum_numerator": 0, "quorum_denominator": 1, "threshold_numerator": 0,
                  "threshold_denominator": 1},
    )  # fmt: skip
    before = {} if _created else audit.snapshot(rule, FIELDS)
    rule.quorum_numerator, rule.quorum_denominator = quorum.numerator, quorum.denominator
    rule.threshold_numerator, rule.threshold_denominator = (
        threshold.numerator,
        threshold.denominator,
    )
    rule.threshold_strict = strict
    rule.full_clean()
    rule.save()
    audit.record(rule, action=audit.Action.CREATE if _created else audit.Action.UPDATE, actor=actor,
                 source=source, changes=audit.diff(before, audit.snapshot(rule, FIELDS)))  # fmt: skip
    return rule


@transaction.atomic
def restore_default(alliance: Alliance, kind: str, *, actor: Any, source: str) -> None:
    """Go back to the platform's default for ``kind`` (``DEFAULT_RULES``)."""
    rule = VotingRule.objects.for_alliance(alliance).filter(motion_kind=kind).first()
    if rule is None:
        return
    audit.record(rule, action=audit.Action.DELETE, actor=actor, source=source,
                 changes=audit.diff(audit.snapshot(rule, FIELDS), {}))  # fmt: skip
    rule.delete()
