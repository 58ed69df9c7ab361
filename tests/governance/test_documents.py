import io
import re
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docx
import pytest
from django.utils import translation
from docx.oxml.ns import qn
from PIL import Image

from alliancehub.common.domain.audit import Source
from alliancehub.governance.domain import voting
from alliancehub.governance.domain.documents import (
    minutes_docx,
    minutes_filename,
    minutes_pdf,
)
from alliancehub.governance.domain.meeting import record_attendance
from alliancehub.governance.domain.minutes import approve_minutes, draft_minutes
from alliancehub.governance.enums import Choice
from tests.factories.governance import build_alliance

WEB = Source.WEB


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def _minutes_of_a_council_meeting():
    """Six council units present, a guest in person, one absent member unit and a motion that
    passed with four votes in favour."""
    setup = build_alliance()
    meeting = setup.meeting()
    record_attendance(meeting, person="张兴昌", capacity="秘书长", actor=None, source=WEB)
    record_attendance(meeting, organization=setup.members[0], present=False, actor=None,
                      source=WEB)  # fmt: skip
    motion = voting.propose_motion(
        meeting, title="关于调整会费标准的议案", actor=setup.secretariat, source=WEB
    )
    voting.open_voting(motion, actor=setup.secretariat, source=WEB)
    for unit in setup.units[:4]:
        voting.cast_vote(
            motion, unit, choice=Choice.YES, actor=setup.representatives[unit.pk], source=WEB
        )
    voting.close_voting(motion, actor=setup.secretariat, source=WEB)
    return setup, draft_minutes(meeting, actor=setup.secretariat, source=WEB)


# Reading the PDF back. No PDF reader is installed (pypdf, poppler), so the tests read the parts
# WeasyPrint writes: objects (some packed in compressed object streams), Type0 fonts with their
# ToUnicode maps, and the hex glyph strings of the page content.

_OBJECT = re.compile(rb"(\d+) 0 obj\s*")
_STREAM = re.compile(rb"stream\r?\n")


