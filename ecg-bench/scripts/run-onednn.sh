#!/usr/bin/env bash
# What the oneDNN policy costs (docs/platforms.md): the same JMH run measures each PyTorch
# benchmark with the library's default (-p onednn=auto: oneDNN off on AMD family 26, on
# elsewhere), oneDNN on with no cap (on) and oneDNN on capped at SSE41 (the other lever), then
# times the kernel self-test in 5 fresh JVMs. On a CPU where a setting's kernels are wrong, its
# rows time wrong results. About 15 min on 2 vCPUs.
# Usage (from the repository root, after `mvn -B -ntp -pl ecg-bench -am package -DskipTests`):
#   ecg-bench/scripts/run-onednn.sh [OUT]        # default OUT=/tmp/ecg-onednn
set -euo pipefail
OUT=${1:-/tmp/ecg-onednn}
mkdir -p "$OUT"
SNAP="$OUT/jar"
rm -rf "$SNAP" && mkdir -p "$SNAP" && cp -r ecg-bench/target/benchmarks.jar ecg-bench/target/lib "$SNAP/"
JAR="$SNAP/benchmarks.jar"
{ lscpu | grep -E 'Model name|^CPU\(s\)|family|Model:|Thread|Flags' | cut -c1-400; java -version 2>&1; git rev-parse HEAD; } > "$OUT/machine.txt"
uptime > "$OUT/uptime-before.txt"
COMMON=(-p arch=KachueeResNet,CnnBiLstm -p onednn=auto,on,SSE41 -f 2 -wi 2 -i 5)
java -jar "$JAR" 'dev.ecg.bench.LatencyBenchmark' -p engine=PYTORCH "${COMMON[@]}" -w 1s -r 1s \
    -rf json -rff "$OUT/latency.json" > "$OUT/latency.log" 2>&1
java -jar "$JAR" 'dev.ecg.bench.ThroughputBenchmark' -p engine=PYTORCH -p batch=256 "${COMMON[@]}" -w 1s -r 1s \
    -rf json -rff "$OUT/throughput.json" > "$OUT/throughput.log" 2>&1
java -jar "$JAR" 'dev.ecg.bench.TrainStepBenchmark' -p malloc=tuned "${COMMON[@]}" -w 2s -r 2s \
    -rf json -rff "$OUT/train.json" > "$OUT/train.log" 2>&1
for i in 1 2 3 4 5; do
  java -Dai.djl.pytorch.num_threads=1 -cp "$JAR" dev.ecg.bench.SelfTestCost 2>/dev/null \
      | grep '^self-test' >> "$OUT/selftest.txt"
done
uptime > "$OUT/uptime-after.txt"
echo "done: $OUT"
