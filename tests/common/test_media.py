"""While ``DEBUG`` is on the development server serves uploads, but only the public ones."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from alliancehub import urls


@pytest.fixture
def debug_urls(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with override_settings(DEBUG=True):
        importlib.reload(urls)
        clear_url_caches()
        yield tmp_path
    importlib.reload(urls)
    clear_url_caches()


def test_logos_are_served_and_private_uploads_are_not(client, debug_urls):
    for path in ["alliances/logos/sx.png", "service-requests/1/合同.pdf", "meetings/1/议程.pdf",
                 "charters/1/章程.pdf", "roadshows/1/decks/deck.pdf"]:  # fmt: skip
        (debug_urls / path).parent.mkdir(parents=True, exist_ok=True)
        (debug_urls / path).write_bytes(b"x")

    assert client.get("/media/alliances/logos/sx.png").status_code == 200
    for private in ["service-requests/1/合同.pdf", "meetings/1/议程.pdf", "charters/1/章程.pdf",
                    "roadshows/1/decks/deck.pdf", "alliances/logos/../../meetings/1/议程.pdf"]:  # fmt: skip
        assert client.get(f"/media/{private}").status_code in (400, 404)  # 400: a traversal
