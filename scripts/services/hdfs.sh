# HDFS: one NameNode and one DataNode with WebHDFS, from Hadoop's Maven jars.
# Sourced by services.sh.

HDFS_NAMENODE_RPC_PORT=${HDFS_NAMENODE_RPC_PORT:-8020}
HDFS_NAMENODE_HTTP_PORT=${HDFS_NAMENODE_HTTP_PORT:-9870}
HDFS_DATANODE_HTTP_PORT=${HDFS_DATANODE_HTTP_PORT:-9864}
HDFS_DATANODE_PORT=${HDFS_DATANODE_PORT:-9866}
HDFS_DATANODE_IPC_PORT=${HDFS_DATANODE_IPC_PORT:-9867}
HDFS_NAMENODE_HEAP=${HDFS_NAMENODE_HEAP:-384m}
HDFS_DATANODE_HEAP=${HDFS_DATANODE_HEAP:-256m}
HDFS_NAMENODE_MARKER=-Dcrowdwatch.service=hdfs-namenode
HDFS_DATANODE_MARKER=-Dcrowdwatch.service=hdfs-datanode

hdfs_fetch() { maven_fetch hdfs; }

# The flags hadoop-functions.sh adds on Java 17 (HADOOP-19310 and later additions); without
# them the daemons fail with 'module java.base does not "opens java.lang"'.
hdfs_jvm_flags() {
  local home="$SERVICES_HOME/hdfs" package
  for package in java.io java.lang java.lang.reflect java.math java.net java.text java.util \
    java.util.concurrent java.util.zip sun.security.util sun.security.x509; do
    printf -- '--add-opens=java.base/%s=ALL-UNNAMED\n' "$package"
  done
  printf '%s\n' -Dlog4j.configuration="file:$home/conf/log4j.properties" \
    -Dhadoop.log.dir="$home/logs" -Dhadoop.home.dir="$home" -Djava.net.preferIPv4Stack=true \
    -cp "$home/conf:$home/lib/*"
}

hdfs_start() {
  local home="$SERVICES_HOME/hdfs"
  local nn_log="$home/logs/namenode.log" dn_log="$home/logs/datanode.log"
  local nn_pid dn_pid
  nn_pid=$(running_pid hdfs namenode "$HDFS_NAMENODE_MARKER")
  dn_pid=$(running_pid hdfs datanode "$HDFS_DATANODE_MARKER")
  if [[ -n "$nn_pid" && -n "$dn_pid" ]]; then
    say "hdfs: already running (NameNode pid $nn_pid, DataNode pid $dn_pid), logs $nn_log and $dn_log"
    ALREADY_RUNNING=1
    return 0
  fi
  # Half a cluster is restarted whole: a lone DataNode cannot be trusted to match a new NameNode.
  [[ -n "$nn_pid$dn_pid" ]] && hdfs_stop
  require_free_ports hdfs "$HDFS_NAMENODE_RPC_PORT" "$HDFS_NAMENODE_HTTP_PORT" \
    "$HDFS_DATANODE_HTTP_PORT" "$HDFS_DATANODE_PORT" "$HDFS_DATANODE_IPC_PORT"
  hdfs_fetch
  find_java17

  # The name and data directories are wiped together: a DataNode kept from an earlier format
  # refuses the new NameNode's cluster id.
  HDFS_DATA_DIR="$home/data"
  reset_data "$HDFS_DATA_DIR"
  mkdir -p "$home/conf" "$home/logs"
  render "$SCRIPT_DIR/hdfs/core-site.xml" "$home/conf/core-site.xml"
  render "$SCRIPT_DIR/hdfs/hdfs-site.xml" "$home/conf/hdfs-site.xml"
  cp "$SCRIPT_DIR/hdfs/log4j.properties" "$home/conf/log4j.properties"

  local flags
  mapfile -t flags < <(hdfs_jvm_flags)
  if [[ ! -d "$HDFS_DATA_DIR/name/current" ]]; then
    "$SERVICES_JAVA" "${flags[@]}" org.apache.hadoop.hdfs.server.namenode.NameNode -format -nonInteractive \
      -clusterid crowdwatch >"$home/logs/format.log" 2>&1 ||
      fail_start hdfs "$home/logs/format.log" "formatting the NameNode failed"
  fi

  say "hdfs: starting the NameNode on 127.0.0.1:$HDFS_NAMENODE_RPC_PORT (WebHDFS :$HDFS_NAMENODE_HTTP_PORT), log $nn_log"
  launch hdfs namenode "$nn_log" "$SERVICES_JAVA" "$HDFS_NAMENODE_MARKER" -Xmx"$HDFS_NAMENODE_HEAP" \
    "${flags[@]}" org.apache.hadoop.hdfs.server.namenode.NameNode
  await_ready hdfs namenode "$HDFS_NAMENODE_MARKER" "$nn_log" 120 hdfs_namenode_ready

  say "hdfs: starting the DataNode on 127.0.0.1:$HDFS_DATANODE_HTTP_PORT, log $dn_log"
  launch hdfs datanode "$dn_log" "$SERVICES_JAVA" "$HDFS_DATANODE_MARKER" -Xmx"$HDFS_DATANODE_HEAP" \
    "${flags[@]}" org.apache.hadoop.hdfs.server.datanode.DataNode
  await_ready hdfs datanode "$HDFS_DATANODE_MARKER" "$dn_log" 120 hdfs_ready
}

hdfs_namenode_ready() {
  local state
  state=$(curl -sf "http://127.0.0.1:$HDFS_NAMENODE_HTTP_PORT/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState" || true)
  [[ "$state" == *'"FSState"'* ]] || {
    echo 'the NameNode web server does not answer yet'
    return 1
  }
}

# One live DataNode, out of safe mode, and a file written and read back through WebHDFS.
hdfs_ready() { probe hdfs; }

# The DataNode first, so it does not spend its shutdown retrying a NameNode that is gone.
hdfs_stop() {
  local stopped=1
  stop_process hdfs datanode "$HDFS_DATANODE_MARKER" 30 && stopped=0
  stop_process hdfs namenode "$HDFS_NAMENODE_MARKER" 30 && stopped=0
  return "$stopped"
}

hdfs_status() {
  local nn dn
  nn=$(running_pid hdfs namenode "$HDFS_NAMENODE_MARKER")
  dn=$(running_pid hdfs datanode "$HDFS_DATANODE_MARKER")
  if [[ -n "$nn" && -z "$dn" ]] || [[ -z "$nn" && -n "$dn" ]]; then
    say "hdfs       half running: NameNode pid ${nn:--}, DataNode pid ${dn:--}"
    return 1
  fi
  report_status hdfs "$nn${dn:+ $dn}" "127.0.0.1:$HDFS_NAMENODE_HTTP_PORT" hdfs
}
