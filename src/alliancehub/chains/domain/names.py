"""Names of chains and links in the active language."""

from typing import Any

from django.utils.translation import get_language


def localized(obj: Any) -> str:
    """``name_en`` on English pages, ``name_zh_hant`` on Traditional ones, else ``name``."""
    language = get_language() or ""
    if language.startswith("en") and obj.name_en:
        return str(obj.name_en)
    if language == "zh-hant" and obj.name_zh_hant:
        return str(obj.name_zh_hant)
    return str(obj.name)
