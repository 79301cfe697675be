#!/usr/bin/env bash
# Installs what the tests need, then runs them. The README's second command.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
# The store tests run on PostgreSQL too: start a throwaway server unless one is given.
if [ -z "${MARSAD_TEST_PG:-}" ]; then
    source scripts/postgres.sh
fi
python3 -m pytest "$@"
