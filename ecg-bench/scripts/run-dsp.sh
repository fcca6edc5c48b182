#!/usr/bin/env bash
# The I/O and DSP figures of docs/performance.md: SciPy first (dsp_peer.py), then the JMH
# benchmarks FilterBenchmark, QrsBenchmark, ReadMitBihBenchmark and MitBihDetectBenchmark
# (3 forks, 5 measurement iterations each). About 9 min on 2 vCPUs. Also called by run-all.sh.
# Usage (from the repository root, after `mvn -B -ntp -pl ecg-bench -am package -DskipTests`):
#   ecg-bench/scripts/run-dsp.sh [OUT] [JAR]     # default OUT=/tmp/ecg-bench-run
set -euo pipefail
OUT=${1:-/tmp/ecg-bench-run}
JAR=${2:-ecg-bench/target/benchmarks.jar}
DATA=${ECG_DATA_DIR:-../shared/data}
mkdir -p "$OUT"
echo "$(date -u +%FT%TZ) dsp-peer load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
/usr/bin/python3 ecg-bench/src/main/python/dsp_peer.py --data "$DATA" --json "$OUT/dsp-peer.json" \
    > "$OUT/dsp-peer.log" 2>&1
echo "$(date -u +%FT%TZ) dsp-jmh load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
java -Decg.data.dir="$DATA" -jar "$JAR" \
    'FilterBenchmark|QrsBenchmark|ReadMitBihBenchmark|MitBihDetectBenchmark' \
    -rf json -rff "$OUT/dsp-jmh.json" > "$OUT/dsp-jmh.log" 2>&1
