"""Which kinds of post answer which, and how posts relate along a chain."""

from ..enums import Direction, PostKind

#: Kinds that answer each other are in one group: technology and R&D cooperation meet.
KIND_GROUP = {
    PostKind.PRODUCT: "product",
    PostKind.CAPACITY: "capacity",
    PostKind.TECHNOLOGY: "technology",
    PostKind.RD: "technology",
    PostKind.FUNDING: "funding",
    PostKind.TALENT: "talent",
    PostKind.OTHER: "other",
}
#: Kinds matched on the same link only (a machining line does not "feed" the next link).
SAME_LINK_ONLY = {"capacity", "funding", "talent", "other"}


def group(kind: str) -> str:
    return KIND_GROUP[PostKind(kind)]


def opposite(direction: str) -> str:
    return Direction.NEED if direction == Direction.OFFER else Direction.OFFER
