from .importing import ImportJob, ImportRowError
from .organization import Contact, Organization
from .reference import Industry, Region
from .tally import RegionTally

__all__ = [
    "Contact",
    "ImportJob",
    "ImportRowError",
    "Industry",
    "Organization",
    "Region",
    "RegionTally",
]
