"""Upgrading a database whose match index was written before term signatures."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from alliancehub.exchange.domain import index
from alliancehub.exchange.models import MatchEntry
from tests.exchange.conftest import post

signatures = import_module("alliancehub.exchange.migrations.0002_match_signatures")


def test_the_upgrade_signs_every_index_row_from_its_posts_terms(world):
    offer = post(world, "hz_mea", title="膜电极批量供货 membrane electrode", links=["fuelcell.mea"])
    need = post(world, "sx_stack", direction="need", title="采购电堆", links=["fuelcell.stack"])
    expected = {
        row.pk: (index.signature(row.post.terms), index.text_weight(row.post.terms.split()))
        for row in MatchEntry.objects.filter(post__in=[offer, need]).select_related("post")
    }
    MatchEntry.objects.update(signature=-1, weight=0)  # as the columns were added

    signatures.sign(apps, None)  # the data step of the migration (it needs no schema editor)

    signed = MatchEntry.objects.values_list("pk", "signature", "weight")
    assert {pk: (signature, weight) for pk, signature, weight in signed} == expected
    assert len(expected) >= 2


def test_on_postgresql_the_index_is_vacuumed_after_2_percent_of_it_changes(db):
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'exchange_matchentry'")
        options = set(cursor.fetchone()[0] or [])

    assert {
        "autovacuum_vacuum_insert_scale_factor=0.02",
        "autovacuum_vacuum_scale_factor=0.02",
        "autovacuum_analyze_scale_factor=0.02",
    } <= options
