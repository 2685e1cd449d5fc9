#!/usr/bin/env bash
# The benchmark: ours, netty-socketio 2.0.14 and Node's socket.io 4.8, each in its own process pinned to core 0,
# driven by the raw-frame generator pinned to core 1. Writes bench/RESULTS.md and bench/results.png.
#   bench/run.sh                      the full run (about 12 minutes)
#   bench/run.sh --quick              one point of each scenario (about 3 minutes once built)
#   bench/run.sh --servers ours --only echo --out /tmp/x    a part of it, elsewhere
# BENCH_SKIP_BUILD=1 skips the Maven and npm steps; BENCH_OURS_JVM="-XX:StartFlightRecording=…" adds JVM flags
# to our server (profiling), BENCH_JVM to every Java server (e.g. -XX:NativeMemoryTracking=summary);
# BENCH_IDLE_HOLD=<s> keeps the idle connections open that long after measuring (to inspect the server).
# The log goes to bench/target/bench.log.
# The cluster family needs a Redis: BENCH_REDIS=redis://host:port, default redis://127.0.0.1:6379.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

for tool in taskset java node npm mvn; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done
if [ "$(nproc)" -lt 2 ]; then
  echo "run.sh: needs 2 cores (server on core 0, generator on core 1), found $(nproc)" >&2; exit 1
fi
ulimit -n "$(ulimit -Hn)" # servers and generator inherit it: the idle scenario needs ~19,100 descriptors
if [ "$(ulimit -n)" -lt 20000 ]; then
  echo "run.sh: warning: open-file limit $(ulimit -n); the 19,000-connection idle point will fail" >&2
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  # package, not install: the reactor resolves the modules from their target/ directories, and bench's
  # target/classpath.txt names those jars, so nothing of this checkout goes into ~/.m2
  (cd "$root" && nice mvn -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dinvoker.skip=true \
    package -pl bench -am)
  (cd "$here/peers/netty-socketio" && mvn -q compile)
  wanted="$(node -p "require('$here/node/package.json').dependencies['socket.io']")"
  have="$(node -p "try { require('$here/node/node_modules/socket.io/package.json').version } catch (e) { '' }")"
  if [ "$wanted" != "$have" ]; then
    (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

if tr ':' '\n' < "$here/target/classpath.txt" | grep -q '/io/socketeer/'; then
  # bench built alone (-pl bench without -am) takes our modules from ~/.m2, whatever was installed there last
  echo "run.sh: bench/target/classpath.txt names socketeer jars of the local repository; build with -am" >&2
  exit 1
fi
mkdir -p "$here/target"
taskset -c 1 java -Xms1g -Xmx2g -Dbench.root="$here" \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" io.socketeer.bench.Bench "$@" \
  2>&1 | tee "$here/target/bench.log"
exit "${PIPESTATUS[0]}"
