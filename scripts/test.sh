#!/usr/bin/env bash
# Installs what the tests need, then runs them. The README's second command.
set -euo pipefail
cd "$(dirname "$0")/.."
# The web page tests drive Debian's Chromium (Playwright's own browser download is not used).
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-dejavu-core
fi
# Installing compiles the CRF tagger's C extension.
if ! command -v cc >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc
fi
python3 -m pip install -q -e '.[test]'
# The store tests run on PostgreSQL too: start a throwaway server unless one is given.
if [ -z "${MARSAD_TEST_PG:-}" ]; then
    source scripts/postgres.sh
fi
python3 -m pytest "$@"
