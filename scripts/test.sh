#!/usr/bin/env bash
# Test command: set up everything on a fresh machine, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# The Chinese .qm is built, not committed: compile it from the .ts before the tests.
.venv/bin/python scripts/update_translations.py --release
.venv/bin/python -m pytest "$@"
