#!/usr/bin/env bash
# Refresh the Korean message catalogs and compile them (CONTRIBUTING.md, "Translations").
#   1. remember every translation the catalogs hold now (a string that moves between
#      catalogs, e.g. from jobs/locale to locale/, keeps its Korean text);
#   2. makemessages -l ko with the project's ignores, then refill moved strings (polib);
#   3. msgfmt --check compiles each django.mo; commit BOTH .po and .mo (a machine without
#      gettext still serves Korean);
#   4. list the entries a translator still has to fill in (the i18n test fails on them).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-jobboard.settings.test}"
mkdir -p locale
memory="$(mktemp)"
trap 'rm -f "$memory"' EXIT

"$PY" -m jobboard.i18n_catalog remember "$memory"
"$PY" manage.py makemessages -l ko --no-obsolete \
    --ignore=.venv --ignore=node_modules --ignore=var --ignore=bench --ignore=deploy \
    --ignore="*/tests/*" --ignore=tests
"$PY" -m jobboard.i18n_catalog refill "$memory"
for po in $("$PY" -m jobboard.i18n_catalog list); do
    msgcat -o "$po" "$po"  # back to gettext's own line wrapping after polib's refill
    msgfmt --check -o "${po%.po}.mo" "$po"
done
"$PY" -m jobboard.i18n_catalog report
