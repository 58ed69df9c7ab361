"""Chinese-aware normalisation and search tokens (``alliancehub.common.text``)."""

import pytest

from alliancehub.common.text import (
    Term,
    fold,
    normalize_name,
    query_terms,
    search_document,
    to_simplified,
    tokens,
)

SANYUAN = "绍兴三元石化有限公司"
SANYUAN_EN = "Shaoxing Sanyuan Petrochemical Co., Ltd."


def test_to_simplified_converts_traditional_and_leaves_other_text():
    assert to_simplified("紹興三元石化有限公司") == SANYUAN
    assert to_simplified("Sanyuan 123") == "Sanyuan 123"


def test_fold_turns_full_width_into_half_width_and_lower_case():
    assert fold("ＡＢＣ１２３（有限公司）") == "abc123(有限公司)"


def test_fold_collapses_whitespace_including_ideographic_space():
    assert fold("  绍兴\u3000三元 \t 石化\n") == "绍兴 三元 石化"


def test_fold_accepts_none_and_empty_text():
    assert fold("") == ""
    assert fold(None) == ""


@pytest.mark.parametrize(
    "variant",
    [
        "紹興三元石化有限公司",  # Traditional
        "绍兴 三元石化 有限公司",  # spaces
        "绍兴\u3000三元石化有限公司",  # ideographic space
        " 绍兴三元石化有限公司 ",
        "紹興 三元石化有限公司",
    ],
)
def test_normalize_name_treats_script_and_spacing_variants_as_one_name(variant):
    assert normalize_name(variant) == normalize_name(SANYUAN) == SANYUAN


def test_normalize_name_treats_script_spacing_and_bracket_width_variants_as_one_name():
    variants = [
        "紹興三元石化（中国）有限公司",
        "绍兴三元石化(中国)有限公司",
        "绍兴 三元石化（中国）有限公司",
    ]

    assert {normalize_name(v) for v in variants} == {"绍兴三元石化(中国)有限公司"}


def test_normalize_name_lower_cases_latin_letters():
    assert normalize_name("ＡＢＢ（中国）有限公司") == normalize_name("abb(中国)有限公司")


def test_normalize_name_keeps_different_names_apart():
    assert normalize_name("绍兴三元石化有限公司") != normalize_name("绍兴三元化工有限公司")


def test_tokens_of_a_chinese_name_hold_characters_bigrams_and_words():
    result = tokens(SANYUAN)

    assert {"绍", "三", "元", "绍兴", "三元", "石化", "有限公司"} <= set(result)
    assert len(result) == len(set(result))


def test_tokens_of_an_english_name_are_lower_case_words_without_punctuation():
    assert tokens(SANYUAN_EN) == ["shaoxing", "sanyuan", "petrochemical", "co", "ltd"]


def test_tokens_of_traditional_and_full_width_text_match_the_simplified_tokens():
    assert tokens("紹興三元石化有限公司") == tokens(SANYUAN)
    assert tokens("ＳＡＮＹＵＡＮ") == ["sanyuan"]


def test_search_document_joins_the_tokens_of_every_text_with_spaces():
    document = search_document(SANYUAN, SANYUAN_EN, "91330100716105852F")

    assert document.split(" ") == tokens(SANYUAN, SANYUAN_EN, "91330100716105852F")
    assert "91330100716105852f" in document.split(" ")


def test_query_terms_of_a_chinese_run_are_its_bigrams():
    assert query_terms("紹興三元") == [Term("绍兴"), Term("兴三"), Term("三元")]


def test_query_terms_keep_a_single_chinese_character():
    assert query_terms("三") == [Term("三")]


def test_query_terms_make_only_the_last_latin_word_a_prefix():
    assert query_terms("Sanyuan petro") == [Term("sanyuan"), Term("petro", prefix=True)]
    assert query_terms("sanyu") == [Term("sanyu", prefix=True)]


def test_query_terms_drop_duplicates_and_punctuation():
    assert query_terms("三元，三元！") == [Term("三元")]
    assert query_terms("  ,.;  ") == []


@pytest.mark.parametrize("query", ["三元", "紹興三元", "石化有限", "三"])
def test_every_chinese_query_term_occurs_in_the_document_it_should_find(query):
    document = set(tokens(SANYUAN, SANYUAN_EN))

    assert {term.token for term in query_terms(query)} <= document
