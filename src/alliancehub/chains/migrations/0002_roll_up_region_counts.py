from collections import Counter, defaultdict

from django.db import migrations
from django.db.models import Count


def roll_up(apps, schema_editor):
    """Counts per link and region now include the sub-regions and the country: rebuild them."""
    Position = apps.get_model("chains", "Position")
    LinkRegionCount = apps.get_model("chains", "LinkRegionCount")
    totals = defaultdict(Counter)
    rows = (
        Position.objects.filter(status="confirmed").exclude(region_code="")
        .values_list("link_id", "region_code").annotate(n=Count("id"))
    )
    for link_id, code, n in rows:
        for enclosing in dict.fromkeys([code, code[:4] + "00", code[:2] + "0000", ""]):
            totals[link_id][enclosing] += n
    LinkRegionCount.objects.all().delete()
    LinkRegionCount.objects.bulk_create(
        [
            LinkRegionCount(link_id=link_id, region_code=code, count=n)
            for link_id, counts in totals.items()
            for code, n in counts.items()
        ],
        batch_size=5000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("chains", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(roll_up, migrations.RunPython.noop),
    ]
