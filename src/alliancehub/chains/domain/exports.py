"""The gap analysis, the risk list and the candidates as Excel workbooks.

Every text cell is written as text: an organisation's name such as ``=HYPERLINK(…)`` must
come back as typed, never as a formula (as in the import report).
"""

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ...organizations.models import Region
from ..enums import LinkStatus, Stage
from ..models import Chain, Link
from . import analysis
from .names import localized


def _text(sheet: Any, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append([_text(sheet, value) for value in values])


def _status(value: str) -> str:
    return str(LinkStatus(value).label)


def gaps_workbook(chain: Chain, region: Region, *, compare: Region | None = None) -> Workbook:
    """One row per link: code, name, stage, then count, expected, share and status for the
    region (and for ``compare`` beside it)."""
    regions = [region] if compare is None else [region, compare]
    columns = [analysis.gaps(chain, r) for r in regions]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Gap analysis"))
    header = [_("Code"), _("Link"), _("Stage")]
    for r in regions:
        name = r.localized_name
        header += [
            _("{region}: organisations").format(region=name),
            _("{region}: expected").format(region=name),
            _("{region}: share of expected").format(region=name),
            _("{region}: status").format(region=name),
        ]
    _append(sheet, header)
    for row in zip(*columns, strict=True):
        link = row[0].link
        values: list[Any] = [link.code, localized(link), str(Stage(link.stage).label)]
        for figure in row:
            share = None if figure.share is None else round(figure.share, 3)
            values += [figure.count, round(figure.expected, 2), share, _status(figure.status)]
        _append(sheet, values)
    return workbook


def risks_workbook(chain: Chain, region: Region) -> Workbook:
    """One row per risk: the link, the kind, the explanation, the organisations named."""
    kinds = {"concentrated": _("Concentrated"), "external_supply": _("Supply from elsewhere")}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Risks"))
    _append(sheet, [_("Code"), _("Link"), _("Risk"), _("Detail"), _("Organisations")])
    for risk in analysis.risks(chain, region):
        names = "；".join(o.display_name for o in risk.organizations)
        _append(sheet, [risk.link.code, localized(risk.link), kinds[risk.kind], risk.detail, names])
    return workbook


def candidates_workbook(chain: Chain, region: Region, *, link: Link | None = None) -> Workbook:
    """One row per candidate, links in template order, best score first."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Candidates"))
    _append(sheet, [
        _("Code"), _("Link"), _("Organisation"), _("Region"), _("Score"), _("Reasons"),
    ])  # fmt: skip
    for candidate in analysis.candidates(chain, region, link=link):
        organization = candidate.organization
        place = organization.region.localized_name if organization.region else ""
        _append(sheet, [
            candidate.link.code, localized(candidate.link), organization.display_name, place,
            candidate.score, "；".join(candidate.reasons),
        ])  # fmt: skip
    return workbook
