# The MongoDB-protocol server: FerretDB 1.24 with its SQLite backend, built from source with Go.
# Sourced by services.sh.

MONGO_PORT=${MONGO_PORT:-27017}
# FerretDB's default debug address is 8088, a port other tools like; 8089 keeps it free.
FERRETDB_DEBUG_PORT=${FERRETDB_DEBUG_PORT:-8089}
FERRETDB_VERSION=v1.24.2
# The MongoDB version FerretDB 1.24 answers as; docker-compose.yml runs this MongoDB.
MONGODB_COMPAT_VERSION=7.0

ferretdb_binary() { printf '%s/ferretdb/bin/ferretdb' "$SERVICES_HOME"; }

# `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start: the version file
# it embeds (build/version/version.txt) is git-ignored, so the module zip lacks it. So this
# copies the module source, writes the file, and builds the copy.
mongo_fetch() {
  local home="$SERVICES_HOME/ferretdb" binary started=$SECONDS
  binary=$(ferretdb_binary)
  if [[ -x "$binary" && "$("$binary" --version 2>/dev/null || true)" == *"version: $FERRETDB_VERSION"* ]]; then
    [[ "${SAY_FETCHED:-0}" == 1 ]] && say "mongo: FerretDB $FERRETDB_VERSION already built at $binary"
    return 0
  fi
  command -v go >/dev/null || die "mongo: Go is needed to build FerretDB and is not on PATH"
  say "mongo: building FerretDB $FERRETDB_VERSION with $(go env GOVERSION) into $home/bin"
  mkdir -p "$home/bin" "$home/logs"
  # Output goes to a log that is read only when the build fails.
  if ! build_ferretdb "$home" "$binary" >"$home/logs/fetch.log" 2>&1; then
    tail -n 20 "$home/logs/fetch.log" >&2
    die "mongo: building FerretDB failed (full output in $home/logs/fetch.log)"
  fi
  say "mongo: built FerretDB in $((SECONDS - started))s"
}

# A subshell, so the Go settings stay here; every Go cache lives under .cache/services. Each
# step checks its own result because set -e does not apply inside `if !`.
build_ferretdb() (
  local home=$1 binary=$2 module_dir
  export GOPATH="$home/go" GOMODCACHE="$home/go/mod" GOCACHE="$home/go/cache"
  # The local toolchain (1.26) is newer than the module's go1.24.3 line, so none is downloaded.
  # CGO stays off because the SQLite driver is pure Go, as in FerretDB's release images.
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-modcacherw -buildvcs=false"
  cd "$home" || return 1 # a folder without go.mod, so no project's module settings apply
  module_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -d "$module_dir" ]] || {
    echo "go mod download did not give the FerretDB source"
    return 1
  }
  rm -rf "$home/src" && cp -r "$module_dir" "$home/src" && chmod -R u+w "$home/src" || return 1
  printf '%s\n' "$FERRETDB_VERSION" >"$home/src/build/version/version.txt" || return 1
  (cd "$home/src" && go build -trimpath -o "$binary" ./cmd/ferretdb) || return 1
  # The binary is all that runs. The Go caches (about 1 GB) would only speed up a rebuild,
  # which happens only when FERRETDB_VERSION changes.
  go clean -cache -modcache
  rm -rf "$home/go" "$home/src"
)

mongo_start() {
  local home="$SERVICES_HOME/ferretdb"
  local log="$home/logs/ferretdb.log" binary
  binary=$(ferretdb_binary)
  if [[ -n "$(running_pid ferretdb server "$binary")" ]]; then
    say "mongo: already running (pid $(running_pid ferretdb server "$binary")), log $log"
    ALREADY_RUNNING=1
    return 0
  fi
  require_free_ports mongo "$MONGO_PORT" "$FERRETDB_DEBUG_PORT"
  mongo_fetch

  # The SQLite backend keeps one file per database in this directory, which must exist.
  reset_data "$home/data"
  mkdir -p "$home/state" "$home/logs"
  say "mongo: starting FerretDB on 127.0.0.1:$MONGO_PORT, log $log"
  # Telemetry off: it would try to reach FerretDB's beacon, and there is no internet here.
  launch ferretdb server "$log" "$binary" --handler=sqlite --sqlite-url="file:$home/data/" \
    --listen-addr="127.0.0.1:$MONGO_PORT" --debug-addr="127.0.0.1:$FERRETDB_DEBUG_PORT" \
    --state-dir="$home/state" --telemetry=disable --log-level=info
  await_ready ferretdb server "$binary" "$log" 30 mongo_ready
}

# A buildInfo round trip over the wire protocol, not only an open port.
mongo_ready() { probe mongo; }

mongo_stop() { stop_process ferretdb server "$(ferretdb_binary)" 15 mongo; }

mongo_status() {
  report_status mongo "$(running_pid ferretdb server "$(ferretdb_binary)")" "127.0.0.1:$MONGO_PORT" mongo
}
