#!/usr/bin/env bash
# Load test of the reference API with wrk (Debian package `wrk`), on loopback only, bounded in time.
#
#   bash benchmarks/api-load.sh                 # 15 s per scenario, 64 connections, 2 wrk threads
#   DURATION=30s CONNECTIONS=128 bash benchmarks/api-load.sh
#   SYNCHRONOUS=full bash benchmarks/api-load.sh   # audit log with an fsync per commit
#   GROUP_COMMIT=false bash benchmarks/api-load.sh # one audit transaction per request (the first version)
#   SKIP_BUILD=1 … reuses the binaries of the previous run (in $BUILD_DIR)
#   AUDIT=postgresql bash benchmarks/api-load.sh   # audit log in a PostgreSQL started here (durable defaults)
#   AUDIT=postgresql NODES=2 bash benchmarks/api-load.sh  # two API nodes extending one PostgreSQL audit chain;
#                                                  # half the connections on each node, two wrk at once
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
AUDIT=${AUDIT:-sqlite}
NODES=${NODES:-1}
[ "$NODES" = 1 ] || [ "$AUDIT" = postgresql ] || { echo "NODES=2 needs AUDIT=postgresql (one chain for both nodes)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d /tmp/sk-api-load.XXXXXX)
bin=${BUILD_DIR:-/tmp/sk-api-load-build}   # kept between runs: the second build is incremental
pg=
cleanup() {
  [ -n "${api:-}" ] && kill "$api" 2>/dev/null
  [ -n "${api2:-}" ] && kill "$api2" 2>/dev/null
  wait 2>/dev/null || true
  [ -n "$pg" ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg/data" -m fast stop >/dev/null 2>&1
  [ -n "$pg" ] && rm -rf "$pg"
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

audit_env=()
if [ "$AUDIT" = postgresql ]; then
  # PostgreSQL refuses to run as root: a throw-away cluster owned by the postgres user, loopback only, with the
  # server's durable defaults (fsync, synchronous_commit on): what a production audit log would run with.
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg=$(mktemp -d /tmp/sk-api-load-pg.XXXXXX); chmod 755 "$pg"; chown postgres:postgres "$pg"
  pgport=$(free_port)
  runuser -u postgres -- "$pgbin/initdb" -D "$pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$work/initdb.log" 2>&1
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w \
    -o "-p $pgport -k $pg -h 127.0.0.1 -c max_connections=200" start >/dev/null
  runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres audit
  audit_conn="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=audit"
  audit_env=(Api__Audit__Store=postgresql "Api__Audit__ConnectionString=$audit_conn")
fi

if [ "${SKIP_BUILD:-}" != 1 ]; then
echo "building the API and the CLI (Release)…" >&2
dotnet build "$root/src/ReferenceApi/SecurityKit.ReferenceApi" -c Release -o "$bin/api" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build "$root/src/Cli/SecurityKit.Cli" -c Release -o "$bin/cli" >"$work/build-cli.log" 2>&1 || { cat "$work/build-cli.log" >&2; exit 1; }
fi

start_api() { # $1 base URL, $2 log file; both nodes share the data folder (development key ring and API key)
  (cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Development \
    Api__DataDirectory="$work/data" \
    Api__Audit__Synchronous="$SYNCHRONOUS" \
    Api__Audit__GroupCommit="$GROUP_COMMIT" \
    Api__Protection__PermitsPerWindow=1000000000 \
    Logging__LogLevel__Default=Warning \
    "${audit_env[@]}" \
    dotnet "$bin/api/SecurityKit.ReferenceApi.dll" --urls "$1") >"$2" 2>&1 &
}
wait_api() { # $1 base URL, $2 log file
  for _ in $(seq 200); do curl -sf "$1/health" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf "$1/health" >/dev/null || { echo "the API did not start:" >&2; cat "$2" >&2; exit 1; }
}
base="http://127.0.0.1:$(free_port)"
start_api "$base" "$work/api.log"; api=$!
wait_api "$base" "$work/api.log"
api2=
if [ "$NODES" = 2 ]; then
  base2="http://127.0.0.1:$(free_port)"
  start_api "$base2" "$work/api2.log"; api2=$!
  wait_api "$base2" "$work/api2.log"
fi
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
  local script; script=$(lua "$3" "$4")
  if [ "$NODES" = 2 ] && [ "$5" -gt 1 ]; then
    # Half the connections on each node, at the same time; add the two Requests/sec for the total.
    local half=$(( $5 / 2 )) t=$(( THREADS / 2 > 0 ? THREADS / 2 : 1 ))
    echo "== $1: POST $2 — $half connections on each of 2 nodes, $DURATION"
    wrk -t"$t" -c"$half" -d"$DURATION" --latency -s "$script" "$base2$2" >"$work/wrk2.out" &
    local other=$!
    echo "-- node A"; wrk -t"$t" -c"$half" -d"$DURATION" --latency -s "$script" "$base$2" | sed -n '/Latency Distribution/,$p'
    wait "$other"; echo "-- node B"; sed -n '/Latency Distribution/,$p' "$work/wrk2.out"
    return
  fi
  echo "== $1: POST $2 — $5 connections, $DURATION"
  local threads=$(( $5 < THREADS ? $5 : THREADS ))
  wrk -t"$threads" -c"$5" -d"$DURATION" --latency -s "$script" "$base$2" | sed -n '/Latency Distribution/,$p'
}

echo "API on $base${base2:+ and $base2}, audit log $AUDIT synchronous=$SYNCHRONOUS group-commit=$GROUP_COMMIT, $(nproc) cores (shared with wrk), load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "pseudonymise one national number" /pseudonymization/pseudonymize "$work/single.json" application/json "$CONNECTIONS"
run "pseudonymise one national number (1 connection: latency)" /pseudonymization/pseudonymize "$work/single.json" application/json 1
run "PII scan (~300 characters, 7 entities)" /pii/scan "$work/scan.json" application/json "$CONNECTIONS"
run "bulk: 1000 national numbers streamed per request" "/pseudonymization/bulk?type=national-number&domain=load" "$work/bulk.txt" text/plain "$CONNECTIONS"

kill "$api" ${api2:+"$api2"}; wait "$api" ${api2:+"$api2"} 2>/dev/null || true; api=; api2=
# Non-2xx answers are counted by wrk but not explained: show what the nodes logged (Warning and above), except
# the development-credentials notice every node logs at start (it holds the throw-away key).
logged=$(awk '/^(warn|fail|crit|info|dbug|trce):/ { if (block != "" && block !~ /DEVELOPMENT ONLY/ && block ~ /^(warn|fail|crit)/) print block; block = $0; next }
              { block = block "\n" $0 }
              END { if (block != "" && block !~ /DEVELOPMENT ONLY/ && block ~ /^(warn|fail|crit)/) print block }' "$work"/api*.log)
echo
echo "== API log: $(printf '%s' "$logged" | grep -cE '^(warn|fail|crit):' || true) warnings or errors"
printf '%b\n' "$logged" | head -40
echo
echo "== audit log after the run"
if [ "$AUDIT" = postgresql ]; then
  dotnet "$bin/cli/SecurityKit.Cli.dll" audit verify --postgres "$audit_conn"
else
  dotnet "$bin/cli/SecurityKit.Cli.dll" audit verify --db "$work/data/audit.db"
fi