def _pdf_objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number → (dictionary, inflated stream) for every object in ``data``."""
    objects, position = {}, 0
    while match := _OBJECT.search(data, position):
        start, end = match.end(), data.index(b"endobj", match.end())
        stream = _STREAM.search(data, start)
        if stream and stream.start() < end:
            head = data[start : stream.start()]
            length = int(re.search(rb"/Length (\d+)", head)[1])
            body = data[stream.end() : stream.end() + length]
            objects[int(match[1])] = (head, zlib.decompress(body) if b"Flate" in head else body)
            position = stream.end() + length
        else:
            objects[int(match[1])] = (data[start:end], b"")
            position = end
    for head, body in list(objects.values()):
        if b"/Type /ObjStm" in head:
            first = int(re.search(rb"/First (\d+)", head)[1])
            pairs = [int(n) for n in body[:first].split()]
            offsets = [*pairs[1::2], len(body) - first]
            for index, number in enumerate(pairs[::2]):
                chunk = body[first + offsets[index] : first + offsets[index + 1]]
                objects[number] = (chunk, b"")
    return objects


def _pdf_text(data: bytes) -> str:
    objects = _pdf_objects(data)
    maps = {}  # font object number → {glyph code: text}
    for number, (head, _body) in objects.items():
        if b"/Subtype /Type0" in head:
            cmap = objects[int(re.search(rb"/ToUnicode (\d+) 0 R", head)[1])][1]
            pairs = re.findall(
                rb"<([0-9a-f]+)> <([0-9a-f]+)>", cmap.split(b"endcodespacerange")[-1]
            )
            maps[number] = {
                code.decode(): bytes.fromhex(text.decode()).decode("utf-16-be")
                for code, text in pairs
            }
    names = {}  # resource name → font object number
    for head, _body in objects.values():
        for name, number in re.findall(rb"/(\w+) (\d+) 0 R", head):
            if int(number) in maps:
                names[name] = int(number)
    text, font = [], {}
    for number in re.findall(rb"/Contents (\d+) 0 R", b"".join(h for h, _ in objects.values())):
        content = objects[int(number)][1]
        for name, glyphs in re.findall(
            rb"/(\w+) [\d.]+ Tf|(\[[^\]]*\]\s*TJ|<[^>]*>\s*Tj)", content
        ):
            if name:
                font = maps[names[name]]
            for run in re.findall(rb"<([0-9a-f]+)>", glyphs):
                codes = run.decode()
                text.extend(font.get(codes[i : i + 4], "?") for i in range(0, len(codes), 4))
            text.append("\n" if glyphs else "")
    return "".join(text)


def _embedded_font_names(data: bytes) -> list[str]:
    heads = b"".join(head for head, _body in _pdf_objects(data).values())
    return [name.decode() for name in re.findall(rb"/FontName /([^\s/<>\[\]]+)", heads)]


def test_minutes_pdf_embeds_a_subset_cjk_font_and_keeps_the_chinese_text_extractable(db):
    setup, minutes = _minutes_of_a_council_meeting()

    data = minutes_pdf(minutes)

    assert data.startswith(b"%PDF-")
    fonts = _embedded_font_names(data)
    assert any(re.fullmatch(r"[A-Z]{6}\+Noto-?Sans-?CJK-?SC.*", name) for name in fonts), fonts
    assert len(data) < 1_000_000  # a subset: the whole Noto Sans CJK face weighs over 15 MB
    text = _pdf_text(data)
    assert str(minutes.meeting) in text
    assert "绍兴市氢能产业联盟" in text
    assert "关于调整会费标准的议案" in text
    assert str(setup.units[0]) in text
    assert re.search(r"^1 / \d$", text, re.M)  # the page number


def test_minutes_pdf_of_a_draft_carries_the_draft_label_and_watermark(db, english):
    _setup, minutes = _minutes_of_a_council_meeting()

    text = _pdf_text(minutes_pdf(minutes))

    assert "Draft, not approved" in text
    assert re.search(r"^Draft$", text, re.M)
    assert "Approved on" not in text


def test_minutes_pdf_of_approved_minutes_shows_the_approval_date_and_no_draft_label(db, english):
    setup, minutes = _minutes_of_a_council_meeting()
    minutes = approve_minutes(minutes, actor=setup.secretariat, source=WEB)

    text = _pdf_text(minutes_pdf(minutes))

    assert "Draft" not in text
    assert re.search(r"^Approved on [\w.]+ \d{1,2}, \d{4}$", text, re.M)
    assert "1st meeting of the 1st council" in text


def test_minutes_pdf_in_traditional_chinese_uses_the_traditional_cjk_face(db):
    _setup, minutes = _minutes_of_a_council_meeting()

    with translation.override("zh-hant"):
        fonts = _embedded_font_names(minutes_pdf(minutes))

    assert any("CJK-TC" in name or "CJKTC" in name for name in fonts), fonts


@pytest.fixture
def image_server():
    """A local web server with one PNG; it records every path requested."""
    image, requested = io.BytesIO(), []
    Image.new("RGB", (40, 40), "red").save(image, "PNG")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(image.getvalue())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/map.png", requested
    server.shutdown()
    server.server_close()


def test_minutes_pdf_does_not_fetch_images_linked_in_the_markdown(db, image_server):
    url, requested = image_server
    _setup, minutes = _minutes_of_a_council_meeting()
    minutes.text += f"\n![map]({url})\n"

    data = minutes_pdf(minutes)

    assert requested == []
    assert b"/Subtype /Image" not in b"".join(h for h, _ in _pdf_objects(data).values())


def test_minutes_docx_converts_headings_lists_and_bold_with_an_east_asian_font(db, english):
    setup, minutes = _minutes_of_a_council_meeting()

    document = docx.Document(io.BytesIO(minutes_docx(minutes)))

    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "sx-h2 alliance · 1st meeting of the 1st council")
    assert paragraphs[1] == ("Subtitle", "Draft, not approved")
    assert ("Heading 2", "Attendance") in paragraphs
    assert ("Heading 3", "关于调整会费标准的议案") in paragraphs
    assert ("List Bullet", str(setup.units[0])) in paragraphs
    assert ("List Bullet", "张兴昌（秘书长）") in paragraphs
    assert ("Normal", f"Absent: {setup.members[0]}") in paragraphs
    date_line = next(p for p in document.paragraphs if p.text.startswith("Date:"))
    assert date_line.style.name == "List Bullet"
    assert [(run.text, run.bold) for run in date_line.runs][:2] == [
        ("Date:", True),
        (" 2021-06-01", False),
    ]
    for name in ["Normal", "Title", "Heading 1", "Heading 3", "List Bullet"]:
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC", name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_minutes_docx_turns_numbered_lines_into_a_numbered_list(db):
    _setup, minutes = _minutes_of_a_council_meeting()
    minutes.text = "# 纪要\n\n## 议程\n\n1. 审议章程\n2. **选举**理事会\n\n散会。\n"

    document = docx.Document(io.BytesIO(minutes_docx(minutes)))

    assert [(p.style.name, p.text) for p in document.paragraphs][2:] == [
        ("Heading 2", "议程"),
        ("List Number", "审议章程"),
        ("List Number", "选举理事会"),
        ("Normal", "散会。"),
    ]


def test_minutes_filename_names_alliance_date_kind_and_number(db):
    _setup, minutes = _minutes_of_a_council_meeting()

    assert minutes_filename(minutes, "pdf") == "minutes-sx-h2-2021-06-01-council-1.pdf"
    assert minutes_filename(minutes, ".DOCX") == "minutes-sx-h2-2021-06-01-council-1.docx"
