#!/usr/bin/env bash
# Runs a command with every real server up: starts the ones that are not running, runs the
# command, then stops only what it started (a developer's own running servers stay up).
#
#   scripts/services/with-services.sh <command> [args...]
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICES="$SCRIPT_DIR/services.sh"

[[ $# -ge 1 ]] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

mapfile -t stopped < <(bash "$SERVICES" status | awk '$2 == "stopped" { print $1 }')

stop_started() {
  local code=$?
  if [[ ${#stopped[@]} -gt 0 && "${KEEP_SERVICES:-0}" != 1 ]]; then
    bash "$SERVICES" stop "${stopped[@]}" || true
  fi
  exit "$code"
}
trap stop_started EXIT

if [[ ${#stopped[@]} -gt 0 ]]; then
  bash "$SERVICES" start "${stopped[@]}"
fi
"$@"
