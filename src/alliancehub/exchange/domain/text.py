"""A post's text as matching sees it: words and the chain links it speaks of.

Words: Chinese is folded to Simplified and segmented with jieba (``cut_for_search``, words of
two characters or more); English is lower-cased, stemmed like the chain suggester does, and
stripped of function words; words every post uses ("supply", "采购"…) are dropped. Concepts:
the ``chain:code`` keys of the links the suggester reads in the text, written ``@chain:code``,
so ``膜电极`` in one post and "membrane electrode assembly" in another meet on
``@hydrogen:fuelcell.mea`` through the chains' names, keywords and aliases.
"""

import re

import jieba

from ...chains.domain import suggest
from ...common.text import fold

CONCEPT_PREFIX = "@"
MAX_CONCEPTS = 3
#: Words a post uses whatever it is about: they would make every post look alike.
COMMON = frozenset(
    [
        "提供",
        "需要",
        "需求",
        "采购",
        "供应",
        "求购",
        "寻找",
        "寻求",
        "合作",
        "欢迎",
        "联系",
        "我们",
        "公司",
        "有限公司",
        "企业",
        "产品",
        "服务",
        "长期",
        "批量",
        "稳定",
        "优质",
        "专业",
        "可以",
        "能够",
        "要求",
        "相关",
        "以上",
        "每月",
        "每年",
        "左右",
        "进行",
        "承接",
        "生产",
        "加工",
        "supply",
        "supplier",
        "need",
        "needed",
        "seek",
        "seeking",
        "looking",
        "offer",
        "provide",
        "provider",
        "buy",
        "purchase",
        "company",
        "product",
        "service",
        "long",
        "term",
        "stable",
        "quality",
        "professional",
        "capable",
        "per",
        "month",
        "year",
    ]
)
_STOP = frozenset(
    [
        "and",
        "of",
        "the",
        "for",
        "in",
        "on",
        "to",
        "with",
        "a",
        "an",
        "by",
        "etc",
        "we",
        "our",
        "is",
        "are",
        "be",
        "can",
        "from",
        "at",
        "or",
        "as",
        "any",
        "all",
    ]
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")


def words(text: str) -> set[str]:
    """The content words of ``text`` (Simplified, Traditional or English)."""
    found: set[str] = set()
    for run in _CJK.findall(fold(text)):
        if run[0].isascii():
            word = suggest.stem(run)
            if len(word) > 2 and word not in _STOP and word not in COMMON:
                found.add(word)
            continue
        found.update(w for w in jieba.cut_for_search(run) if len(w) > 1 and w not in COMMON)
    return found


def concepts(text: str) -> list[str]:
    """The ``chain:code`` keys of the links ``text`` speaks of, most likely first."""
    return [s.key for s in suggest.suggest(text, limit=MAX_CONCEPTS)]


def terms(text: str, link_keys: list[str]) -> str:
    """The space-separated terms stored on a post: its words, then its stated links and the
    links its text speaks of as ``@chain:code``."""
    keys = dict.fromkeys([*link_keys, *concepts(text)])
    return " ".join([*sorted(words(text)), *(CONCEPT_PREFIX + key for key in keys)])
