"""Headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright against ``live_server``.

Without Chromium the tests are skipped on a developer's machine, never in CI (``CI`` set).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test, started after the test database is ready.

    Playwright's sync API keeps an asyncio loop running in this thread for as long as it
    runs. Django then refuses ORM calls here unless told they are safe, and it may hand out
    a different connection object, one that lacks the serialized reference data the
    database set-up restores. So the browser starts after that set-up and stops before the
    database is flushed; create test data before the browser, too.
    """
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); CI never skips")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture(scope="module")
def live_server(django_db_setup):
    """pytest-django's live server, speaking plain HTTP.

    Production settings redirect to HTTPS and mark cookies HTTPS-only. The security
    middleware reads its settings once, when the server builds its handler, so the
    override must be in place before the server starts (the fixture's own is too late),
    and the test database must exist, as the server may share its connection.
    """
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    plain_http = override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        LANGUAGE_COOKIE_SECURE=False,
    )
    with plain_http:
        server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
        yield server
        server.stop()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The live server shares this process's cache; cached figures would outlive the data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab for a Chinese-speaking visitor, opened on the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def results_dir():
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR
