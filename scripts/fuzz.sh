#!/usr/bin/env bash
# Fuzzes the three parsers the network and JS feed: the XML output decoder, the error decoder and
# the request encoder (fuzz/fuzz_targets/). `scripts/fuzz.sh [seconds per target]`; the test run
# uses a short bounded run, a real one is e.g. `scripts/fuzz.sh 1800`. Needs the pinned nightly (installed
# here with cargo-fuzz if missing). Seeds: the ELB response fixtures in tests/vectors and fuzz/seeds/; the corpus grows in
# fuzz/corpus/ (not committed). Prints each target's executions; a crash fails the script and
# leaves the input in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
vectors=$(pwd)/tests/vectors

source scripts/nightly.sh
ensure_nightly
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

seeds=("$vectors/elb-xml/libcloud")
model="$vectors/models/elb-2012-06-01-service-2.json"
for need in "${seeds[@]}" "$model"; do
  [ -e "$need" ] || { echo "fuzz: $need is missing (node scripts/vectors.mjs refresh)" >&2; exit 1; }
done

cd fuzz
# A dictionary of the model's member names, as XML tags and JSON keys, lets the fuzzer reach deep
# into the decoders quickly. Written from the model in tests/vectors at each run, never committed.
mkdir -p corpus
python3 - "$model" >corpus/elb.dict <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
names = set(m["operations"]) | set(m["shapes"])
for s in m["shapes"].values():
    names |= set(s.get("members", {}))
names |= {n + "Response" for n in m["operations"]} | {n + "Result" for n in m["operations"]}
names |= {"member", "entry", "key", "value", "ErrorResponse", "Error", "Code", "Message", "Type", "RequestId", "ResponseMetadata"}
for n in sorted(names):
    print(json.dumps("<" + n + ">"))
    print(json.dumps("</" + n + ">"))
    print(json.dumps(json.dumps(n) + ":"))
PY
# Debug assertions on: an arithmetic overflow is a finding too.
cargo +"$NIGHTLY" fuzz build -O -a
for target in xml_decode error_decode request_encode; do
  mkdir -p "corpus/$target"
  dirs=("corpus/$target")
  if [ "$target" = request_encode ]; then dirs+=(seeds/request_encode); else dirs+=("${seeds[@]}"); fi
  log=$(mktemp)
  # -rss_limit_mb: a decoder that balloons on a small input is a finding as well.
  if ! cargo +"$NIGHTLY" fuzz run -O -a "$target" "${dirs[@]}" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 -dict=corpus/elb.dict >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "fuzz: $target failed (input kept in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz: $target: ${runs:-?} executions in ${seconds} s, ${cov:-cov: ?}, no crash"
  rm -f "$log"
done
