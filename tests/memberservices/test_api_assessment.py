"""``POST /api/v1/memberservices/assessments/``: the facts as JSON in, the whole report out
(verdicts, figures, citations, reasons, advice, score range); bad facts answered 400 with the
domain's messages, keyed by their path, in the request's language."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories.memberservices import build_world


@pytest.fixture
def world(db):
    return build_world()


URL = "/api/v1/memberservices/assessments/"

#: Registered 2018; at risk on S&T staff, no high-tech revenue (the IP condition cannot be
#: judged, the revenue condition fails), a score below 70, an environmental violation five
#: months before the application.
BODY = {
    "on": "2025-06-01", "registered_on": "2018-03-01", "tech_field": "new_energy",
    "ip": {"class_one": 0, "class_two": 4, "self_developed": True, "advancement": "fairly_high",
           "core_support": "strong", "standards": False},
    "staff": {"in_service": 190, "part_time_and_temporary": "10", "sci_tech": 21},
    "years": [
        {"year": 2022, "sales_revenue": "30000000", "rd_expenses": "1500000",
         "rd_expenses_in_china": "1500000", "net_assets": "10000000", "conversions": 2},
        {"year": 2023, "sales_revenue": "40000000", "rd_expenses": "2000000",
         "rd_expenses_in_china": "1900000", "net_assets": "12000000", "conversions": 3},
        {"year": 2024, "sales_revenue": 52000000, "rd_expenses": 2600000,
         "rd_expenses_in_china": 2400000, "net_assets": 15000000, "conversions": 4},
    ],
    "total_revenue": "52000000", "high_tech_revenue": "0", "ip_backed_revenue": "0",
    "management": {"system_and_accounts": "full", "institution_and_cooperation": "partial",
                   "conversion_incentives": "partial", "talent": "none"},
    "incidents": [{"kind": "environment", "occurred_on": "2025-01-10"}],
}  # fmt: skip

REPORT = {
    "on": "2025-06-01",
    "verdict": "fail",
    "verdict_label": "Fail",
    "rules": [
        {
            "code": "registration",
            "title": "Registered for at least one year",
            "citation": "国科发火〔2016〕32号 第十一条（一）；国科发火〔2016〕195号 三（一）",
            "verdict": "pass",
            "verdict_label": "Pass",
            "met": True,
            "reason": "Registered 2649 days before the assessment date; 365 or more are required.",
            "advice": "",
            "figures": [
                {"label": "Days registered", "value": "2649", "kind": "days", "text": "2649"},
                {"label": "Days required", "value": "365", "kind": "days", "text": "365"},
            ],
        },
        {
            "code": "ip_ownership",
            "title": "Owns the core IP of its main products",
            "citation": "国科发火〔2016〕32号 第十一条（二）；国科发火〔2016〕195号 三（二）、三（三）",
            "verdict": "cannot_judge",
            "verdict_label": "Cannot be judged",
            "met": None,
            "reason": "There is no high-tech revenue, so the main products cannot be identified.",
            "advice": "Enter the high-tech revenue of the last fiscal year.",
            "figures": [
                {"label": "Class I items", "value": "0", "kind": "count", "text": "0"},
                {"label": "Class II items", "value": "4", "kind": "count", "text": "4"},
            ],
        },
        {
            "code": "tech_field",
            "title": "Technology in a supported high-tech field",
            "citation": "国科发火〔2016〕32号 第十一条（三）、附件《国家重点支持的高新技术领域》",
            "verdict": "pass",
            "verdict_label": "Pass",
            "met": True,
            "reason": "The core technology belongs to the field “New energy and energy saving”.",
            "advice": "",
            "figures": [],
        },
        {
            "code": "sci_tech_staff",
            "title": "Science and technology staff at least 10 %",
            "citation": "国科发火〔2016〕32号 第十一条（四）；国科发火〔2016〕195号 三（五）",
            "verdict": "at_risk",
            "verdict_label": "At risk",
            "met": True,
            "reason": "Science and technology staff are 10.5 % of the employees; at least 10 % is "
            "required.",
            "advice": "2 more science and technology staff would give a 10 % margin.",
            "figures": [
                {
                    "label": "Science and technology staff",
                    "value": "21.00",
                    "kind": "count",
                    "text": "21",
                },
                {"label": "Employees", "value": "200.00", "kind": "count", "text": "200"},
                {"label": "Share", "value": "0.105", "kind": "share", "text": "10.5 %"},
                {"label": "Share required", "value": "0.1", "kind": "share", "text": "10 %"},
            ],
        },
        {
            "code": "rd_intensity",
            "title": "R&D expenses as a share of sales revenue",
            "citation": "国科发火〔2016〕32号 第十一条（五）；国科发火〔2016〕195号 三（六）",
            "verdict": "pass",
            "verdict_label": "Pass",
            "met": True,
            "reason": "R&D expenses are 5 % of sales revenue over 2022–2024; at least 4 % is "
            "required, as the last year's sales revenue was 52,000,000 yuan.",
            "advice": "",
            "figures": [
                {
                    "label": "R&D expenses",
                    "value": "6100000",
                    "kind": "amount",
                    "text": "6,100,000",
                },
                {
                    "label": "Sales revenue",
                    "value": "122000000",
                    "kind": "amount",
                    "text": "122,000,000",
                },
                {
                    "label": "Last year's sales revenue",
                    "value": "52000000.00",
                    "kind": "amount",
                    "text": "52,000,000",
                },
                {"label": "Share", "value": "0.05", "kind": "share", "text": "5 %"},
                {"label": "Share required", "value": "0.04", "kind": "share", "text": "4 %"},
            ],
        },
        {
            "code": "rd_in_china",
            "title": "R&D expenses spent in China at least 60 %",
            "citation": "国科发火〔2016〕32号 第十一条（五）；国科发火〔2016〕195号 三（六）3",
            "verdict": "pass",
            "verdict_label": "Pass",
            "met": True,
            "reason": "95.08 % of the R&D expenses were spent in China; at least 60 % is required.",
            "advice": "",
            "figures": [
                {
                    "label": "R&D expenses in China",
                    "value": "5800000",
                    "kind": "amount",
                    "text": "5,800,000",
                },
                {
                    "label": "R&D expenses",
                    "value": "6100000",
                    "kind": "amount",
                    "text": "6,100,000",
                },
                {
                    "label": "Share",
                    "value": "0.9508196721311475409836065574",
                    "kind": "share",
                    "text": "95.08 %",
                },
                {"label": "Share required", "value": "0.6", "kind": "share", "text": "60 %"},
            ],
        },
        {
            "code": "high_tech_revenue",
            "title": "High-tech revenue at least 60 % of total revenue",
            "citation": "国科发火〔2016〕32号 第十一条（六）；国科发火〔2016〕195号 三（四）",
            "verdict": "fail",
            "verdict_label": "Fail",
            "met": False,
            "reason": "High-tech products and services brought 0 % of total revenue in 2024; at "
            "least 60 % is required.",
            "advice": "78,000,000 yuan more high-tech revenue would reach 60 %.",
            "figures": [
                {"label": "High-tech revenue", "value": "0.00", "kind": "amount", "text": "0"},
                {
                    "label": "Total revenue",
                    "value": "52000000.00",
                    "kind": "amount",
                    "text": "52,000,000",
                },
                {"label": "Share", "value": "0", "kind": "share", "text": "0 %"},
                {"label": "Share required", "value": "0.6", "kind": "share", "text": "60 %"},
            ],
        },
        {
            "code": "innovation_score",
            "title": "Innovation capability score above 70",
            "citation": "国科发火〔2016〕32号 第十一条（七）；国科发火〔2016〕195号 三（七）",
            "verdict": "fail",
            "verdict_label": "Fail",
            "met": False,
            "reason": "The expected score lies between 47 and 67 of 100; more than 70 is required.",
            "advice": "The score reaches 67 at best; more than 70 is required. Most room: "
            "Conversion of results (+12); Number of IP items (+4); Training, recruitment "
            "and rewards for S&T staff (+4).",
            "figures": [
                {"label": "Lowest expected score", "value": "47", "kind": "points", "text": "47"},
                {"label": "Highest expected score", "value": "67", "kind": "points", "text": "67"},
                {
                    "label": "Score required (more than)",
                    "value": "70",
                    "kind": "points",
                    "text": "70",
                },
            ],
        },
        {
            "code": "no_major_incident",
            "title": "No major accident or environmental violation",
            "citation": "国科发火〔2016〕32号 第十一条（八）；国科发火〔2016〕195号 三（一）",
            "verdict": "fail",
            "verdict_label": "Fail",
            "met": False,
            "reason": "1 incident in the year before the application (the last on 2025-01-10).",
            "advice": "Apply on or after 2026-01-11, when the last incident is more than a year "
            "old.",
            "figures": [
                {
                    "label": "Incidents in the year before",
                    "value": "1",
                    "kind": "count",
                    "text": "1",
                }
            ],
        },
    ],
    "score": {
        "low": 47,
        "high": 67,
        "parts": [
            {
                "code": "ip",
                "title": "Intellectual property",
                "maximum": 30,
                "low": 16,
                "high": 24,
                "items": [
                    {
                        "code": "ip.advancement",
                        "title": "Technical advancement",
                        "maximum": 8,
                        "low": 5,
                        "high": 6,
                        "basis": "Band: Fairly high",
                    },
                    {
                        "code": "ip.core_support",
                        "title": "Core support to the main products",
                        "maximum": 8,
                        "low": 7,
                        "high": 8,
                        "basis": "Band: Strong",
                    },
                    {
                        "code": "ip.quantity",
                        "title": "Number of IP items",
                        "maximum": 8,
                        "low": 3,
                        "high": 4,
                        "basis": "Class I: 0, class II: 4",
                    },
                    {
                        "code": "ip.acquisition",
                        "title": "How the IP was obtained",
                        "maximum": 6,
                        "low": 1,
                        "high": 6,
                        "basis": "Own R&D",
                    },
                    {
                        "code": "ip.standards",
                        "title": "Drafting of national or industry standards (bonus)",
                        "maximum": 2,
                        "low": 0,
                        "high": 0,
                        "basis": "No",
                    },
                ],
            },
            {
                "code": "conversion",
                "title": "Conversion of scientific and technological results",
                "maximum": 30,
                "low": 13,
                "high": 18,
                "items": [
                    {
                        "code": "conversion",
                        "title": "Conversion of results",
                        "maximum": 30,
                        "low": 13,
                        "high": 18,
                        "basis": "9 conversions in 3 years: 3.00 a year",
                    }
                ],
            },
            {
                "code": "management",
                "title": "R&D organisation and management",
                "maximum": 20,
                "low": 6,
                "high": 11,
                "items": [
                    {
                        "code": "management.system",
                        "title": "R&D rules, cost accounting and auxiliary ledger",
                        "maximum": 6,
                        "low": 4,
                        "high": 6,
                        "basis": "Fully in place",
                    },
                    {
                        "code": "management.institution",
                        "title": "R&D institution and research cooperation",
                        "maximum": 6,
                        "low": 1,
                        "high": 3,
                        "basis": "Partly in place",
                    },
                    {
                        "code": "management.conversion",
                        "title": "Conversion organisation, incentives and open platforms",
                        "maximum": 4,
                        "low": 1,
                        "high": 2,
                        "basis": "Partly in place",
                    },
                    {
                        "code": "management.talent",
                        "title": "Training, recruitment and rewards for S&T staff",
                        "maximum": 4,
                        "low": 0,
                        "high": 0,
                        "basis": "Not in place",
                    },
                ],
            },
            {
                "code": "growth",
                "title": "Growth",
                "maximum": 20,
                "low": 12,
                "high": 14,
                "items": [
                    {
                        "code": "growth.net_assets",
                        "title": "Net-asset growth",
                        "maximum": 10,
                        "low": 5,
                        "high": 6,
                        "basis": "Rate: 22.5 %",
                    },
                    {
                        "code": "growth.sales",
                        "title": "Sales revenue growth",
                        "maximum": 10,
                        "low": 7,
                        "high": 8,
                        "basis": "Rate: 31.66 %",
                    },
                ],
            },
        ],
    },
}


def api(user, language="en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


def with_changes(**changes):
    """``BODY`` with top-level keys replaced and ``part__name`` keys set inside a part."""
    body = {key: (dict(value) if isinstance(value, dict) else value) for key, value in BODY.items()}
    body["years"] = [dict(year) for year in BODY["years"]]
    for key, value in changes.items():
        if "__" in key:
            part, name = key.split("__")
            if part.startswith("year"):
                body["years"][int(part[4:])][name] = value
            else:
                body[part][name] = value
        else:
            body[key] = value
    return body


def test_the_whole_report_comes_back(world):
    response = api(world.member).post(URL, BODY, format="json")

    assert response.status_code == 200
    assert response.json() == REPORT


def test_the_report_speaks_the_requests_language(world):
    report = api(world.member, "zh-hans").post(URL, BODY, format="json").json()

    assert report["verdict_label"] != "Fail"
    assert report["rules"][0]["citation"] == REPORT["rules"][0]["citation"]


def test_an_anonymous_caller_is_refused(db):
    assert APIClient().post(URL, BODY, format="json").status_code == 401


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"staff__in_service": -5},
         {"staff.in_service": ["This figure cannot be negative."]}),
        ({"year1__rd_expenses": None},
         {"years.1.rd_expenses": ["This figure is required."]}),
        ({"high_tech_revenue": "60000000"},
         {"high_tech_revenue": ["High-tech revenue cannot exceed total revenue."]}),
        ({"staff__sci_tech": 250},
         {"staff.sci_tech": ["Science and technology staff cannot outnumber the employees."]}),
        ({"year0__rd_expenses_in_china": "1600000"},
         {"years.0.rd_expenses_in_china": [
             "R&D expenses in China cannot exceed the year's total R&D expenses (2022)."]}),
        ({"ip__self_developed": None}, {"ip.self_developed": ["Answer yes or no."]}),
        ({"years": BODY["years"][1:]},
         {"years": ["Enter the fiscal years 2022–2024, oldest first: the last three before "
                    "the assessment year, or those since registration."]}),
    ],
)  # fmt: skip
def test_impossible_or_missing_facts_answer_400_keyed_by_path(world, changes, errors):
    response = api(world.member).post(URL, with_changes(**changes), format="json")

    assert response.status_code == 400
    assert response.json() == errors


def test_dates_in_the_future_are_refused(world):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = with_changes(on=None, registered_on=tomorrow,
                        incidents=[{"kind": "safety", "occurred_on": tomorrow}])  # fmt: skip

    response = api(world.member).post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["registered_on"] == ["The registration date lies in the future."]
    assert response.json()["incidents.0.occurred_on"] == [
        "The date of the incident lies in the future."
    ]


def test_an_empty_body_names_every_missing_fact(world):
    response = api(world.member).post(URL, {}, format="json")

    assert response.status_code == 400
    assert {"registered_on", "total_revenue", "staff.sci_tech", "ip.advancement",
            "management.talent"} <= set(response.json())  # fmt: skip


def test_a_word_where_a_number_belongs_is_refused_by_the_field(world):
    response = api(world.member).post(URL, with_changes(total_revenue="many"), format="json")

    assert response.status_code == 400
    assert response.json() == {"total_revenue": ["A valid number is required."]}
