"""The chain map in a real browser, on a laptop-sized screen: the hydrogen chain drawn in
Chinese without overlapping labels, and a click on a link listing its organisations.

The screenshot goes to ``test-results/chain-map-zh-hans.png`` for a person to look at.
"""

import pytest
from django.urls import include, path
from playwright.sync_api import expect

from alliancehub import urls as project_urls
from alliancehub.chains.domain import positions, templates
from alliancehub.chains.models import Link
from alliancehub.common.domain.audit import Source
from tests.factories import OrganizationFactory

from .test_directory import (
    CJK_FONT,
    assert_distinct_glyphs,
    assert_drawn_with_a_cjk_font,
    platform_fonts,
)

# The project includes the chain pages at /chains/; until it does, this test adds them.
urlpatterns = list(project_urls.urlpatterns)
if not any(str(getattr(p, "pattern", "")) == "chains/" for p in urlpatterns):
    urlpatterns.append(path("chains/", include("alliancehub.chains.urls")))

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.urls(__name__),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def placed():
    for slug in ("hydrogen", "nev", "photovoltaic"):
        source = templates.DATA_DIR / f"{slug}.yaml"
        templates.load(templates.parse(source.read_text(encoding="utf-8"), source.name))
    places = [
        ("绍兴膜电极科技有限公司", "330603", "fuelcell.mea"),
        ("诸暨膜电极材料有限公司", "330681", "fuelcell.mea"),
        ("杭州膜电极有限公司", "330100", "fuelcell.mea"),
        ("绍兴三元石化有限公司", "330600", "production.byproduct"),
        ("绍兴宝晶复合材料有限公司", "330602", "storage.gas_cylinder"),
    ]
    for name, region, code in places:
        positions.add_position(
            OrganizationFactory(name=name, region_id=region),
            Link.objects.get(chain__slug="hydrogen", code=code),
            actor=None,
            source=Source.SYSTEM,
        )


@pytest.fixture
def laptop(placed, browser, live_server):
    """A 1366×768 laptop screen, Chinese-speaking visitor."""
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1366, "height": 768}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def assert_svg_label_drawn_with_a_cjk_font(page, label: str) -> None:
    """``assert_drawn_with_a_cjk_font`` for a label of the SVG diagram (not an HTML element)."""
    page.evaluate(
        "(label) => { [...document.querySelectorAll('#ah-chain-map svg text')]"
        ".find((t) => t.textContent === label).id = 'ah-probe-label'; }",
        label,
    )
    fonts = platform_fonts(page, "#ah-probe-label")
    assert fonts
    assert all(CJK_FONT.search(font["familyName"]) for font in fonts), fonts


OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll("#ah-chain-map svg text")]
    .filter((t) => t.textContent.trim())
    .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
  const clash = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box, b = boxes[j].box;
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
        clash.push([boxes[i].text, boxes[j].text]);
      }
    }
  }
  return { count: boxes.length, clash };
}"""

CLICK_AT = """(code) => {
  const holder = document.getElementById("ah-chain-map");
  const [x, y] = holder.ahChainMap.centre(code);
  const box = holder.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""


def test_chain_map_draws_the_chain_in_chinese_and_lists_a_links_organisations(laptop, results_dir):
    page = laptop
    page.goto("/chains/hydrogen/?region=330600")

    # The diagram: an SVG with every link's Chinese name, stage titles, no label over another.
    chart = page.locator("#ah-chain-map svg")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("膜电极")
    expect(chart).to_contain_text("加氢站")
    labels = page.evaluate(OVERLAPS)
    assert labels["count"] >= 2 * 33 + 3, labels  # a name and a count per link, three stages
    assert labels["clash"] == [], labels["clash"]
    assert page.evaluate("() => document.getElementById('ah-chain-map').scrollWidth") <= 1366
    assert_drawn_with_a_cjk_font(page, "#ah-map-heading")
    assert_svg_label_drawn_with_a_cjk_font(page, "膜电极")

    # A click on the MEA box lists the two Shaoxing makers below the chart (not Hangzhou's).
    page.locator("#ah-chain-map").scroll_into_view_if_needed()
    x, y = page.evaluate(CLICK_AT, "fuelcell.mea")
    page.mouse.click(x, y)
    listed = page.locator("#link-organization-list")
    expect(listed).to_contain_text("绍兴膜电极科技有限公司")
    expect(listed).to_contain_text("诸暨膜电极材料有限公司")
    expect(listed).not_to_contain_text("杭州膜电极有限公司")
    expect(page.locator("#link-organizations-card")).to_have_attribute("data-link", "fuelcell.mea")
    assert_drawn_with_a_cjk_font(page, "#link-organization-list a")

    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=results_dir / "chain-map-zh-hans.png", full_page=True)
    assert_distinct_glyphs(page)
