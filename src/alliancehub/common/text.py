"""Chinese-aware text normalisation and search tokens.

Chinese is segmented once, when a record is written: its search document is a space-separated
list of tokens (single characters and character bigrams of every CJK run, jieba's search-mode
words, and lower-cased Latin words). A query is turned into terms the same way, so that
``三元``, the Traditional ``紹興三元`` and the English ``Sanyuan`` all match 绍兴三元石化有限公司 /
Shaoxing Sanyuan Petrochemical Co., Ltd. The database only has to intersect exact tokens,
which an inverted index (PostgreSQL GIN, SQLite FTS5) does quickly at any size.
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jieba
import opencc

jieba.setLogLevel(logging.WARNING)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_SPACE = re.compile(r"\s+")
_local = threading.local()


def _converter() -> opencc.OpenCC:
    # One converter per thread: OpenCC objects are not documented as thread-safe.
    if not hasattr(_local, "t2s"):
        _local.t2s = opencc.OpenCC("t2s")
    return _local.t2s


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified (other text unchanged)."""
    return _converter().convert(text)


def fold(text: str) -> str:
    """Full-width to half-width (NFKC), Traditional to Simplified, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACE.sub(" ", to_simplified(text).casefold()).strip()


def normalize_name(name: str) -> str:
    """The key two organisation names are compared by: ``fold`` without any whitespace.

    ``紹興三元石化（中国）有限公司``, ``绍兴三元石化(中国)有限公司`` and
    ``绍兴 三元石化（中国）有限公司`` differ only in script, spacing and bracket width; they are
    one name.
    """
    return _SPACE.sub("", fold(name))


def _is_cjk(run: str) -> bool:
    return not run[0].isascii()


def tokens(*texts: str) -> list[str]:
    """The search tokens of ``texts``, unique and in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for run in _RUN.findall(fold(text)):
            if not _is_cjk(run):
                seen.setdefault(run)
                continue
            for char in run:
                seen.setdefault(char)
            for i in range(len(run) - 1):
                seen.setdefault(run[i : i + 2])
            for word in jieba.cut_for_search(run):
                seen.setdefault(word)
    return list(seen)


def search_document(*texts: str) -> str:
    """``tokens`` as the space-separated text stored beside a record."""
    return " ".join(tokens(*texts))


@dataclass(frozen=True)
class Term:
    """One term of a query: a token that must occur, or a prefix of one."""

    token: str
    prefix: bool = False


def query_terms(query: str) -> list[Term]:
    """The terms a document must all contain to match ``query``.

    A CJK run becomes its bigrams (a single character stays itself), so a query matches
    wherever its characters occur in that order, whatever words jieba saw. The last Latin
    word is a prefix, so ``sanyu`` already finds Sanyuan while the user types.
    """
    terms: list[Term] = []
    runs = _RUN.findall(fold(query))
    for index, run in enumerate(runs):
        if _is_cjk(run):
            grams = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
            terms.extend(Term(gram) for gram in grams)
        else:
            terms.append(Term(run, prefix=index == len(runs) - 1))
    return list(dict.fromkeys(terms))
