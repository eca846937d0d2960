#!/usr/bin/env bash
# A single-node Ceph RADOS Gateway: a real S3 server with Object Lock, for the evidence store's
# tests, CI and development. No systemd, no authentication between the daemons, S3 user
# devkey/devsecret. Adapted from the shared tools' start-rgw.sh (see docs/production-object-storage.md
# for a real cluster).
#
#   scripts/start-rgw.sh [start] [DIR] [memstore|bluestore]   start (idempotent), print where it runs
#   scripts/start-rgw.sh stop [DIR]                           stop the daemons started from DIR
#   scripts/start-rgw.sh status [DIR]                         exit 0 if it runs, 1 if not
#
# DIR defaults to $LIUHEN_RGW_DIR or /tmp/liuhen-rgw. memstore (the default) keeps objects in RAM
# (at most 2 GiB) and starts afresh every time; bluestore keeps them in a 10 GiB sparse file in DIR
# and survives a restart. Ports: $LIUHEN_RGW_PORT (S3, default 7480), $LIUHEN_RGW_MON_PORT (monitor,
# default 3300). Concurrent invocations (two pytest-xdist workers, CI and a developer) are
# serialised by a lock file beside DIR; a start finding its gateway already running only prints it.
set -euo pipefail

command=start
case ${1:-} in start | stop | status) command=$1; shift ;; esac
D=${1:-${LIUHEN_RGW_DIR:-/tmp/liuhen-rgw}}
STORE=${2:-memstore}
PORT=${LIUHEN_RGW_PORT:-7480}
MON_PORT=${LIUHEN_RGW_MON_PORT:-3300}
ENDPOINT=http://127.0.0.1:$PORT
DAEMONS=(mon.a osd.0 client.rgw.a)
MARKER=.liuhen-rgw

case $STORE in memstore | bluestore) ;; *) echo "unknown object store '$STORE' (memstore or bluestore)" >&2; exit 2 ;; esac
[[ $D = /* ]] || D=$PWD/$D

# Ceph daemons fork into the background keeping the descriptors they were given: without this the
# lock (fd 9) would be held by the daemons for ever and a caller reading our output (pytest, CI)
# would wait for an end of file that never comes.
daemon() { "$@" </dev/null >>"$D/log/daemons.out" 2>&1 9>&-; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [[ -s $D/run/$1.pid ]] && kill -0 "$(cat "$D/run/$1.pid")" 2>/dev/null; }

running() {
  local daemon
  for daemon in "${DAEMONS[@]}"; do pid_alive "$daemon" || return 1; done
  port_open "$PORT"
}

describe() {
  echo "RGW up: $ENDPOINT (access key devkey, secret devsecret), $STORE, folder $D"
  echo "  pids: $(cat "$D"/run/*.pid 2>/dev/null | tr '\n' ' ')"
  echo "  stop: bash scripts/start-rgw.sh stop $D"
  echo "  export LIUHEN_TEST_S3_ENDPOINT=$ENDPOINT"
}

stop_daemons() {
  local daemon pid pids=()
  # The gateway first, the monitor last, so no daemon spins looking for one that is gone.
  for daemon in client.rgw.a osd.0 mon.a; do
    if pid_alive "$daemon"; then
      pid=$(cat "$D/run/$daemon.pid")
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  for _ in $(seq 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -f "$D"/run/*.pid
}

require_binaries() {
  local missing=() tool
  for tool in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    echo "缺少 Ceph 程序（${missing[*]}）。请安装 Debian 软件包：" >&2
    echo "  apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common" >&2
    exit 3
  fi
}

write_conf() {
  local fsid=$1
  cat >"$D/ceph.conf" <<CONF
[global]
fsid = $fsid
mon_host = v2:127.0.0.1:$MON_PORT
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc
ms_client_mode = crc
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_max_pg_per_osd = 1000
osd_objectstore = $STORE
memstore_device_bytes = 2147483648
bluestore_block_path = $D/osd0.block
bluestore_block_size = 10737418240
bluestore_block_create = true
run_dir = $D/run
admin_socket = $D/run/\$name.asok
log_file = $D/log/\$name.log
pid_file = $D/run/\$name.pid
[mon.a]
mon_data = $D/mon.a
[osd]
osd_data = $D/osd.\$id
[client.rgw.a]
rgw_data = $D/rgw
rgw_frontends = beast endpoint=127.0.0.1:$PORT
CONF
}

wait_for_gateway() {
  for _ in $(seq 120); do
    port_open "$PORT" && return 0
    sleep 0.5
  done
  echo "RGW did not open port $PORT within 60 s; see $D/log/" >&2
  exit 1
}

create_cluster() {
  rm -rf "$D"
  mkdir -p "$D"/{run,log,mon.a,osd.0,rgw}
  echo "$STORE" >"$D/$MARKER"
  local fsid osd_uuid osd_id
  fsid=$(cat /proc/sys/kernel/random/uuid)
  write_conf "$fsid"
  monmaptool --create --addv a "[v2:127.0.0.1:$MON_PORT]" --fsid "$fsid" "$D/monmap" >/dev/null
  ceph-mon --mkfs -i a --monmap "$D/monmap"
  daemon ceph-mon -i a
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_id=$(timeout 60 ceph osd new "$osd_uuid")
  ceph-osd -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" >>"$D/log/mkfs.out" 2>&1
  daemon ceph-osd -i "$osd_id"
  daemon radosgw -n client.rgw.a # daemonizes once it reaches the monitor
  wait_for_gateway
  timeout 120 radosgw-admin user create --uid=dev --display-name=dev \
    --access-key=devkey --secret-key=devsecret >/dev/null
  touch "$D/.initialized"
}

restart_cluster() {
  # bluestore keeps its data: start the same daemons on the same folders again.
  daemon ceph-mon -i a
  daemon ceph-osd -i 0
  daemon radosgw -n client.rgw.a
  wait_for_gateway
}

start() {
  require_binaries
  mkdir -p "$(dirname "$D")"
  exec 9>"$D.lock"
  flock -w 600 9 || { echo "another start-rgw.sh holds $D.lock for over 10 minutes" >&2; exit 1; }
  export CEPH_CONF=$D/ceph.conf
  if running; then
    describe
    return 0
  fi
  # Wipe and reuse only a folder this script made (or an empty one): DIR comes from the caller.
  if [[ -e $D && ! -e $D/$MARKER && -n $(ls -A "$D") ]]; then
    echo "$D exists and was not made by this script; choose another folder" >&2
    exit 2
  fi
  stop_daemons 2>/dev/null || true
  if port_open "$PORT" || port_open "$MON_PORT"; then
    echo "port $PORT or $MON_PORT on 127.0.0.1 is taken by another program;" \
      "stop it or set LIUHEN_RGW_PORT / LIUHEN_RGW_MON_PORT" >&2
    exit 1
  fi
  if [[ $STORE = bluestore && -e $D/.initialized && $(cat "$D/$MARKER") = bluestore ]]; then
    restart_cluster
  else
    create_cluster
  fi
  describe
}

case $command in
  start) start ;;
  stop)
    # Only pids this script recorded: never whatever a stranger's folder lists.
    if [[ -e $D/$MARKER && -d $D/run ]]; then stop_daemons; fi
    echo "RGW stopped (folder $D)"
    ;;
  status)
    if running; then describe; else echo "RGW not running from $D"; exit 1; fi
    ;;
esac
