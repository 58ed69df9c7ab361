from .chain import Chain, Link, SupplyEdge
from .position import LinkRegionCount, Position

__all__ = ["Chain", "Link", "LinkRegionCount", "Position", "SupplyEdge"]
