"""The facts a member enters for the pre-assessment, and the guideline's ways of counting them.

Amounts are ``Decimal`` yuan, as audited for the application (国科发火〔2016〕32号 第十二条);
headcounts are the guideline's annual monthly averages and so may have decimals
(``annual_monthly_average``). Expert-judged items are entered as the band the member expects
(``enums``); everything countable is entered as numbers and banded by ``scoring``.

Periods (国科发火〔2016〕195号 三（一）): "当年", "最近一年" and "近一年" mean the one fiscal
year before the application; "近三个会计年度" the three consecutive fiscal years before the
application year, or the years since registration when there are fewer (32号 第十一条（五）).
A Chinese fiscal year is the calendar year, so the years are those before ``on.year``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .enums import Advancement, CoreSupport, Fulfilment, IncidentKind, TechField

#: Headcounts are monthly averages: ``Decimal`` (or ``int`` for whole numbers).
Headcount = Decimal | int


@dataclass(frozen=True)
class FiscalYear:
    """One of the (up to three) fiscal years before the application, oldest first."""

    year: int
    #: 销售收入 = 主营业务收入 + 其他业务收入, as in the corporate income-tax return (195号 三（六）5).
    sales_revenue: Decimal
    #: 研究开发费用 as collected under 195号 三（六）2: entrusted R&D at 80 % of the amount paid,
    #: "other expenses" at most 20 % of the total.
    rd_expenses: Decimal
    #: The part spent in China: internal R&D plus R&D entrusted to Chinese bodies or persons,
    #: without R&D entrusted abroad (195号 三（六）3).
    rd_expenses_in_china: Decimal
    #: 净资产 = 资产总额 − 负债总额 at the year's end (195号 三（七）4（1）); may be negative.
    net_assets: Decimal
    #: 科技成果转化 completed in the year; one result turned into several products, or
    #: converted at home and abroad, counts once (195号 三（七）2).
    conversions: int


@dataclass(frozen=True)
class Staff:
    """The last fiscal year's people, each an annual monthly average (195号 三（五）)."""

    #: 在职人员: everyone with a labour contract or social insurance paid by the company.
    in_service: Headcount
    #: 兼职、临时聘用人员 who worked 183 days or more in the company in the year.
    part_time_and_temporary: Headcount
    #: 科技人员: people in R&D and related innovation, its management or direct technical
    #: service, with 183 days or more of actual work in the year — in-service, part-time and
    #: temporary alike.
    sci_tech: Headcount

    @property
    def employees(self) -> Decimal:
        """职工总数 (195号 三（五）2)."""
        return Decimal(self.in_service) + Decimal(self.part_time_and_temporary)


@dataclass(frozen=True)
class IntellectualProperty:
    """IP granted in China, in force and owned by the company (195号 三（二）1)."""

    #: Ⅰ类: invention patents (incl. defence patents), plant varieties, national crop varieties,
    #: national new drugs, first-class protected TCM varieties, IC layout designs.
    class_one: int
    #: Ⅱ类: utility models, designs, software copyrights (not trademarks), not yet used in an
    #: earlier application — a class-II item serves one application only (195号 三（二）4).
    class_two: int
    #: At least one item came from the company's own R&D (not only transfer, gift, merger).
    self_developed: bool
    advancement: Advancement
    core_support: CoreSupport
    #: Took part in drafting national or industry standards, test methods or technical
    #: specifications recognised by the competent authorities (bonus, 195号 三（七）1（5））.
    standards: bool

    @property
    def items(self) -> int:
        return self.class_one + self.class_two


@dataclass(frozen=True)
class RdManagement:
    """The four items of 195号 三（七）3 (研究开发组织管理水平)."""

    #: (1) R&D management rules, R&D cost accounting, auxiliary R&D ledger (≤6).
    system_and_accounts: Fulfilment
    #: (2) Internal R&D institution with research conditions; industry-university-research
    #: cooperation (≤6).
    institution_and_cooperation: Fulfilment
    #: (3) Organisation and incentives for converting results; open innovation platform (≤4).
    conversion_incentives: Fulfilment
    #: (4) Training, skills, talent recruitment, performance rewards for S&T staff (≤4).
    talent: Fulfilment


@dataclass(frozen=True)
class Incident:
    """A major safety or quality accident, or a serious environmental violation, as found by
    the competent authority (195号 五（六）2)."""

    kind: IncidentKind
    occurred_on: date


@dataclass(frozen=True)
class Facts:
    registered_on: date
    #: The field of the technology behind the main products; ``None``: none of the eight.
    tech_field: TechField | None
    ip: IntellectualProperty
    staff: Staff
    years: tuple[FiscalYear, ...]
    #: The last fiscal year's 总收入 = 收入总额 − 不征税收入 (195号 三（四）2).
    total_revenue: Decimal
    #: The last fiscal year's 高新技术产品（服务）收入, incl. technical income (195号 三（四）1).
    high_tech_revenue: Decimal
    #: The part of ``high_tech_revenue`` from products whose core-supporting IP the company owns
    #: (its 主要产品（服务）need more than half, 195号 三（三）).
    ip_backed_revenue: Decimal
    management: RdManagement
    incidents: tuple[Incident, ...] = ()


def annual_monthly_average(month_counts: Sequence[tuple[Headcount, Headcount]]) -> Decimal:
    """全年月平均数 from ``(start of month, end of month)`` counts (195号 三（五）3).

    A company that opened or closed during the year passes only its months of operation: they
    count as the year.
    """
    if not month_counts:
        return Decimal(0)
    monthly = [(Decimal(start) + Decimal(end)) / 2 for start, end in month_counts]
    return sum(monthly, Decimal(0)) / len(monthly)


#: 195号 三（五）: "累计实际工作时间在183天以上" — 183 days or more ("以上" includes the number).
MIN_DAYS_WORKED = 183


@dataclass(frozen=True)
class Person:
    """One person who worked for the company in the year, for ``staff_from_people``."""

    in_service: bool  # labour contract or social insurance paid by the company
    days_worked: int  # actual days worked in the company in the year
    sci_tech: bool  # in R&D and related innovation, its management or direct technical service


def staff_from_people(people: Iterable[Person]) -> Staff:
    """Head counts by the guideline's definitions (195号 三（五）1–2).

    An in-service employee always counts as an employee; a part-time or temporary one only
    with 183 days or more. Anyone counts as S&T staff only with 183 days or more, in-service
    staff included. The application uses annual monthly averages
    (``annual_monthly_average``); counting heads is the same when the staff is stable.
    """
    in_service = others = sci_tech = 0
    for person in people:
        long_enough = person.days_worked >= MIN_DAYS_WORKED
        if person.in_service:
            in_service += 1
        elif long_enough:
            others += 1
        if person.sci_tech and long_enough:
            sci_tech += 1
    return Staff(in_service=in_service, part_time_and_temporary=others, sci_tech=sci_tech)


def expected_fiscal_years(registered_on: date, on: date) -> list[int]:
    """The fiscal years the application counts: at most three, none before registration."""
    return list(range(max(registered_on.year, on.year - 3), on.year))
