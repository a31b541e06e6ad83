#!/usr/bin/env bash
# Starts and stops the real servers Crowdwatch's real adapters talk to, on loopback, without a
# container engine: Kafka, Cassandra, FerretDB (the MongoDB-protocol server) and HDFS.
#
#   scripts/services/services.sh start  [kafka|cassandra|mongo|hdfs|all] [--keep-data]
#   scripts/services/services.sh stop   [kafka|cassandra|mongo|hdfs|all]
#   scripts/services/services.sh status [kafka|cassandra|mongo|hdfs|all]
#   scripts/services/services.sh fetch  [kafka|cassandra|mongo|hdfs|all]
#
# Downloads, builds, data and logs live under .cache/services (git-ignored). Each start wipes
# the service's data unless --keep-data is given or SERVICES_KEEP_DATA=1. See NOTES.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
SERVICES_HOME=${SERVICES_HOME:-$REPO_ROOT/.cache/services}
KEEP_DATA=${SERVICES_KEEP_DATA:-0}
SERVICES_JAVA="" # set by find_java17; never taken from the environment
ALL_SERVICES=(kafka cassandra mongo hdfs)

source "$SCRIPT_DIR/lib.sh"
source "$SCRIPT_DIR/kafka.sh"
source "$SCRIPT_DIR/cassandra.sh"
source "$SCRIPT_DIR/mongo.sh"
source "$SCRIPT_DIR/hdfs.sh"

usage() {
  sed -n '5,8p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
  exit 2
}

# Sets SERVICES from the arguments: "all" or nothing means every service. Unknown names are
# rejected before anything starts or stops.
pick_services() {
  local name
  SERVICES=()
  [[ $# -eq 0 ]] && SERVICES=("${ALL_SERVICES[@]}")
  for name in "$@"; do
    case $name in
      all) SERVICES+=("${ALL_SERVICES[@]}") ;;
      kafka | cassandra | mongo | hdfs) SERVICES+=("$name") ;;
      ferretdb) SERVICES+=(mongo) ;;
      *) die "unknown service '$name' (kafka, cassandra, mongo, hdfs or all)" ;;
    esac
  done
}

# One after another: two cores cannot warm up three JVMs at once in any reasonable time.
start_services() {
  local service started
  for service in "$@"; do
    CURRENT_SERVICE=$service
    started=$SECONDS
    ALREADY_RUNNING=0
    "${service}_start"
    [[ "$ALREADY_RUNNING" == 1 ]] || say "$service: ready after $((SECONDS - started))s"
  done
  say "started: $*; logs under $SERVICES_HOME/<service>/logs; stop with npm run services:stop"
}

stop_service() { "${1}_stop" || say "$1: not running"; }

# Reverse start order. No service needs another, so this is only the usual convention.
stop_services() {
  local index
  for ((index = $#; index > 0; index--)); do
    stop_service "${!index}"
  done
}

fetch_services() {
  local service
  SAY_FETCHED=1
  for service in "$@"; do
    "${service}_fetch"
  done
}

# One line per service: state, pids, address and what the readiness probe answers.
report_status() {
  local service=$1 pids=$2 address=$3 probe_name=$4 answer
  if [[ -z "$pids" ]]; then
    printf '%-10s stopped\n' "$service"
    return 0
  fi
  if answer=$(probe "$probe_name" 2>&1); then
    printf '%-10s running   pid %-13s %-17s %s\n' "$service" "$pids" "$address" "$answer"
  else
    printf '%-10s starting or unhealthy, pid %s %s: %s\n' "$service" "$pids" "$address" "$answer"
  fi
}

main() {
  [[ $# -ge 1 ]] || usage
  local command=$1 args=() arg service
  shift
  for arg in "$@"; do
    case $arg in
      --keep-data) KEEP_DATA=1 ;;
      -h | --help) usage ;;
      -*) die "unknown option $arg" ;;
      *) args+=("$arg") ;;
    esac
  done
  pick_services "${args[@]+"${args[@]}"}"
  mkdir -p "$SERVICES_HOME"

  case $command in
    start) start_services "${SERVICES[@]}" ;;
    stop) stop_services "${SERVICES[@]}" ;;
    status) for service in "${SERVICES[@]}"; do "${service}_status" || true; done ;;
    fetch) fetch_services "${SERVICES[@]}" ;;
    *) usage ;;
  esac
}

main "$@"
