#!/usr/bin/env bash
# Sign rates of SecurityKit next to `openssl speed`, both in CPU time, for RSA-3072, ECDSA-P256 and Ed25519.
# Companion of crypto-vs-openssl.sh (wall-clock): on a shared, loaded machine wall-clock rates of a .NET benchmark swing
# several-fold between seconds, while CPU time (user + system of the measuring process) barely moves. `openssl speed`
# without -elapsed divides by CPU time; benchmarks/CryptoCpuTime/crypto-sign-cpu.cs does the same for SecurityKit
# (median of 5 batches of 0.4 s CPU each, after warm-up). ROUNDS interleaved rounds (default 3); per-round ratios and
# their median go to benchmarks/results/crypto-vs-openssl-cpu.md.
# Usage: bash benchmarks/crypto-vs-openssl-cpu.sh     (from the repository root; about 1 minute per round)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
results=benchmarks/results
mkdir -p "$results"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl version >"$tmp/openssl-version"
nproc >"$tmp/nproc"
for round in $(seq 1 "$rounds"); do
  uptime >"$tmp/load-$round.txt"
  openssl speed -seconds 2 rsa3072 ecdsap256 ed25519 >"$tmp/openssl-$round.txt" 2>/dev/null
  (cd benchmarks/CryptoCpuTime && dotnet run -c Release crypto-sign-cpu.cs) >"$tmp/ours-$round.txt" 2>"$tmp/ours-$round.err" \
    || { tail -20 "$tmp/ours-$round.err"; exit 1; }
  echo "round $round/$rounds done" >&2
done
python3 - "$tmp" "$rounds" "$results/crypto-vs-openssl-cpu.md" <<'PY'
import re, sys, datetime, statistics
tmp, rounds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = ["RSA-3072-PKCS1-SHA256", "ECDSA-P256-SHA256", "Ed25519"]
patterns = {
    "RSA-3072-PKCS1-SHA256": r"rsa\s+3072 bits\s+\S+\s+\S+\s+([\d.]+)",
    "ECDSA-P256-SHA256": r"256 bits ecdsa \(nistp256\)\s+\S+\s+\S+\s+([\d.]+)",
    "Ed25519": r"253 bits EdDSA \(Ed25519\)\s+\S+\s+\S+\s+([\d.]+)",
}
rows = {n: [] for n in names}
dotnet = {"dotnet ECDsa.TrySignData ECDSA-P256-SHA256": [], "dotnet ECDsa.TrySignHash ECDSA-P256-SHA256": []}
loads = []
for r in range(1, rounds + 1):
    text = open(f"{tmp}/openssl-{r}.txt").read()
    ours = {}
    for line in open(f"{tmp}/ours-{r}.txt"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 4:
            ours[parts[0]] = float(parts[1])
    loads.append(open(f"{tmp}/load-{r}.txt").read().split("load average:")[-1].strip())
    for n in names:
        m = re.search(patterns[n], text)
        if m and f"SecurityKit {n}" in ours:
            rows[n].append((float(m.group(1)), ours[f"SecurityKit {n}"]))
    ossl_ec = re.search(patterns["ECDSA-P256-SHA256"], text)
    for k in dotnet:
        if k in ours and ossl_ec:
            dotnet[k].append(ours[k] / float(ossl_ec.group(1)))
lines = ["# SecurityKit vs `openssl speed`, CPU time", "",
         f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `bash benchmarks/crypto-vs-openssl-cpu.sh` "
         f"({rounds} interleaved rounds), {open(f'{tmp}/openssl-version').read().strip()}, {open(f'{tmp}/nproc').read().strip()} cores.",
         "Both sides divide by CPU time (`openssl speed` without `-elapsed`; SecurityKit: user + system time of the process, "
         "median of 5 batches). `openssl speed` signs a precomputed 20-byte buffer with a prepared context; SecurityKit's "
         "figure includes hashing a 1 KiB message.",
         f"Load average at the start of each round (1, 5, 15 min): {'; '.join(loads)}.", "",
         "| algorithm | OpenSSL sign/s (median) | SecurityKit sign/s (median) | **sign ratio, median of rounds** | per round |",
         "|---|---|---|---|---|"]
for n in names:
    rs = rows[n]
    if not rs:
        lines.append(f"| {n} | - | - | - | - |"); continue
    ratios = [s / o for o, s in rs]
    lines.append(f"| {n} | {statistics.median(o for o, _ in rs):,.0f} | {statistics.median(s for _, s in rs):,.0f} | "
                 f"**{statistics.median(ratios):.2f}** | {', '.join(f'{x:.2f}' for x in ratios)} |")
lines += ["", "Same rounds, .NET's own ECDSA path on the same key, relative to OpenSSL's ECDSA-P256 sign rate: " +
          "; ".join(f"{k.replace('dotnet ', '')}: median {statistics.median(v):.2f}" for k, v in dotnet.items() if v) + "."]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
