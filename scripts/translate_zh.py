"""Fill locale/zh_Hans/LC_MESSAGES/django.po from translation tables (dev tool, used after makemessages).

Usage: python scripts/translate_zh.py TABLE.py [...]  — each TABLE.py defines T (msgid → msgstr;
"context\x04msgid" for a pgettext entry) and P (singular msgid → msgstr for plural entries). Entries already translated are kept; the script
prints the msgids still untranslated.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po"


def main(tables):
    singular, plural = {}, {}
    for table in tables:
        data = runpy.run_path(table)
        singular.update(data.get("T", {}))
        plural.update(data.get("P", {}))
    po = polib.pofile(str(PO))
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "zh_Hans"
    po.metadata_is_fuzzy = False
    missing = []
    for entry in po:
        if entry.msgid_plural:
            kept = "" if "fuzzy" in entry.flags else entry.msgstr_plural.get(0)
            text = plural.get(entry.msgid) or kept
            if text:
                entry.msgstr_plural = {0: text}
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
            else:
                missing.append(entry.msgid)
        else:
            # A fuzzy entry is msgmerge's guess from an unrelated msgid: never keep it.
            kept = "" if "fuzzy" in entry.flags else entry.msgstr
            # A msgid with a context (pgettext) is looked up as "context\x04msgid" first.
            contextual = (
                singular.get(f"{entry.msgctxt}\x04{entry.msgid}") if entry.msgctxt else None
            )
            text = contextual or (None if entry.msgctxt else singular.get(entry.msgid)) or kept
            if text:
                entry.msgstr = text
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
            else:
                missing.append(entry.msgid)
    po.save(str(PO))
    for msgid in missing:
        print(repr(msgid))
    print(f"{len(missing)} untranslated", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
