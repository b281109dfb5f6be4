#!/usr/bin/env bash
# End-to-end comparison on generated fixture sets, all in one run so the ratios are fair on a
# shared, noisy machine: the physical floor (cat, wc -l, mmap + memchr newline count), afterlog
# timeline at 1 and 2 threads (wall time, peak anonymous memory, the incident checked against
# truth.json), and what analysts use instead: GNU sort ordering the line-format files, jq over
# the NDJSON.
#
# Usage: benches/e2e.sh SIZE [SIZE...]      e.g. benches/e2e.sh 1G 4G
# Sets are generated under ${AFTERLOG_BENCH_DIR:-/tmp/afterlog-bench} (seed 7) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins >/dev/null 2>&1
bin=target/release
root=${AFTERLOG_BENCH_DIR:-/tmp/afterlog-bench}
mkdir -p "$root"

# Wall seconds and peak RssAnon (KiB, anonymous memory only: mapped input files excluded).
measure() {
  local start end pid peak=0 cur
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    cur=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ -n "$cur" ] && [ "$cur" -gt "$peak" ] && peak=$cur
    sleep 0.02
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $peak"
}

row() { # name bytes seconds peak_kib
  local mbs
  mbs=$(echo "scale=1; $2 / 1000000 / $3" | bc)
  printf '| %-44s | %8.2f s | %8s MB/s | %9s MiB |\n' "$1" "$3" "$mbs" "$(( $4 / 1024 ))"
}

for size in "$@"; do
  set_dir="$root/$size"
  [ -f "$set_dir/truth.json" ] || "$bin/afterlog-gen" --out "$set_dir" --size "$size" --seed 7
  inputs=$(ls "$set_dir" | grep -v '^truth.json$' | sed "s|^|$set_dir/|")
  lines=$(ls "$set_dir"/*.log)
  ndjson=$(ls "$set_dir"/*.ndjson)
  bytes=$(cat $inputs | wc -c)
  lbytes=$(cat $lines | wc -c)
  nbytes=$(cat $ndjson | wc -c)
  cat $inputs >/dev/null # warm the page cache
  echo "### $size set: $bytes bytes ($(echo $inputs | wc -w) files), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "| run | time | rate | peak RssAnon |"
  echo "|---|---|---|---|"
  read -r s p < <(measure cat $inputs); row "cat > /dev/null (floor)" "$bytes" "$s" "$p"
  read -r s p < <(measure wc -l $inputs); row "wc -l (newline count)" "$bytes" "$s" "$p"
  # Mapped as afterlog maps them, newlines counted with memchr (best of three; benches/floor.rs).
  cargo bench --bench floor -- $inputs 2>/dev/null | grep '^|'
  for t in 1 2; do
    read -r s p < <(measure "$bin/afterlog" timeline $inputs --tz Europe/Berlin --threads $t -o "$root/t-$size-$t.json")
    row "afterlog timeline --threads $t" "$bytes" "$s" "$p"
  done
  # The same files GNU sort orders: the line formats only.
  read -r s p < <(measure "$bin/afterlog" timeline $lines --tz Europe/Berlin --year 2026 --threads 2 -o "$root/t-$size-lines.json")
  row "afterlog timeline, line formats only" "$lbytes" "$s" "$p"
  read -r s p < <(measure env LC_ALL=C sort -S 25% $lines); row "LC_ALL=C sort, whole lines (line formats)" "$lbytes" "$s" "$p"
  read -r s p < <(measure env LC_ALL=C sort -S 25% -k1,1M -k2,2n -k3,3 $lines); row "LC_ALL=C sort by time keys (line formats)" "$lbytes" "$s" "$p"
  # As an analyst would type it: default buffer, the merged file written out.
  read -r s p < <(measure env LC_ALL=C sort -k1,1M -k2,2n -k3,3 -o "$root/sorted-$size.log" $lines); row "LC_ALL=C sort by time keys -o FILE, defaults" "$lbytes" "$s" "$p"
  rm -f "$root/sorted-$size.log"
  read -r s p < <(measure jq -c 'select(.event.kind == "signal")' $ndjson); row "jq select alerts (NDJSON only)" "$nbytes" "$s" "$p"
  echo
  python3 - "$root/t-$size-2.json" "$set_dir/truth.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))["incident"]
main = next(i for i in t["incidents"] if "203.0.113.77" in i["scope"]["ips"])
got = {p: (main["phases"][p] or {}).get("start") for p in ["compromise", "detection", "containment", "eradication", "recovery"]}
want = {p: truth[p + "_start"] for p in got}
ok = got == want and all(main["metrics"][k] == v for k, v in truth["metrics"].items())
print(f"incident check against truth.json: {'same phases and metrics' if ok else 'DIFFERENT: ' + str(got)}")
PY
  echo
done
