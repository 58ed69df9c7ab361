"""Compile every ``.po`` catalogue under ``src/alliancehub/locale`` into its ``.mo`` file.

Uses polib, so neither the build nor a deployment needs GNU gettext; the compiled files are
committed and a test checks they match their sources.
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "alliancehub" / "locale"


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(LOCALE_DIR)}: {catalogue.percent_translated()}% translated")


if __name__ == "__main__":
    main()
