"""High-tech-enterprise pre-assessment: the whole report."""

from datetime import date

import pytest
from django.utils import translation

from alliancehub.memberservices.domain.hightech import (
    FigureKind,
    Incident,
    IncidentKind,
    Staff,
    Verdict,
    assess,
)
from alliancehub.memberservices.domain.hightech.results import Figure, overall, percent, yuan
from tests.factories.hightech import ON, D, make_facts, with_years


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in their English source (zh-hans is the site's default)."""
    with translation.override("en"):
        yield


def test_comfortable_applicant_passes_every_condition():
    report = assess(make_facts(), on=ON)

    assert report.verdict == Verdict.PASS
    assert [rule.verdict for rule in report.rules] == [Verdict.PASS] * 9
    assert all(rule.met is True and rule.advice == "" for rule in report.rules)


def test_report_lists_the_conditions_in_the_order_of_article_11_with_their_citations():
    report = assess(make_facts(), on=ON)

    assert [(rule.code, rule.citation.split("；")[0]) for rule in report.rules] == [
        ("registration", "国科发火〔2016〕32号 第十一条（一）"),
        ("ip_ownership", "国科发火〔2016〕32号 第十一条（二）"),
        ("tech_field", "国科发火〔2016〕32号 第十一条（三）、附件《国家重点支持的高新技术领域》"),
        ("sci_tech_staff", "国科发火〔2016〕32号 第十一条（四）"),
        ("rd_intensity", "国科发火〔2016〕32号 第十一条（五）"),
        ("rd_in_china", "国科发火〔2016〕32号 第十一条（五）"),
        ("high_tech_revenue", "国科发火〔2016〕32号 第十一条（六）"),
        ("innovation_score", "国科发火〔2016〕32号 第十一条（七）"),
        ("no_major_incident", "国科发火〔2016〕32号 第十一条（八）"),
    ]
    assert report.rule("innovation_score").citation.endswith("国科发火〔2016〕195号 三（七）")


def test_rd_result_carries_the_figures_behind_it():
    rule = assess(make_facts(), on=ON).rule("rd_intensity")

    assert [(figure.label, figure.text) for figure in rule.figures] == [
        ("R&D expenses", "7,500,000"),
        ("Sales revenue", "118,000,000"),
        ("Last year's sales revenue", "48,000,000"),
        ("Share", "6.35 %"),
        ("Share required", "5 %"),
    ]
    assert rule.figure("Share").kind == FigureKind.SHARE


def test_one_failed_condition_fails_the_whole_assessment():
    report = assess(make_facts(tech_field=None), on=ON)

    assert report.verdict == Verdict.FAIL
    assert report.rule("tech_field").verdict == Verdict.FAIL


def test_a_condition_at_risk_puts_the_whole_assessment_at_risk():
    facts = make_facts(staff=Staff(in_service=100, part_time_and_temporary=0, sci_tech=10))

    report = assess(facts, on=ON)

    assert report.verdict == Verdict.AT_RISK


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ([Verdict.PASS, Verdict.PASS], Verdict.PASS),
        ([Verdict.PASS, Verdict.AT_RISK], Verdict.AT_RISK),
        ([Verdict.AT_RISK, Verdict.CANNOT_JUDGE], Verdict.CANNOT_JUDGE),
        ([Verdict.CANNOT_JUDGE, Verdict.FAIL, Verdict.AT_RISK], Verdict.FAIL),
    ],
)
def test_overall_verdict_passes_only_when_every_rule_passes(verdicts, expected):
    assert overall(verdicts) == expected


def test_zero_revenue_is_judged_as_cannot_be_judged_without_dividing_by_zero():
    facts = with_years(
        make_facts(total_revenue=D(0), high_tech_revenue=D(0), ip_backed_revenue=D(0)),
        sales_revenue=D(0),
    )

    report = assess(facts, on=ON)

    for code in ("rd_intensity", "high_tech_revenue", "ip_ownership"):
        rule = report.rule(code)
        assert rule.verdict == Verdict.CANNOT_JUDGE
        assert rule.met is None
        assert rule.reason
    assert "is zero" in report.rule("rd_intensity").reason
    assert "2022–2024" in report.rule("rd_intensity").reason
    assert "is zero" in report.rule("high_tech_revenue").reason
    assert report.score.item("growth.sales").points == (0, 0)


def test_zero_employees_and_zero_rd_cannot_be_judged():
    facts = with_years(
        make_facts(staff=Staff(in_service=0, part_time_and_temporary=0, sci_tech=0)),
        rd_expenses=D(0),
        rd_expenses_in_china=D(0),
    )

    report = assess(facts, on=ON)

    assert report.rule("sci_tech_staff").verdict == Verdict.CANNOT_JUDGE
    assert report.rule("rd_in_china").verdict == Verdict.CANNOT_JUDGE
    assert report.rule("rd_intensity").verdict == Verdict.FAIL


def test_incident_in_the_past_year_fails_the_assessment():
    facts = make_facts(incidents=(Incident(IncidentKind.SAFETY, date(2025, 1, 10)),))

    report = assess(facts, on=ON)

    assert report.verdict == Verdict.FAIL
    assert report.rule("no_major_incident").advice == (
        "Apply on or after 2026-01-11, when the last incident is more than a year old."
    )


def test_messages_follow_the_active_language():
    with translation.override("zh-hans"):
        chinese = assess(make_facts(), on=ON).rule("rd_intensity")
        share_in_chinese = translation.gettext("Share")
    english = assess(make_facts(), on=ON).rule("rd_intensity")

    assert chinese.figures[3].label == share_in_chinese
    assert english.figures[3].label == "Share"


@pytest.mark.parametrize(
    ("amount", "text"),
    [(D(1_234_000), "1,234,000"), (D("1234.5"), "1,234.50"), (D(0), "0"), (D("-5"), "-5")],
)
def test_amounts_read_with_thousands_separators(amount, text):
    assert yuan(amount) == text


def test_shares_read_rounded_down_so_a_failing_share_never_shows_its_threshold():
    from fractions import Fraction

    assert percent(Fraction(49999, 1_000_000)) == "4.99 %"
    assert percent(Fraction(1, 10)) == "10 %"
    assert Figure("x", None, FigureKind.SHARE).text == "—"
