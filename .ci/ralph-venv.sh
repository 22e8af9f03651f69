#!/usr/bin/env bash
# A separate virtual environment with Ralph, the xAPI Learning Record Store the tests push to.
# Kept apart from the tutor's environment: Ralph brings FastAPI, pydantic and their pins.
# Usage: .ci/ralph-venv.sh [DIR]   (default: .ralph-venv in the repository; the tests look there,
# or wherever $TUTOR_RALPH_VENV points). Reuses DIR when Ralph already runs from it.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-${TUTOR_RALPH_VENV:-.ralph-venv}}"
if [ -x "$venv/bin/ralph" ] && "$venv/bin/python" -c "import ralph.api, bcrypt, requests" 2>/dev/null; then
    exit 0
fi
python3 -m venv "$venv"
# Ralph's lrs and cli extras leave out requests and bcrypt, which `ralph auth` and the API need.
"$venv/bin/python" -m pip install --quiet "ralph-malph[lrs,cli]==5.1.0" requests bcrypt
