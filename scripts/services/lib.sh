# Helpers shared by the service scripts; sourced by services.sh, never run alone.
# Every service keeps its state under $SERVICES_HOME/<svc>: lib/ or bin/ (fetched once),
# conf/ (rendered on each start), data/, logs/ and run/<process>.pid.

say() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() {
  warn "error: $*"
  exit 1
}

# Java 17 for all three JVM services: Cassandra 5.0 runs on 11 or 17 only, and Hadoop 3.5 needs
# 17 on the server side. The machine also has a Temurin 25, which must never be picked.
find_java17() {
  [[ -n "${SERVICES_JAVA:-}" ]] && return 0
  local candidate major found=()
  # An explicit JAVA17_HOME is a decision: it is used or refused, never silently replaced.
  if [[ -n "${JAVA17_HOME:-}" ]]; then
    major=$(java_major "$JAVA17_HOME/bin/java")
    [[ "$major" == 17 ]] || die "Java 17 is required, but JAVA17_HOME=$JAVA17_HOME is Java ${major:-not found}"
    SERVICES_JAVA="$JAVA17_HOME/bin/java"
    return 0
  fi
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64 \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /none/bin/java)")")")"; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    major=$(java_major "$candidate/bin/java")
    if [[ "$major" == 17 ]]; then
      SERVICES_JAVA="$candidate/bin/java"
      return 0
    fi
    found+=("$candidate is Java $major")
  done
  die "Java 17 is required (Cassandra 5.0 runs on 11 or 17 only, Hadoop 3.5 wants 17) and none was found (${found[*]:-no java at all}). Install openjdk-17-jdk-headless or set JAVA17_HOME."
}

java_major() {
  [[ -x "$1" ]] || return 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# The pid of the process listening on a loopback TCP port, empty when the port is free.
port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}

