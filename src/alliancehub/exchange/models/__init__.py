from .index import MatchEntry, MatchTerm
from .introduction import Introduction
from .post import ExchangeSettings, Listing, Post

__all__ = ["ExchangeSettings", "Introduction", "Listing", "MatchEntry", "MatchTerm", "Post"]
