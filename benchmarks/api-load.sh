#!/usr/bin/env bash
# Load test of the reference API with wrk (Debian package `wrk`), on loopback only, bounded in time.
#
#   bash benchmarks/api-load.sh                 # 15 s per scenario, 64 connections, 2 wrk threads
#   DURATION=30s CONNECTIONS=128 bash benchmarks/api-load.sh
#   SYNCHRONOUS=full bash benchmarks/api-load.sh   # audit log with an fsync per commit
#   GROUP_COMMIT=false bash benchmarks/api-load.sh # one audit transaction per request (the first version)
#   SKIP_BUILD=1 … reuses the binaries of the previous run (in $BUILD_DIR)
#
# Builds the API in Release, starts it in Development (development API key and key ring in a temporary data folder,
# logging at Warning as in production, rate limit raised so that it does not answer 429), then runs one wrk scenario
# per endpoint and prints requests/s, latency percentiles and errors. Every request is authenticated by API key,
# rate-limited, audited (hash-chained SQLite log) and answered through the whole pipeline. At the end the audit log
# is verified with `securitykit audit verify`, so the run also shows that the chain stayed intact under load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SYNCHRONOUS=${SYNCHRONOUS:-normal}
GROUP_COMMIT=${GROUP_COMMIT:-true}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d /tmp/sk-api-load.XXXXXX)
bin=${BUILD_DIR:-/tmp/sk-api-load-build}   # kept between runs: the second build is incremental
cleanup() { [ -n "${api:-}" ] && kill "$api" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != 1 ]; then
echo "building the API and the CLI (Release)…" >&2
dotnet build "$root/src/ReferenceApi/SecurityKit.ReferenceApi" -c Release -o "$bin/api" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build "$root/src/Cli/SecurityKit.Cli" -c Release -o "$bin/cli" >"$work/build-cli.log" 2>&1 || { cat "$work/build-cli.log" >&2; exit 1; }
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
(cd "$work" && ASPNETCORE_ENVIRONMENT=Development \
  Api__DataDirectory="$work/data" \
  Api__Audit__Synchronous="$SYNCHRONOUS" \
  Api__Audit__GroupCommit="$GROUP_COMMIT" \
  Api__Protection__PermitsPerWindow=1000000000 \
  Logging__LogLevel__Default=Warning \
  exec dotnet "$bin/api/SecurityKit.ReferenceApi.dll" --urls "$base") >"$work/api.log" 2>&1 &
api=$!
for _ in $(seq 200); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$base/health" >/dev/null || { echo "the API did not start:" >&2; cat "$work/api.log" >&2; exit 1; }
key=$(cat "$work/data/development/api-key.txt")

# Valid national numbers (born 1950–1999: check = 97 − (first nine digits mod 97)), JSON-escaped texts.
python3 - "$work" <<'PY'
import json, random, sys
w = sys.argv[1]; rnd = random.Random(7)
def nn():
    y, m, d, s = rnd.randint(50, 99), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(1, 997)
    base = f"{y:02d}{m:02d}{d:02d}{s:03d}"
    return base + f"{97 - int(base) % 97:02d}"
open(f"{w}/single.json", "w").write(json.dumps({"type": "national-number", "domain": "load", "values": [nn()]}))
open(f"{w}/bulk.txt", "w").write("\n".join(nn() for _ in range(1000)) + "\n")
text = ("Dossier 2026/118: Jan Peeters (rijksregisternummer " + nn() + ") woont in de Kerkstraat 12, 9000 Gent. "
        "Contact: jan.peeters@example.be, +32 470 12 34 56, IBAN BE68 5390 0754 7034. Geboren op 14/03/1985.")
open(f"{w}/scan.json", "w").write(json.dumps({"text": text}))
PY

lua() { # $1 file with the body, $2 content type
  cat >"$work/$(basename "$1").lua" <<LUA
local f = io.open("$1", "rb"); wrk.body = f:read("*a"); f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "$2"
wrk.headers["X-Api-Key"] = "$key"
LUA
  echo "$work/$(basename "$1").lua"
}

run() { # $1 name, $2 path, $3 body file, $4 content type, $5 connections
  echo
  echo "== $1: POST $2 — $5 connections, $DURATION"
  local threads=$(( $5 < THREADS ? $5 : THREADS ))
  wrk -t"$threads" -c"$5" -d"$DURATION" --latency -s "$(lua "$3" "$4")" "$base$2" | sed -n '/Latency Distribution/,$p'
}

echo "API on $base, audit log synchronous=$SYNCHRONOUS group-commit=$GROUP_COMMIT, $(nproc) cores (shared with wrk), load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "pseudonymise one national number" /pseudonymization/pseudonymize "$work/single.json" application/json "$CONNECTIONS"
run "pseudonymise one national number (1 connection: latency)" /pseudonymization/pseudonymize "$work/single.json" application/json 1
run "PII scan (~300 characters, 7 entities)" /pii/scan "$work/scan.json" application/json "$CONNECTIONS"
run "bulk: 1000 national numbers streamed per request" "/pseudonymization/bulk?type=national-number&domain=load" "$work/bulk.txt" text/plain "$CONNECTIONS"

kill "$api"; wait "$api" 2>/dev/null || true; api=
echo
echo "== audit log after the run"
dotnet "$bin/cli/SecurityKit.Cli.dll" audit verify --db "$work/data/audit.db"
