"""Upgrading a database whose match index was written before term signatures."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from alliancehub.exchange.domain import index
from alliancehub.exchange.models import MatchEntry
from tests.exchange.conftest import post

BEFORE = [("exchange", "0001_initial")]
AFTER = [("exchange", "0002_match_signatures")]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_signs_every_index_row_from_its_posts_terms(world):
    offer = post(world, "hz_mea", title="膜电极批量供货 membrane electrode", links=["fuelcell.mea"])
    expected = {
        (row.pk): (index.signature(offer.terms), index.text_weight(offer.terms.split()))
        for row in MatchEntry.objects.filter(post=offer)
    }
    assert expected

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # the columns are gone; the rows stay
    executor.loader.build_graph()
    executor.migrate(AFTER)

    signed = {
        pk: (signature, weight)
        for pk, signature, weight in MatchEntry.objects.values_list("pk", "signature", "weight")
    }
    assert {pk: signed[pk] for pk in expected} == expected
