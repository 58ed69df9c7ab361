"""The council at work in a real browser: the secretariat approves an application, holds a
council meeting, the member units vote, and the resolution changes the public council page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliancehub.alliances.domain import membership
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.governance import SYSTEM, build_alliance

from .test_directory import assert_distinct_glyphs, assert_drawn_with_a_cjk_font

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def council():
    setup = build_alliance("e2e-h2", name="绍兴市氢能产业联盟")
    newcomer = OrganizationFactory(name="浙江氢途新能源有限公司", region_id="330602")
    applicant = UserFactory(username="qingtu", organization=newcomer)
    membership.apply_for_membership(setup.alliance, newcomer, actor=applicant, source=SYSTEM)
    return setup, newcomer


def sign_in(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_secretariat_approves_holds_a_vote_and_the_council_changes(
    council, browser, live_server, results_dir
):
    setup, newcomer = council
    slug = setup.alliance.slug
    secretariat = sign_in(browser, live_server, setup.secretariat.username)
    secretariat.on("dialog", lambda dialog: dialog.accept())  # "Close the vote now?"

    # The application waits on the dashboard; the secretariat approves it.
    secretariat.goto(f"/alliances/{slug}/manage/")
    expect(secretariat.locator("#pending-count")).to_have_text("1")
    secretariat.get_by_role("link", name=newcomer.name).click()
    secretariat.locator("form:has(input[name='approve-on']) button[type=submit]").click()
    expect(secretariat.locator(".alert-success")).to_contain_text(newcomer.name)

    # A council meeting today, everyone present, a motion to make the newcomer a vice-chair unit.
    secretariat.goto(f"/alliances/{slug}/meetings/new/")
    secretariat.select_option("select[name=kind]", "council")
    secretariat.fill("input[name=held_on]", timezone.localdate().isoformat())
    secretariat.fill("input[name=venue]", "绍兴国际会展中心")
    secretariat.locator("main form button[type=submit]").click()
    expect(secretariat.locator("h1")).to_contain_text("第一届理事会第一次会议")
    meeting_url = secretariat.url
    secretariat.goto(meeting_url + "attendance/")
    for box in secretariat.locator("input[name=present]").all():
        box.check()
    secretariat.locator("main form button[type=submit]").click()
    expect(secretariat.locator("#quorum")).to_contain_text("6")
    secretariat.goto(meeting_url + "motions/new/")
    secretariat.select_option("select[name=kind]", "tier_change")
    secretariat.fill("input[name=title]", "关于增补副理事长单位的议案")
    secretariat.fill("textarea[name=units]", newcomer.name)
    secretariat.select_option("select[name=tier]", "vice_chair")
    secretariat.locator("main form button[type=submit]").click()
    motion_url = secretariat.url
    secretariat.locator("form[action$='open/'] button").click()
    expect(secretariat.locator("#ballot, form[action$='close/']").first).to_be_visible()

    # Four of the six council units vote yes in their own browsers.
    for unit in setup.units[:4]:
        member = sign_in(browser, live_server, setup.representatives[unit.pk].username)
        member.goto(motion_url)
        # Every choice is visible and clear of the button (a layout slip once hid one).
        boxes = [
            member.locator(f"#ballot label[for={i}]").bounding_box()
            for i in ("id_choice_0", "id_choice_1", "id_choice_2")
        ]
        button = member.locator("#ballot button[type=submit]").bounding_box()
        assert all(box["y"] + box["height"] <= button["y"] for box in boxes)
        assert all(box["width"] > 20 for box in boxes)
        member.locator("#ballot input[value=yes]").check()
        member.locator("#ballot button[type=submit]").click()
        expect(member.locator(".alert-success").first).to_be_visible()
        member.context.close()

    secretariat.goto(motion_url)
    secretariat.locator("form[action$='close/'] button").click()
    expect(secretariat.locator("#result")).to_contain_text("4")

    # The public council page, seen by a visitor, now lists the newcomer as a vice-chair unit.
    visitor = browser.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    visitor.goto(f"/alliances/{slug}/council/")
    expect(visitor.locator("#council")).to_contain_text(newcomer.name)
    assert_drawn_with_a_cjk_font(visitor, "#council a")
    assert_distinct_glyphs(visitor)
    visitor.screenshot(path=results_dir / "council-zh-hans.png", full_page=True)
