"""The exchange in a real browser: a member posts a need, sees a match with its reasons, and
asks for an introduction. The screenshot goes to ``test-results/exchange-match-zh-hans.png``."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliancehub.chains.domain import templates
from alliancehub.chains.models import Link
from alliancehub.common.domain.audit import Source
from alliancehub.exchange.domain import posts
from alliancehub.exchange.models import Introduction, Post
from tests.factories import OrganizationFactory, UserFactory

from .test_directory import assert_distinct_glyphs, assert_drawn_with_a_cjk_font
from .test_governance import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def market():
    source = templates.DATA_DIR / "hydrogen.yaml"
    templates.load(templates.parse(source.read_text(encoding="utf-8"), source.name))
    mea = Link.objects.get(chain__slug="hydrogen", code="fuelcell.mea")
    supplier = OrganizationFactory(name="杭州膜电极材料有限公司", region_id="330106")
    seller = UserFactory(username="mea-seller", organization=supplier)
    offer = posts.create_post(
        {"direction": "offer", "kind": "product", "title": "膜电极批量供货",
         "description": "80kW 电堆用膜电极，月产 5000 片。", "region": supplier.region,
         "valid_until": timezone.localdate() + timedelta(days=60), "visibility": "public"},
        organization=supplier, actor=seller, source=Source.SYSTEM, links=[mea], submit=True,
    )  # fmt: skip
    buyer = OrganizationFactory(name="绍兴电堆动力有限公司", region_id="330602")
    UserFactory(username="stack-buyer", organization=buyer)
    return offer


def test_a_member_posts_a_need_sees_a_match_with_reasons_and_asks_for_an_introduction(
    market, browser, live_server, results_dir
):
    page = sign_in(browser, live_server, "stack-buyer")

    page.goto("/exchange/posts/new/")
    page.check("input[name=direction][value=need]")
    page.select_option("select[name=kind]", "product")
    page.fill("input[name=title]", "采购燃料电池膜电极 500 片")
    page.fill("textarea[name=description]", "用于 80kW 电堆，希望长三角地区供货。")
    page.select_option("select[name=links]", "hydrogen:fuelcell.mea")
    page.fill("input[name=region]", "330602")
    page.fill("input[name=valid_until]", str(timezone.localdate() + timedelta(days=30)))
    page.locator("button[name=publish]").click()
    page.wait_for_url("**/exchange/posts/*/")

    row = page.locator("#matches tbody tr").first
    expect(row).to_contain_text("膜电极批量供货")
    expect(row).to_contain_text("杭州膜电极材料有限公司")
    expect(row.locator("td").nth(2)).to_contain_text("膜电极")  # the reasons name the link
    assert_drawn_with_a_cjk_font(page, "#matches tbody tr td:nth-child(3)")
    assert_distinct_glyphs(page)
    page.screenshot(path=str(results_dir / "exchange-match-zh-hans.png"), full_page=True)

    row.locator("input[name=message]").fill("您好，盼洽谈。")
    row.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("您好，盼洽谈。")  # the request, listed

    need = Post.objects.get(title="采购燃料电池膜电极 500 片")
    introduction = Introduction.objects.get()
    assert (introduction.post_id, introduction.counterpart_post_id) == (need.pk, market.pk)
    assert introduction.message == "您好，盼洽谈。"
