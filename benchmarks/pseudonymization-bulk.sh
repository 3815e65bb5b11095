#!/usr/bin/env bash
# Bulk pseudonymisation through the real `securitykit` command: a generated CSV file (id,nrn,amount) with --csv, and
# the same national numbers one per line on stdin. Reports wall-clock rows/s (startup included) and the CPU time the
# run used (user + sys), whose ratio shows how much of both cores the pipeline kept busy — on a machine shared with
# other work the wall-clock rate is bounded by the share of CPU the run gets, the CPU-time rate much less so.
# Usage: bash benchmarks/pseudonymization-bulk.sh [ROWS]     (from the repository root; ROWS defaults to 10,000,000)
# Writes benchmarks/results/pseudonymization-bulk.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
results=benchmarks/results
mkdir -p "$results"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dotnet build src/Cli/SecurityKit.Cli -c Release >"$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log"; exit 1; }
cli=(dotnet "$(find src/Cli/SecurityKit.Cli/bin/Release -name SecurityKit.Cli.dll | head -1)")
"${cli[@]}" keys create --out "$tmp/key.json" >/dev/null

python3 - "$rows" "$tmp/in.csv" "$tmp/in.txt" <<'PY'
import random, sys
rows, csv_path, txt_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rnd = random.Random(11)
with open(csv_path, "w") as c, open(txt_path, "w") as t:
    c.write("id,nrn,amount\n")
    for i in range(rows):
        body = (rnd.randrange(100) * 100 + rnd.randrange(1, 13)) * 100_000 + rnd.randrange(1, 29) * 1000 + rnd.randrange(1, 998)
        n = f"{body:09d}{97 - body % 97:02d}"
        c.write(f"{i},{n},{rnd.randrange(100000)}\n")
        t.write(n + "\n")
PY

measure() { # label, then the command; stdin/stdout redirections are given by the caller through bash -c
  local label=$1; shift
  local load; load=$(uptime | sed 's/.*load average: //')
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@"
  read -r wall user sys <"$tmp/time"
  python3 - "$label" "$rows" "$wall" "$user" "$sys" "$load" >>"$tmp/table" <<'PY'
import sys
label, rows, wall, user, sys_ = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
cpu = user + sys_
print(f"| {label} | {rows:,} | {wall:.2f} s | **{rows / wall:,.0f}** | {cpu:.2f} s | {rows / cpu:,.0f} | {cpu / wall:.2f} | {sys.argv[6]} |")
PY
}

measure "CSV (--csv, column nrn)" "${cli[@]}" pseudonymize --type national-number --key-file "$tmp/key.json" --domain bench --csv --in "$tmp/in.csv" --out "$tmp/out.csv" --columns nrn
measure "lines (stdin → stdout)" bash -c "$(printf '%q ' "${cli[@]}") pseudonymize --type national-number --key-file $tmp/key.json --domain bench <$tmp/in.txt >$tmp/out.txt"
[ "$(wc -l <"$tmp/out.csv")" -eq $((rows + 1)) ] || { echo "CSV output has the wrong number of rows"; exit 1; }
[ "$(wc -l <"$tmp/out.txt")" -eq "$rows" ] || { echo "line output has the wrong number of lines"; exit 1; }

{
  echo "# Bulk pseudonymisation through the CLI"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC by \`bash benchmarks/pseudonymization-bulk.sh $rows\` on $(nproc) cores ($(uname -m)); national numbers, disjoint mode, process startup included."
  echo "**The machine is shared with other engineers' builds and tests: the load average is given per run; the wall-clock rate is bounded by the CPU share the run gets.**"
  echo
  echo "| run | rows | wall | rows/s (wall) | CPU (user+sys) | rows per CPU-second | cores busy (CPU/wall) | load average at start |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$tmp/table"
} >"$results/pseudonymization-bulk.md"
cat "$results/pseudonymization-bulk.md"
