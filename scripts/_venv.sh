# Sourced by scripts/demo and scripts/test: find a Python >= 3.12 (Django 6.1 needs it),
# create .venv once, and install the pinned dependencies (requirements/*.lock).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
    local candidates=(python3.14 python3.13 python3.12 python3 python)
    if command -v pyenv >/dev/null 2>&1; then
        candidates+=("$(pyenv root)"/versions/3.1[2-9]*/bin/python3)
    fi
    for py in "${candidates[@]}"; do
        if "$py" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
            command -v "$py" 2>/dev/null || echo "$py"
            return 0
        fi
    done
    echo "Maillage a besoin de Python 3.12 ou plus récent (Django 6.1 l'exige)." >&2
    return 1
}

pip_install() {
    # Some machines list local mirrors that may be absent: pip warns per package; hide that noise.
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" \
        2> >(grep -v "^WARNING: Location 'file://" >&2)
}

ensure_venv() {
    local lock="$1"
    if [ ! -x .venv/bin/python ]; then
        "$(find_python)" -m venv .venv
    fi
    # Reinstall only when the lock file changed since the last install.
    local stamp=".venv/.installed-$(basename "$lock")"
    if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
        pip_install -r "$lock"
        pip_install --no-deps -e .
        cp "$lock" "$stamp"
    fi
    export PATH="$ROOT/.venv/bin:$PATH"
}