port_in_use() {
  [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# Fails with the owner's pid and command when any of the given ports is already taken.
require_free_ports() {
  local service=$1 port pid
  shift
  for port in "$@"; do
    port_in_use "$port" || continue
    pid=$(port_owner "$port")
    die "$service cannot start: port $port is in use by ${pid:+pid $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-80))}${pid:-another process}"
  done
}

# Copies a template, replacing each @NAME@ with the value of the shell variable NAME, and
# fails when a placeholder is left, so a typo never reaches a server as a literal.
render() {
  local template=$1 target=$2 name
  local text
  text=$(<"$template")
  for name in $(grep -oE '@[A-Z0-9_]+@' "$template" | sort -u | tr -d @); do
    [[ -n "${!name:-}" ]] || die "no value for @$name@ in $template"
    text=${text//@$name@/${!name}}
  done
  printf '%s\n' "$text" >"$target"
}

# --- Processes -------------------------------------------------------------------------------
# Each process gets a marker in its command line (-Dcrowdwatch.service=<name> for a JVM, the
# binary path for FerretDB), so a pid file left over from a reboot never makes us signal a
# stranger that reused the pid.

pid_file() { printf '%s/%s/run/%s.pid' "$SERVICES_HOME" "$1" "$2"; }

# Prints the pid of a running process of ours, or nothing.
running_pid() {
  local file marker=$3 pid
  file=$(pid_file "$1" "$2")
  [[ -f "$file" ]] || return 0
  pid=$(<"$file")
  [[ -n "$pid" && -r /proc/$pid/cmdline ]] || return 0
  # Read whole, not piped into grep -q: with pipefail, a reader that stops early fails the pipe.
  local command_line
  command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
  [[ "$command_line" == *"$marker"* ]] && printf '%s' "$pid"
  return 0
}

# Starts a command in its own session, detached from the terminal, output into a log file.
# The previous log is kept as <log>.1 so a failed run can be compared with the one before.
launch() {
  local service=$1 process=$2 log=$3
  shift 3
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  mkdir -p "$SERVICES_HOME/$service/run"
  # The service's own folder as working directory: a heap dump or stray file lands there.
  (cd "$SERVICES_HOME/$service" && exec setsid "$@" </dev/null >"$log" 2>&1) &
  printf '%s' "$!" >"$(pid_file "$service" "$process")"
}

# SIGTERM, then SIGKILL after a timeout; always removes the pid file. The optional fifth
# argument is the name to print, when it differs from the state folder's.
stop_process() {
  local service=$1 process=$2 marker=$3 seconds=$4 label=${5:-$1} pid tick
  pid=$(running_pid "$service" "$process" "$marker")
  if [[ -z "$pid" ]]; then
    rm -f "$(pid_file "$service" "$process")"
    return 1
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((tick = 0; tick < seconds * 4; tick++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$label: $process (pid $pid) ignored SIGTERM for ${seconds}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$(pid_file "$service" "$process")"
  say "$label: stopped $process (pid $pid)"
}

# --- Readiness -------------------------------------------------------------------------------

# Runs a check once a second until it passes, the process dies or time runs out. On failure
# it names the reason and prints the end of the log, which is where the real cause usually is.
await_ready() {
  local service=$1 process=$2 marker=$3 log=$4 seconds=$5 check=$6 started=$SECONDS
  while ((SECONDS - started < seconds)); do
    if [[ -z "$(running_pid "$service" "$process" "$marker")" ]]; then
      fail_start "$service" "$log" "$process exited during start-up$(known_cause "$log")"
    fi
    if LAST_CHECK=$($check 2>&1); then
      return 0
    fi
    sleep 1
  done
  fail_start "$service" "$log" "$process was not ready after ${seconds}s (last check: ${LAST_CHECK:-none})$(known_cause "$log")"
}

# Turns the usual fatal log lines into one short reason.
known_cause() {
  local line
  line=$(grep -m 1 -E 'Address already in use|BindException|Exception \(.*\) encountered during startup|InaccessibleObjectException|UnsupportedClassVersionError|java.lang.OutOfMemoryError|ClassNotFoundException|NoClassDefFoundError|Could not create the Java Virtual Machine|Invalid (maximum|initial) heap size|Exiting with status [1-9]|Could not find or load main class|ERROR .*Exception|FATAL|panic:' "$1" 2>/dev/null | cut -c1-300 || true)
  [[ -n "$line" ]] && printf '; the log says: %s' "$line"
  return 0
}

fail_start() {
  local service=$1 log=$2 reason=$3
  warn "$service failed to start: $reason"
  warn "--- last 30 lines of $log ---"
  tail -n 30 "$log" >&2 2>/dev/null || true
  warn "--- end of $log ---"
  # Leaves nothing half-started behind; CURRENT_SERVICE is the name services.sh knows it by.
  stop_service "${CURRENT_SERVICE:-$service}" >/dev/null 2>&1 || true
  exit 1
}

probe() { node "$SCRIPT_DIR/probe.mjs" "$1"; }

# Drops data unless the developer asked to keep it: tests want a clean server every start.
reset_data() {
  local dir=$1
  if [[ "$KEEP_DATA" == 1 ]]; then
    mkdir -p "$dir"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
}

# --- Fetching --------------------------------------------------------------------------------

# Copies a pom's runtime dependencies into lib/, once per pom content: a changed pom (a new
# version) empties lib/ first, so two versions' jars never share a classpath.
maven_fetch() {
  local service=$1 pom="$SCRIPT_DIR/$1/pom.xml" lib="$SERVICES_HOME/$1/lib" stamp want log
  stamp="$lib/.pom.sha256"
  want=$(sha256sum "$pom" | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(<"$stamp")" == "$want" ]]; then
    [[ "${SAY_FETCHED:-0}" == 1 ]] && say "$service: already fetched into $lib"
    return 0
  fi
  say "$service: fetching jars from Maven Central into $lib"
  rm -rf "$lib"
  mkdir -p "$SERVICES_HOME/$service/logs"
  log="$SERVICES_HOME/$service/logs/fetch.log"
  local started=$SECONDS
  # The local repository lives under .cache too, so nothing lands in ~/.m2.
  if ! mvn -B -Dstyle.color=never -f "$pom" -Dmaven.repo.local="$SERVICES_HOME/m2" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" >"$log" 2>&1; then
    grep -E '^\[ERROR\]' "$log" | head -n 20 >&2
    die "$service: mvn could not fetch the jars listed in $pom (full output in $log)"
  fi
  printf '%s' "$want" >"$stamp"
  say "$service: fetched $(find "$lib" -name '*.jar' | wc -l) jars in $((SECONDS - started))s"
}
