"""An event in a real browser, from registration to the door: a visitor registers without an
account (answering the event's own question), opens the ticket with its QR code, and the
secretariat checks the ticket in on a phone-sized check-in page; a second scan is refused with
the time of the first. Screenshots go to ``test-results/events-*.png``."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliancehub.common.domain.audit import Source
from alliancehub.events.domain import answers, programme
from alliancehub.events.enums import BodyRole, QuestionKind, RegistrationStatus
from alliancehub.events.models import Registration
from tests.factories.events import AllianceFactory, EventFactory, secretariat_of

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture
def forum():
    alliance = AllianceFactory(slug="jd-returnees", name="嘉定区归国留学人员联合会")
    secretariat_of(alliance, "jd-secretariat")
    starts = timezone.now() + timedelta(days=10)
    event = EventFactory(
        alliance=alliance, title="2026氢能源产业高峰论坛", theme="比学赶超新四化 勇攀高峰铸氢城",
        starts_at=starts, ends_at=starts + timedelta(hours=8), capacity=100,
    )  # fmt: skip
    programme.add_body(event, BodyRole.ORGANIZER, name="嘉定区归国留学人员联合会", actor=None,
                       source=Source.SYSTEM)  # fmt: skip
    answers.add_question(event, text="是否需要停车位", kind=QuestionKind.YES_NO, required=True,
                         actor=None, source=Source.SYSTEM)  # fmt: skip
    return event


def browser_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
    context.set_default_timeout(15_000)
    return context.new_page()


def test_a_visitor_registers_and_the_secretariat_checks_the_ticket_in(
    forum, browser, live_server, results_dir
):
    visitor = browser_page(browser, live_server, viewport={"width": 1280, "height": 900})
    visitor.goto("/events/")
    visitor.locator("#events a", has_text="2026氢能源产业高峰论坛").click()
    expect(visitor.locator("#bodies")).to_contain_text("嘉定区归国留学人员联合会")
    visitor.locator("#registration-box a.btn-primary").click()

    form = visitor.locator("#registration-form")
    form.locator("input[name=name]").fill("王明")
    form.locator("input[name=email]").fill("wang.ming@example.org")
    form.locator("input[name=organization_name]").fill("上海氢能科技有限公司")
    form.locator("input[type=radio][value=yes]").check()
    form.locator("button[type=submit]").click()

    expect(visitor.locator("#registration-status")).to_have_class("alert alert-success")
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers.get().value is True
    visitor.locator("#ticket-link").click()
    expect(visitor.locator("#ticket .ah-qr svg")).to_be_visible()
    code = visitor.locator("#ticket-code").inner_text().strip()
    visitor.screenshot(path=str(results_dir / "events-ticket-zh-hans.png"), full_page=True)

    desk = browser_page(browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    desk.goto("/accounts/login/")
    desk.fill("input[name=username]", "jd-secretariat")
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("form:has(input[name=password]) button[type=submit]").click()
    desk.wait_for_url(lambda url: "/accounts/login/" not in url)
    desk.goto(f"/events/alliances/jd-returnees/{forum.pk}/check-in/")

    desk.locator("#check-in-form input[name=token]").fill(code)
    desk.locator("#check-in-form button[type=submit]").click()
    admitted = desk.locator("#check-in-result [data-outcome=admitted]")
    expect(admitted).to_contain_text("王明")
    expect(admitted).to_contain_text("上海氢能科技有限公司")
    expect(desk.locator("#check-in-count")).to_contain_text("1")
    expect(desk.locator("#check-in-form input[name=token]")).to_have_value("")
    desk.screenshot(path=str(results_dir / "events-check-in-zh-hans.png"), full_page=True)

    desk.locator("#check-in-query").fill("王明")
    expect(desk.locator("#check-in-found")).to_contain_text("王明")
    desk.locator("#check-in-form input[name=token]").fill(code)
    desk.locator("#check-in-form button[type=submit]").click()
    reused = desk.locator("#check-in-result [data-outcome=reused]")
    registration.refresh_from_db()
    expect(reused).to_contain_text(timezone.localtime(registration.checked_in_at).strftime("%H:%M"))
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1
