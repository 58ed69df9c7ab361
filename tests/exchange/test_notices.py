"""Notifications of new matches, the e-mail digest, and the demo marketplace."""

from django.core import mail

from alliancehub.exchange import demo
from alliancehub.exchange.domain import digest
from alliancehub.exchange.models import Introduction, Post
from alliancehub.organizations import demo as organizations_demo
from tests.exchange.conftest import post


def test_a_new_post_tells_the_people_behind_its_matches_in_app(
    world, django_capture_on_commit_callbacks
):
    offer = post(world, "hz_mea", title="膜电极批量供货", links=["fuelcell.mea"])

    with django_capture_on_commit_callbacks(execute=True):
        post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])

    [notice] = world.people["hz_mea"].notifications.all()
    assert offer.title in notice.title


def test_the_digest_mails_new_matches_to_those_who_asked_for_it(world):
    post(world, "sx_stack", direction="need", title="采购膜电极", links=["fuelcell.mea"])
    post(world, "hz_mea", title="膜电极批量供货", links=["fuelcell.mea"])
    quiet = world.people["hz_mea"]
    quiet.email_match_digest = False
    quiet.save()

    sent = digest.send_digests()

    assert sent == 1
    [message] = mail.outbox
    assert message.to == ["sx_stack@example.com"]
    assert "膜电极批量供货" in message.body


def test_the_demo_marketplace_loads_once(hydrogen, chains):
    organizations_demo.load()

    first = demo.load()
    again = demo.load()

    assert Post.objects.count() == len(demo.POSTS)
    assert Introduction.objects.count() == 1
    assert "exchange: 0 posts, 0 introductions" in again
    assert "exchange: 7 posts" in first
