"""QR codes as SVG, behind one small function so the encoder can be swapped.

The encoder is ``segno`` (BSD-3-Clause, pure Python, no dependencies of its own), imported when
a code is first drawn. Where it is not installed, ``qr_available()`` says so and ``qr_svg``
raises ``QRCodeUnavailable``; callers that can do without the picture (badges) print the
registration's number instead.
"""

import io
from importlib.util import find_spec

from django.core.exceptions import ImproperlyConfigured


class QRCodeUnavailable(ImproperlyConfigured):
    """No QR encoder is installed."""


def qr_available() -> bool:
    return find_spec("segno") is not None


def qr_svg(text: str, *, scale: int = 4, border: int = 4) -> str:
    """An SVG document showing ``text`` as a QR code (error correction level M, the smallest
    version that holds it), each module ``scale`` user units wide, with a quiet zone of
    ``border`` modules."""
    try:
        import segno
    except ImportError as error:
        raise QRCodeUnavailable("Install segno to draw QR codes.") from error
    code = segno.make_qr(text, error="m", boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=scale, border=border, xmldecl=False, svgclass=None,
              lineclass=None)  # fmt: skip
    return buffer.getvalue().decode()
