# Apache Cassandra 5.0, one node, from the cassandra-all jar and its dependencies.
# Sourced by services.sh.

CASSANDRA_PORT=${CASSANDRA_PORT:-9042}
CASSANDRA_STORAGE_PORT=${CASSANDRA_STORAGE_PORT:-7000}
CASSANDRA_HEAP=${CASSANDRA_HEAP:-1g}
CASSANDRA_MARKER=-Dcrowdwatch.service=cassandra

cassandra_fetch() { maven_fetch cassandra; }

# What bin/cassandra would pass on Java 17: conf/jvm-server.options, conf/jvm17-server.options
# and the JDK-only exports of cassandra.in.sh. Without the opens, setup dies with
# InaccessibleObjectException on java.io.FileDescriptor.fd. ExitOnOutOfMemoryError is ours (the
# start-up check asks for it): a node out of heap should die visibly, not limp on.
cassandra_jvm_flags() {
  local flags=(
    -Xss256k -XX:+HeapDumpOnOutOfMemoryError -XX:+ExitOnOutOfMemoryError -XX:+UseThreadPriorities -XX:+UseTLAB
    -XX:+ResizeTLAB -XX:+PerfDisableSharedMem -Djava.net.preferIPv4Stack=true
    -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1 -XX:G1HeapRegionSize=16m
    -XX:G1RSetUpdatingPauseTimePercent=5 -XX:MaxGCPauseMillis=300
    -XX:InitiatingHeapOccupancyPercent=70 -Djdk.attach.allowAttachSelf=true
    -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.useCacheForAllThreads=true
    -Dio.netty.allocator.maxOrder=11
  )
  local module
  for module in java.base/jdk.internal.misc java.management.rmi/com.sun.jmx.remote.internal.rmi \
    java.management/com.sun.jmx.remote.security java.rmi/sun.rmi.registry java.rmi/sun.rmi.server \
    java.sql/java.sql java.base/java.lang.ref jdk.unsupported/sun.misc; do
    flags+=("--add-exports=$module=ALL-UNNAMED")
  done
  for module in java.base/java.lang.module java.base/jdk.internal.loader java.base/jdk.internal.ref \
    java.base/jdk.internal.reflect java.base/jdk.internal.math java.base/jdk.internal.module \
    java.base/jdk.internal.util.jar jdk.management/com.sun.management.internal java.base/sun.nio.ch \
    java.base/java.io java.base/java.lang.reflect java.base/java.lang java.base/java.util \
    java.base/java.nio; do
    flags+=("--add-opens=$module=ALL-UNNAMED")
  done
  # cassandra.in.sh adds these only on a JDK: a JRE has no jdk.attach or jdk.compiler module.
  if [[ -x "$(dirname "$SERVICES_JAVA")/javac" ]]; then
    flags+=(--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED
      --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
      --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED)
  fi
  printf '%s\n' "${flags[@]}"
}

cassandra_start() {
  local home="$SERVICES_HOME/cassandra"
  local log="$home/logs/cassandra.log"
  if [[ -n "$(running_pid cassandra node "$CASSANDRA_MARKER")" ]]; then
    say "cassandra: already running (pid $(running_pid cassandra node "$CASSANDRA_MARKER")), log $log"
    ALREADY_RUNNING=1
    return 0
  fi
  require_free_ports cassandra "$CASSANDRA_PORT" "$CASSANDRA_STORAGE_PORT"
  cassandra_fetch
  find_java17

  CASSANDRA_DATA_DIR="$home/data"
  reset_data "$CASSANDRA_DATA_DIR"
  mkdir -p "$home/conf" "$home/logs" "$home/tmp" "$home/triggers"
  render "$SCRIPT_DIR/cassandra/cassandra.yaml" "$home/conf/cassandra.yaml"
  cp "$SCRIPT_DIR/cassandra/logback.xml" "$home/conf/logback.xml"

  local jamm flags
  jamm=$(find "$home/lib" -name 'jamm-*.jar' | head -n 1)
  mapfile -t flags < <(cassandra_jvm_flags)
  say "cassandra: starting on 127.0.0.1:$CASSANDRA_PORT, log $log"
  # cassandra-foreground keeps stdout open (the daemon closes it otherwise, and the log with it).
  # skip_wait_for_gossip_to_settle and initial_token skip waits that only matter in a cluster;
  # unsafesystem skips fsync on system tables, which a throw-away node does not need.
  # JNA unpacks its native library into jna.tmpdir, kept under .cache in case /tmp is noexec.
  launch cassandra node "$log" "$SERVICES_JAVA" "$CASSANDRA_MARKER" -Xms"$CASSANDRA_HEAP" -Xmx"$CASSANDRA_HEAP" \
    "${flags[@]}" -javaagent:"$jamm" \
    -Dcassandra.config="file://$home/conf/cassandra.yaml" -Dcassandra-foreground=yes \
    -Dcassandra.logdir="$home/logs" -Dlogback.configurationFile="$home/conf/logback.xml" \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 -Dcassandra.initial_token=0 \
    -Dcassandra.unsafesystem=true -Djna.tmpdir="$home/tmp" -Dcassandra.triggers_dir="$home/triggers" \
    -cp "$home/lib/*" org.apache.cassandra.service.CassandraDaemon
  await_ready cassandra node "$CASSANDRA_MARKER" "$log" 240 cassandra_ready
}

# "Startup complete" is the daemon's last start-up line; the probe then runs a real CQL query.
cassandra_ready() {
  grep -q 'Startup complete' "$SERVICES_HOME/cassandra/logs/cassandra.log" || {
    echo 'no "Startup complete" in the log yet'
    return 1
  }
  probe cassandra
}

# Cassandra drains on SIGTERM, which can take a while on a loaded machine.
cassandra_stop() { stop_process cassandra node "$CASSANDRA_MARKER" 60; }

cassandra_status() {
  report_status cassandra "$(running_pid cassandra node "$CASSANDRA_MARKER")" "127.0.0.1:$CASSANDRA_PORT" cassandra
}
