"""How terms and meetings are named in each language: 第一届理事会第六次会议 / 6th meeting of
the 1st council. Chinese uses Chinese numerals, English ordinals."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ..enums import MeetingKind

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if number < 0 or number > 9999:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number - 10] if number > 10 else "")
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    text, gap = "", False
    for value, name in units:
        digit, number = divmod(number, value)
        if digit:
            text += ("零" if gap and text else "") + _DIGITS[digit] + name
            gap = False
        elif text:
            gap = True
    return text


def english_ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def ordinal(number: int) -> str:
    """The number as the active language writes it inside a title."""
    if (translation.get_language() or "").startswith("zh"):
        return chinese_numeral(number)
    return english_ordinal(number)


def term_label(number: int) -> str:
    return _("{term} term").format(term=ordinal(number))


def meeting_title(meeting: Any) -> str:
    """The meeting's name as people write it, in the active language."""
    term, number = ordinal(meeting.term.number), ordinal(meeting.number)
    titles = {
        MeetingKind.FOUNDING_CONFERENCE: _("Founding conference"),
        MeetingKind.GENERAL_ASSEMBLY: _("{number} meeting of the {term} general assembly"),
        MeetingKind.COUNCIL: _("{number} meeting of the {term} council"),
        MeetingKind.EXECUTIVE_COUNCIL: _("{number} meeting of the {term} executive council"),
        MeetingKind.SECRETARIAT: _("{number} secretariat meeting of the {term} term"),
    }
    return titles[meeting.kind].format(number=number, term=term)
