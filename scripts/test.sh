#!/usr/bin/env bash
# Installs what the tests need, then runs them. The README's second command.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
python3 -m pytest "$@"
