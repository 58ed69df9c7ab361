"""A visitor in a real browser: Chinese home page, switch to English, find an organisation.

Screenshots go to ``test-results/`` for a person to look at.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import OrganizationFactory

pytestmark = [
    pytest.mark.e2e,
    # Reference data (regions) comes from a migration; a transactional test flushes the
    # database, so restore it for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_FONT = re.compile(
    r"CJK|Source Han|PingFang|Hiragino|YaHei|JhengHei|Noto Sans (SC|TC)|WenQuanYi|Droid Sans Fallback",
    re.IGNORECASE,
)


@pytest.fixture
def organizations():
    return {
        "sanyuan": OrganizationFactory(
            name="绍兴三元石化有限公司",
            name_en="Shaoxing Sanyuan Petrochemical Co., Ltd.",
            region_id="330600",
        ),
        "hydrogen": OrganizationFactory(
            name="杭州氢能科技有限公司",
            name_en="Hangzhou Hydrogen Energy Technology Co., Ltd.",
            region_id="330100",
        ),
        "solar": OrganizationFactory(
            name="宁波光伏材料有限公司",
            name_en="Ningbo Photovoltaic Materials Co., Ltd.",
            region_id="330200",
        ),
    }


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium actually drew ``selector``'s text with (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()


def assert_drawn_with_a_cjk_font(page, selector: str) -> None:
    text = page.locator(selector).first.inner_text()
    assert CJK.search(text), f"{selector} shows no Chinese: {text!r}"

    fonts = platform_fonts(page, selector)

    families = [font["familyName"] for font in fonts]
    assert families, f"no font drew {selector}"
    assert all(CJK_FONT.search(family) for family in families), families
    assert sum(font["glyphCount"] for font in fonts) >= len(text.strip())


def assert_distinct_glyphs(page) -> None:
    """Missing glyphs all look alike (empty boxes); real ones differ from each other."""
    page.evaluate(
        """() => {
          for (const [id, text] of [["ah-probe-1", "三"], ["ah-probe-2", "元"]]) {
            const span = document.createElement("span");
            span.id = id;
            span.textContent = text;
            span.style.cssText = "font-size:48px;display:inline-block;background:#fff";
            document.body.prepend(span);
          }
        }"""
    )
    first = page.locator("#ah-probe-1").screenshot()
    second = page.locator("#ah-probe-2").screenshot()
    page.evaluate("() => document.querySelectorAll('[id^=ah-probe-]').forEach(e => e.remove())")
    assert first != second


def test_visitor_switches_to_english_and_finds_an_organisation(organizations, page, results_dir):
    sanyuan = organizations["sanyuan"]

    # The home page is in Simplified Chinese and drawn with a real CJK font.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("#ah-home-heading")).to_contain_text(CJK)
    expect(page.locator(".ah-stat dd").first).to_have_text("3")
    page.screenshot(path=results_dir / "home-zh-hans.png", full_page=True)
    assert_drawn_with_a_cjk_font(page, ".ah-stat dt")
    assert_distinct_glyphs(page)

    # The directory lists the Chinese names.
    page.goto("/organizations/")
    names = page.locator("#results tbody tr td:first-child a")
    expect(names).to_have_count(3)
    expect(names.filter(has_text="绍兴三元石化有限公司")).to_have_count(1)
    page.screenshot(path=results_dir / "directory-zh-hans.png", full_page=True)
    assert_drawn_with_a_cjk_font(page, "#results tbody tr td:first-child a")

    # Switch to English with the language switcher; the page comes back in English.
    page.goto("/")
    page.locator("[data-lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#ah-home-heading")).to_have_text("Welcome to AllianceHub")

    # Search from the home page's search box.
    page.locator("#ah-home-search").fill("Sanyuan")
    page.locator("#ah-home-search").press("Enter")
    expect(page).to_have_url(re.compile(r"/organizations/\?search=Sanyuan$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Shaoxing Sanyuan Petrochemical Co., Ltd.")

    # Open the organisation: its page shows the English name.
    rows.first.get_by_role("link", name="绍兴三元石化有限公司").click()
    expect(page).to_have_url(re.compile(rf"/organizations/{sanyuan.pk}/$"))
    expect(page.locator("p.lead[lang=en]")).to_have_text("Shaoxing Sanyuan Petrochemical Co., Ltd.")
    expect(page).to_have_title(re.compile(r"^Shaoxing Sanyuan Petrochemical Co\., Ltd\. · "))

    # Back in the directory, typing in the search box updates the results in place (htmx).
    page.get_by_role("link", name="Organisation directory").first.click()
    expect(page.locator("#results tbody tr")).to_have_count(3)
    page.locator("#id_search").press_sequentially("Hydrogen")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results tbody tr").first).to_contain_text(
        "Hangzhou Hydrogen Energy Technology Co., Ltd."
    )
    expect(page).to_have_url(re.compile(r"/organizations/\?.*search=Hydrogen"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_pages_load_nothing_from_another_host(organizations, page, live_server):
    """What an intranet without internet access needs: every request stays on the site."""
    site = urlsplit(live_server.url).netloc
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )

    for url in [
        "/",
        "/organizations/",
        organizations["sanyuan"].get_absolute_url(),
        "/accounts/login/",
    ]:
        page.goto(url, wait_until="networkidle")
        expect(page.locator(".ah-language-switcher")).to_be_visible()
    page.goto("/api/v1/docs/", wait_until="networkidle")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("AllianceHub API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()

    foreign = [
        url
        for url in requested
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != site
    ]
    assert foreign == []
    assert failed == []
    assert any("/static/vendor/bootstrap/" in url for url in requested)
    assert any("/static/drf_spectacular_sidecar/" in url for url in requested)
