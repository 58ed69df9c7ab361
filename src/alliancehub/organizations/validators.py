"""Validators for national identifiers."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015, 4.1: the 31 characters a unified social credit code may use (no I, O, S, V, Z),
# each standing for its position as a number.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015, 5 and Appendix: weight of position i (0-based) is 3**i mod 31.
_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def normalize_credit_code(value: str | None) -> str | None:
    """The code as it is stored: half-width (Chinese input methods type ９１３３…), upper case,
    without spaces; ``None`` when empty."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper() or None


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015, 5: C18 = 31 - Σ mod 31)."""
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * w for char, w in zip(first17, _WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Refuse anything that is not a well-formed unified social credit code.

    Checks the length, the character set, the registration-authority and category
    characters (positions 1–2), the six-digit region code (positions 3–8) and the check
    character. ``validate_credit_code("91330100716105852F")`` passes; changing any one
    character makes it fail.
    """
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has {count}.").format(
                count=len(value)
            ),
            code="credit_code_length",
        )
    bad = sorted({char for char in value if char not in CREDIT_CODE_CHARSET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain {characters}.").format(
                characters="、".join(bad)
            ),
            code="credit_code_characters",
        )
    if value[0] == "0" or value[1] == "0" or not value[2:8].isdigit():
        raise ValidationError(
            _("This is not a unified social credit code: check the first eight characters."),
            code="credit_code_format",
        )
    if credit_code_check_character(value[:17]) != value[17]:
        raise ValidationError(
            _(
                "The check character of this unified social credit code is wrong; please check for a typo."
            ),
            code="credit_code_check",
        )
