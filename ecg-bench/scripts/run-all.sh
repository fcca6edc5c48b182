#!/usr/bin/env bash
# Runs every figure of docs/performance.md in one go, one heavy process at a time:
# the PyTorch eager peer (2 and 1 threads, glibc default and tuned), the JMH tables, then the
# gc/stack profiles, then the I/O and DSP part (run-dsp.sh). About 45 min on 2 vCPUs (3 forks and 5 measurement iterations everywhere, as issue 7 asks;
# warm-up trimmed to fit). Run it on a quiet machine: nothing else heavy at the same time.
# Usage (from the repository root, after `mvn -B -ntp -pl ecg-bench -am package -DskipTests`):
#   ecg-bench/scripts/run-all.sh [OUT]        # default OUT=/tmp/ecg-bench-run
set -euo pipefail
OUT=${1:-/tmp/ecg-bench-run}
mkdir -p "$OUT"
# Run from a copy of the jar and its lib/, so rebuilding the module during a long run is safe.
SNAP="$OUT/jar"
rm -rf "$SNAP" && mkdir -p "$SNAP" && cp -r ecg-bench/target/benchmarks.jar ecg-bench/target/lib "$SNAP/"
JAR="$SNAP/benchmarks.jar"
DATA=${ECG_DATA_DIR:-../shared/data}
stamp() { echo "$(date -u +%FT%TZ) $1 load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"; }
{ lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Flags' | cut -c1-200; java -version 2>&1; git rev-parse HEAD; } > "$OUT/machine.txt"
lscpu > "$OUT/lscpu.txt"
uptime > "$OUT/uptime-before.txt"
stamp start
rm -rf "$OUT/models"
java -cp "$JAR" dev.ecg.bench.BenchModels "$OUT/models" > /dev/null
for t in 2 1; do
  stamp "peer-t$t"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 ecg-bench/src/main/python/torch_peer.py "$OUT/models" \
      --threads "$t" --seconds 2 --repeats 3 --json "$OUT/peer-t$t.json" > "$OUT/peer-t$t.log" 2>&1
done
# the peer again with glibc tuned through the environment exactly as NativeMemory tunes our JVM
# (mmap threshold 32 MiB, trim threshold 128 MiB, top pad 16 MiB), for the two goal networks
for t in 2 1; do
  stamp "peer-t$t-malloc"
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=134217728 MALLOC_TOP_PAD_=16777216 \
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 ecg-bench/src/main/python/torch_peer.py "$OUT/models" \
      --threads "$t" --seconds 2 --repeats 3 --only KachueeResNet CnnBiLstm \
      --json "$OUT/peer-t$t-malloc.json" > "$OUT/peer-t$t-malloc.log" 2>&1
done
stamp jmh
# latency: 2 warm-up + 5 x 1 s; throughput: 1 warm-up + 5 x 1 s; training / end to end: defaults
java -jar "$JAR" LatencyBenchmark -p threads=1 -f 3 -wi 2 -i 5 \
    -rf json -rff "$OUT/jmh-latency.json" > "$OUT/jmh-latency.log" 2>&1
# batch 32 / 256 / 1024 for the two networks the issue sets goals for, batch 256 for the others
java -jar "$JAR" ThroughputBenchmark -p threads=1 -p arch=KachueeResNet,CnnBiLstm -f 3 -wi 1 -i 5 \
    -rf json -rff "$OUT/jmh-throughput.json" > "$OUT/jmh-throughput.log" 2>&1
java -jar "$JAR" ThroughputBenchmark -p threads=1 -p arch=ResNet1d,SimpleCnn -p batch=256 \
    -f 3 -wi 1 -i 5 -rf json -rff "$OUT/jmh-throughput2.json" > "$OUT/jmh-throughput2.log" 2>&1
# training: 1 thread with tuned (EcgTrainer with -Decg.malloc.tune=true) and glibc's default
# malloc (EcgTrainer's default), 2 threads tuned;
# end to end: the bundled model's detector pipeline and the annotation-only one
java -Decg.data.dir="$DATA" -jar "$JAR" 'TrainStepBenchmark|ClassifyRecordBenchmark' \
    -p threads=1 -f 3 -wi 2 -i 5 -rf json -rff "$OUT/jmh-train.json" > "$OUT/jmh-train.log" 2>&1
java -jar "$JAR" TrainStepBenchmark -p threads=2 -p malloc=tuned -f 3 -wi 2 -i 5 \
    -rf json -rff "$OUT/jmh-train2.json" > "$OUT/jmh-train2.log" 2>&1
# diagnostic: the training step with oneDNN uncapped (-p onednn=on), to price the library's
# CPU-correctness policy on machines where it caps or switches off oneDNN (OneDnnPolicy); on such
# a machine these are timings of possibly wrong results and are labelled so
java -jar "$JAR" TrainStepBenchmark -p threads=1 -p malloc=tuned -p onednn=on -f 3 -wi 2 -i 5 \
    -rf json -rff "$OUT/jmh-train-onednn.json" > "$OUT/jmh-train-onednn.log" 2>&1
# ONNX Runtime with 2 intra-op threads (the peer's prescribed thread count) for the two networks
# the issue sets goals for
java -jar "$JAR" 'LatencyBenchmark|ThroughputBenchmark' -p arch=KachueeResNet,CnnBiLstm \
    -p engine=ONNX_RUNTIME -p batch=256 -p threads=2 -f 3 -wi 1 -i 5 \
    -rf json -rff "$OUT/jmh-t2.json" > "$OUT/jmh-t2.log" 2>&1
# the same two on the plain 1-D ONNX graph (before the [N, C, 1, L] export), 1 thread
java -jar "$JAR" 'LatencyBenchmark|ThroughputBenchmark' -p arch=KachueeResNet,CnnBiLstm \
    -p engine=ONNX_RUNTIME -p batch=256 -p threads=1 -p conv2d=false -f 3 -wi 1 -i 5 \
    -rf json -rff "$OUT/jmh-1d.json" > "$OUT/jmh-1d.log" 2>&1
# int8 graphs (ONNX Runtime, -p precision=INT8: the package's model.int8.onnx, calibrated on 256
# synthetic beats) for the two goal networks: 1 thread at every batch size, 2 threads at 256
stamp int8
java -jar "$JAR" 'LatencyBenchmark|ThroughputBenchmark' -p arch=KachueeResNet,CnnBiLstm \
    -p engine=ONNX_RUNTIME -p precision=INT8 -p threads=1 -f 3 -wi 1 -i 5 \
    -rf json -rff "$OUT/jmh-int8.json" > "$OUT/jmh-int8.log" 2>&1
java -jar "$JAR" 'LatencyBenchmark|ThroughputBenchmark' -p arch=KachueeResNet,CnnBiLstm \
    -p engine=ONNX_RUNTIME -p precision=INT8 -p batch=256 -p threads=2 -f 3 -wi 1 -i 5 \
    -rf json -rff "$OUT/jmh-int8-t2.json" > "$OUT/jmh-int8-t2.log" 2>&1
# classify(record) through the bundled mitbih-aami5 itself: its network (fp32 and int8) and its
# whole preprocessing, the quality gate included
java -Decg.data.dir="$DATA" -jar "$JAR" ClassifyRecordBenchmark -p pipeline=bundled \
    -p arch=KachueeResNet -p precision=FP32,INT8 -p threads=1 -f 3 -wi 2 -i 5 \
    -rf json -rff "$OUT/jmh-bundled.json" > "$OUT/jmh-bundled.log" 2>&1
/usr/bin/python3 -c 'import json,sys; print(json.dumps(sum((json.load(open(f)) for f in sys.argv[1:]), [])))' \
    "$OUT"/jmh-latency.json "$OUT"/jmh-throughput.json "$OUT"/jmh-throughput2.json \
    "$OUT"/jmh-train.json "$OUT"/jmh-train2.json "$OUT"/jmh-train-onednn.json \
    "$OUT"/jmh-t2.json "$OUT"/jmh-1d.json "$OUT"/jmh-int8.json "$OUT"/jmh-int8-t2.json \
    "$OUT"/jmh-bundled.json > "$OUT/jmh.json" 
stamp peak
java -jar "$JAR" PeakFlopsBenchmark -p threads=1,2 -f 3 -wi 2 -i 5 -rf json -rff "$OUT/peak.json" > "$OUT/peak.log" 2>&1
stamp gc
# allocation per call: batch 1 (LatencyBenchmark) and batch 256, both engines
java -jar "$JAR" 'LatencyBenchmark|ThroughputBenchmark' -p arch=KachueeResNet,CnnBiLstm -p batch=256 \
    -p threads=1 -f 1 -wi 2 -i 3 -prof gc -rf json -rff "$OUT/gc.json" > "$OUT/gc.log" 2>&1
stamp stack
java -jar "$JAR" LatencyBenchmark -p arch=KachueeResNet -p threads=1 -f 1 -wi 1 -i 3 \
    -prof 'stack:lines=4;top=6' > "$OUT/stack.log" 2>&1
ecg-bench/scripts/run-dsp.sh "$OUT" "$JAR"
stamp end
uptime > "$OUT/uptime-after.txt"
