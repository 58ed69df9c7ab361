from django.db import migrations

# Ranking reads the match index from its covering indexes alone only where the table's pages
# are marked all-visible, which VACUUM does; the default thresholds (20 % of the table written)
# would leave a busy exchange reading the table for long stretches.
SETTINGS = ("autovacuum_vacuum_insert_scale_factor", "autovacuum_vacuum_scale_factor",
            "autovacuum_analyze_scale_factor")  # fmt: skip


def tune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        values = ", ".join(f"{name} = 0.02" for name in SETTINGS)
        schema_editor.execute(f"ALTER TABLE exchange_matchentry SET ({values})")


def untune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE exchange_matchentry RESET ({', '.join(SETTINGS)})")


class Migration(migrations.Migration):
    dependencies = [("exchange", "0002_match_signatures")]

    operations = [migrations.RunPython(tune, untune, elidable=True)]
