# Sourced by scripts/try and scripts/test: find a Python >= 3.12 (Django 6 needs it; the extraction
# library alone runs on 3.11), make .venv and install luoshi into it. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  local c
  for c in "${PYTHON:-}" python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3.13 \
           /root/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12 python3; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
      echo "$c"; return 0
    fi
  done
  return 1
}

ensure_venv() {  # $1: pip extras, e.g. "" or "[dev]"
  local extras="${1:-}"
  if [ ! -x .venv/bin/python ]; then
    local py
    py="$(find_python)" || { echo "luoshi needs Python >= 3.12 (Django 6); set PYTHON=/path/to/python3.12" >&2; exit 2; }
    "$py" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".${extras}"
}
