"""Minutes exported as documents: a PDF for the record (WeasyPrint, with an embedded CJK font) and
a DOCX to edit (python-docx), both made from the minutes' Markdown in the active language."""

import io
import re

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ...common.markdown import render_markdown
from ..enums import MinutesStatus
from ..models import Minutes

#: Family names fontconfig resolves to Debian's fonts-noto-cjk; Traditional Chinese gets the TC
#: faces. DOCX cannot embed fonts, so Word falls back to the system's Chinese font by language.
CJK_FONT = {"zh-hant": "Noto Sans CJK TC"}
DEFAULT_CJK_FONT = "Noto Sans CJK SC"
EAST_ASIAN_LANGUAGE = {"zh-hant": "zh-TW"}
DOCX_STYLES = ["Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
               "List Bullet", "List Number"]  # fmt: skip

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _status_label(minutes: Minutes) -> str:
    if minutes.status != MinutesStatus.APPROVED:
        return _("Draft, not approved")
    if minutes.approved_at is None:
        return _("Approved")
    day = formats.date_format(timezone.localdate(minutes.approved_at), "DATE_FORMAT")
    return _("Approved on {date}").format(date=day)


def minutes_html(minutes: Minutes) -> str:
    """The print page (``governance/minutes_print.html``) the PDF is rendered from."""
    context = {
        "alliance": minutes.meeting.alliance,
        "title": str(minutes.meeting),
        "approved": minutes.status == MinutesStatus.APPROVED,
        "status_label": _status_label(minutes),
        "body": render_markdown(minutes.text),
    }
    return render_to_string("governance/minutes_print.html", context)


def minutes_pdf(minutes: Minutes) -> bytes:
    """A4 PDF with a running header (alliance, meeting, status), page numbers, a watermark
    while still a draft, and the CJK font embedded as a subset.

    Rendering takes a noticeable fraction of a second: call it from a task or a download, not
    from a page that lists minutes.
    """
    # WeasyPrint takes about a second to import; only the exports need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The Markdown is the secretariat's: an image link must not make the server fetch a URL.
    offline = URLFetcher(allowed_protocols={"data"})
    return HTML(string=minutes_html(minutes), url_fetcher=offline).write_pdf()


def minutes_docx(minutes: Minutes) -> bytes:
    """A DOCX of the minutes: the first ``#`` heading as the title, then headings, paragraphs,
    bullet and numbered lists and bold text converted from the Markdown."""
    document = Document()
    _use_cjk_font(document)
    lines = minutes.text.strip().splitlines()
    title = _HEADING.match(lines[0]) if lines else None
    if title and len(title.group(1)) == 1:
        lines = lines[1:]
        _add_runs(document.add_heading(level=0), title.group(2).strip())
    else:
        document.add_heading(f"{minutes.meeting.alliance.name} · {minutes.meeting}", level=0)
    document.add_paragraph(_status_label(minutes), style="Subtitle")
    _add_markdown(document, lines)
    document.core_properties.title = str(minutes.meeting)
    document.core_properties.subject = minutes.meeting.alliance.name
    document.core_properties.language = get_language() or ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_filename(minutes: Minutes, extension: str) -> str:
    """``minutes-<alliance>-<date>-<kind>-<number>.<extension>``: no spaces, no path separators."""
    meeting = minutes.meeting
    parts = ["minutes", meeting.alliance.slug, meeting.held_on.isoformat(), meeting.kind,
             str(meeting.number)]  # fmt: skip
    stem = "-".join(filter(None, (slugify(part, allow_unicode=True) for part in parts)))
    return f"{stem}.{slugify(extension.lstrip('.')) or 'bin'}"


def _add_markdown(document: DocxDocument, lines: list[str]) -> None:
    """Headings, list items and paragraphs; consecutive lines join as in Markdown."""
    pending: list[str] = []

    def flush() -> None:
        if pending:
            _add_runs(document.add_paragraph(), " ".join(pending))
            pending.clear()

    for line in lines:
        heading, item = _HEADING.match(line), _BULLET.match(line) or _NUMBERED.match(line)
        if heading or item or not line.strip():
            flush()
        if heading:
            level = len(heading.group(1))
            _add_runs(document.add_heading(level=level), heading.group(2).strip())
        elif item:
            style = "List Bullet" if item.re is _BULLET else "List Number"
            _add_runs(document.add_paragraph(style=style), item.group(1))
        elif line.strip():
            pending.append(line.strip())
    flush()


def _add_runs(paragraph: Paragraph, text: str) -> None:
    """``**bold**`` becomes bold runs; everything else is plain text."""
    for index, piece in enumerate(_BOLD.split(text)):
        if piece:
            paragraph.add_run(piece).bold = index % 2 == 1


def _use_cjk_font(document: DocxDocument) -> None:
    """Name the East Asian font on the styles in use (a theme font would win otherwise) and mark
    the text as Chinese, so Word picks a Chinese face even where the named one is missing."""
    font = CJK_FONT.get(get_language() or "", DEFAULT_CJK_FONT)
    east_asian = EAST_ASIAN_LANGUAGE.get(get_language() or "", "zh-CN")
    for name in DOCX_STYLES:
        rpr = document.styles[name].element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        language = rpr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            rpr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        language.set(qn("w:eastAsia"), east_asian)
