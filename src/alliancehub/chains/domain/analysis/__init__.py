"""The chain map, gap analysis, risk list, investment-attraction candidates and partners.

``figures``: counts and statuses of a chain's links in a region (``chain_map``, ``gaps``; how
they are counted is written there). ``risks``: where the region's supply is fragile.
``candidates``: organisations to attract to its missing and weak links, and the organisations
on a link. ``partners``: an organisation's suppliers and customers along its chains.
"""

from .candidates import Candidate, candidates, organizations_on
from .figures import DEFAULT_WEAK_SHARE, ChainMap, LinkFigure, chain_map, gaps
from .partners import Partners, partners
from .risks import Risk, risks

__all__ = [
    "DEFAULT_WEAK_SHARE", "Candidate", "ChainMap", "LinkFigure", "Partners", "Risk",
    "candidates", "chain_map", "gaps", "organizations_on", "partners", "risks",
]  # fmt: skip
