"""Fills untranslated entries of an addon's fr.po from a Python file defining FR = {msgid: French}.

.venv/bin/python bin/i18n_fill.py ADDON TRANSLATIONS.py
"""

import runpy
import sys
from pathlib import Path

import polib

addon, source = sys.argv[1], sys.argv[2]
french_path = Path(__file__).resolve().parents[1] / addon / "i18n" / "fr.po"
french = polib.pofile(str(french_path), wrapwidth=78)
translations = runpy.run_path(source)["FR"]
for entry in french:
    if not entry.msgstr and entry.msgid in translations:
        entry.msgstr = translations[entry.msgid]
french.save(str(french_path))
missing = [e.msgid for e in french if not e.msgstr]
sys.stdout.write(f"{addon}: {len(french)} terms, {len(missing)} without French\n")
for msgid in missing:
    sys.stdout.write(f"  untranslated: {msgid!r}\n")
