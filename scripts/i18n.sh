#!/usr/bin/env bash
# Refresh the zh-Hans catalogue: collect strings, fill them from locale/tables/*.py, compile.
# Serialised with flock so that several people (or helpers) running it at once do not clobber
# the one django.po.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/anjian-i18n.lock
flock 9
.venv/bin/python manage.py makemessages -l zh_Hans --no-location --no-obsolete -i ".venv/*" -i "node_modules/*" -i "staticfiles/*" >/dev/null
.venv/bin/python scripts/translate_zh.py locale/tables/*.py
.venv/bin/python scripts/compile_messages.py
