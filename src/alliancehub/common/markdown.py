"""Markdown written by secretariats (charters, minutes), rendered to safe HTML."""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe


def render_markdown(text: str) -> SafeString:
    """HTML for ``text``; tags and attributes outside a small safe set are removed (nh3)."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(html))
