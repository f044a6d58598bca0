#!/usr/bin/env bash
# Main job: set up everything on a fresh machine, then run the district review demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/demo.py "$@"
