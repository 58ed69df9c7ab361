"""Load the shipped GB/T 2260 regions and GB/T 4754 industry classes."""

from django.db import migrations


def load(apps, schema_editor):
    from alliancehub.organizations.domain.regions import load_reference_data

    load_reference_data(apps.get_model("organizations", "Region"), apps.get_model("organizations", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_search_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
