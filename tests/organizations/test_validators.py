"""The unified social credit code (GB 32100-2015) validator and where upper-casing happens."""

import pytest
from django.core.exceptions import ValidationError

from alliancehub.common.domain.audit import Source
from alliancehub.organizations.domain import registry
from alliancehub.organizations.forms import OrganizationForm
from alliancehub.organizations.validators import (
    CREDIT_CODE_CHARSET,
    credit_code_check_character,
    validate_credit_code,
)

VALID_CODES = ["91330100716105852F", "9144030071526726XG"]


def _error_code(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    return caught.value.code


@pytest.mark.parametrize("code", VALID_CODES)
def test_credit_code_validator_accepts_published_codes(code):
    validate_credit_code(code)


@pytest.mark.parametrize("code", VALID_CODES)
def test_credit_code_check_character_is_recomputed_from_first_17(code):
    assert credit_code_check_character(code[:17]) == code[17]


def test_credit_code_charset_has_31_characters_without_i_o_s_v_z():
    assert len(CREDIT_CODE_CHARSET) == 31
    assert not set("IOSVZ") & set(CREDIT_CODE_CHARSET)


@pytest.mark.parametrize("position", range(18))
@pytest.mark.parametrize("code", VALID_CODES)
def test_credit_code_validator_rejects_every_single_character_change(code, position):
    """Every other character of the charset at every position makes the code invalid."""
    accepted = []
    for replacement in CREDIT_CODE_CHARSET:
        if replacement == code[position]:
            continue
        changed = code[:position] + replacement + code[position + 1 :]
        try:
            validate_credit_code(changed)
        except ValidationError:
            continue
        accepted.append(changed)
    assert accepted == []


@pytest.mark.parametrize(
    ("value", "count"),
    [("", 0), ("91330100716105852", 17), ("91330100716105852FF", 19)],
)
def test_credit_code_validator_rejects_wrong_length_and_says_how_long(value, count):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    assert caught.value.code == "credit_code_length"
    assert str(count) in caught.value.messages[0]


@pytest.mark.parametrize("letter", "IOSVZ")
def test_credit_code_validator_rejects_forbidden_letters_by_name(letter):
    value = "91330100716105852" + letter
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    assert caught.value.code == "credit_code_characters"
    assert letter in caught.value.messages[0]


def test_credit_code_validator_itself_refuses_lower_case():
    assert _error_code("91330100716105852f") == "credit_code_characters"


@pytest.mark.parametrize(
    "value",
    [
        "01330100716105852F",  # registration authority 0 does not exist
        "90330100716105852F",  # nor does category 0
        "91A30100716105852F",  # the region code is six digits
    ],
)
def test_credit_code_validator_rejects_malformed_first_eight_characters(value):
    assert _error_code(value) == "credit_code_format"


def test_credit_code_validator_rejects_wrong_check_character():
    assert _error_code("913301007161058520") == "credit_code_check"


@pytest.mark.django_db
def test_organisation_form_upper_cases_and_strips_the_credit_code():
    form = OrganizationForm(
        {"name": "杭州测试有限公司", "kind": "enterprise", "credit_code": " 91330100716105852f "}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["credit_code"] == "91330100716105852F"


@pytest.mark.django_db
def test_registry_upper_cases_a_lower_case_credit_code():
    organization = registry.create_organization(
        {"name": "杭州测试有限公司", "credit_code": "9144030071526726xg"},
        actor=None,
        source=Source.SYSTEM,
    )

    organization.refresh_from_db()
    assert organization.credit_code == "9144030071526726XG"


@pytest.mark.django_db
def test_registry_stores_a_blank_credit_code_as_null():
    first = registry.create_organization(
        {"name": "甲公司", "credit_code": "  "}, actor=None, source=Source.SYSTEM
    )
    second = registry.create_organization(
        {"name": "乙公司", "credit_code": ""}, actor=None, source=Source.SYSTEM
    )

    assert first.credit_code is None
    assert second.credit_code is None


@pytest.mark.django_db
def test_registry_refuses_an_invalid_credit_code_on_the_credit_code_field():
    with pytest.raises(ValidationError) as caught:
        registry.create_organization(
            {"name": "杭州测试有限公司", "credit_code": "913301007161058520"},
            actor=None,
            source=Source.SYSTEM,
        )

    assert list(caught.value.message_dict) == ["credit_code"]
