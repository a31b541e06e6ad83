# Apache Kafka 4.1 in KRaft combined mode (broker and controller in one JVM), from Maven jars.
# Sourced by services.sh.

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_HEAP=${KAFKA_HEAP:-512m}
KAFKA_MARKER=-Dcrowdwatch.service=kafka
# Any 22-character base64 UUID; a fixed one lets --keep-data restart on the same log dirs.
KAFKA_CLUSTER_ID=5L6g3nShT-eMCtK--X86sw

kafka_fetch() { maven_fetch kafka; }

kafka_start() {
  local home="$SERVICES_HOME/kafka"
  local log="$home/logs/kafka.log"
  if [[ -n "$(running_pid kafka broker "$KAFKA_MARKER")" ]]; then
    say "kafka: already running (pid $(running_pid kafka broker "$KAFKA_MARKER")), log $log"
    ALREADY_RUNNING=1
    return 0
  fi
  require_free_ports kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  kafka_fetch
  find_java17

  KAFKA_DATA_DIR="$home/data"
  reset_data "$KAFKA_DATA_DIR"
  mkdir -p "$home/conf" "$home/logs"
  render "$SCRIPT_DIR/kafka/server.properties" "$home/conf/server.properties"
  cp "$SCRIPT_DIR/kafka/log4j2.properties" "$home/conf/log4j2.properties"

  local java_opts=(-Dlog4j2.configurationFile="$home/conf/log4j2.properties" -cp "$home/lib/*")
  # --ignore-formatted makes a kept data dir start as it is.
  "$SERVICES_JAVA" "${java_opts[@]}" kafka.tools.StorageTool format --ignore-formatted \
    -t "$KAFKA_CLUSTER_ID" -c "$home/conf/server.properties" >"$home/logs/format.log" 2>&1 ||
    fail_start kafka "$home/logs/format.log" "formatting the log dirs failed"

  say "kafka: starting on 127.0.0.1:$KAFKA_PORT, log $log"
  # The G1 settings are the ones kafka-run-class.sh uses; the heap is half its default.
  launch kafka broker "$log" "$SERVICES_JAVA" "$KAFKA_MARKER" -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dkafka.logs.dir="$home/logs" "${java_opts[@]}" kafka.Kafka "$home/conf/server.properties"
  await_ready kafka broker "$KAFKA_MARKER" "$log" 120 kafka_ready
}

# "Kafka Server started" comes after both the Raft controller and the broker are up; the
# ApiVersions round trip proves the listener answers Kafka requests.
kafka_ready() {
  grep -q 'Kafka Server started' "$SERVICES_HOME/kafka/logs/kafka.log" || {
    echo 'no "Kafka Server started" in the log yet'
    return 1
  }
  probe kafka
}

kafka_stop() { stop_process kafka broker "$KAFKA_MARKER" 60; }

kafka_status() {
  local pid
  pid=$(running_pid kafka broker "$KAFKA_MARKER")
  report_status kafka "$pid" "127.0.0.1:$KAFKA_PORT" kafka
}
