#!/usr/bin/env bash
# Runs the benchmark: ours, netty-socketio 2.0.14 and Node's socket.io 4.8, each pinned to core 0, the load
# generator on core 1. Writes bench/RESULTS.md and bench/results.png.
#   bench/run.sh           the full run (about 10 minutes)
#   bench/run.sh --quick   one point of each scenario (under 3 minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(cd "$root" && mvn -q -DskipTests install -pl bench -am)
(cd "$here/peers/netty-socketio" && mvn -q compile)
(cd "$here/node" && { test -d node_modules/socket.io || npm ci --no-audit --no-fund --loglevel=error; })
exec taskset -c 1 java -Xmx2g -Dbench.root="$here" \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" io.socketeer.bench.Bench "$@"
