#!/usr/bin/env bash
# Sign and verify rates of SecurityKit next to `openssl speed` for RSA-3072, ECDSA-P256 and Ed25519, measured on
# the same machine one right after the other. Writes benchmarks/results/crypto-vs-openssl.md.
# Usage: bash benchmarks/crypto-vs-openssl.sh            (from the repository root; about two minutes)
# The issue's target: our classic algorithms reach at least 0.8 of OpenSSL's sign rate.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${OPENSSL_SECONDS:-3}
results=benchmarks/results
mkdir -p "$results"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dotnet build benchmarks/SecurityKit.Benchmarks -c Release >"$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log"; exit 1; }

openssl version >"$tmp/openssl-version"
openssl speed -seconds "$seconds" rsa3072 ecdsap256 ed25519 >"$tmp/openssl.txt" 2>/dev/null

SECURITYKIT_BENCH_ALGORITHMS="RSA-3072-PKCS1-SHA256,ECDSA-P256-SHA256,Ed25519" \
  dotnet run -c Release --no-build --project benchmarks/SecurityKit.Benchmarks -- \
  --filter '*CryptoMigrationSignatureBenchmarks.Sign*' '*CryptoMigrationSignatureBenchmarks.Verify*' \
  >"$tmp/bdn.log" 2>&1 || { tail -30 "$tmp/bdn.log"; exit 1; }

python3 - "$tmp/openssl.txt" BenchmarkDotNet.Artifacts "$tmp/openssl-version" "$results/crypto-vs-openssl.md" <<'PY'
import csv, glob, re, sys, datetime, os
openssl_txt, bdn_dir, version_file, out = sys.argv[1:5]
text = open(openssl_txt).read()
ossl = {}
m = re.search(r"rsa\s+3072 bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", text)
if m: ossl["RSA-3072-PKCS1-SHA256"] = (float(m.group(1)), float(m.group(2)))
m = re.search(r"256 bits ecdsa \(nistp256\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", text)
if m: ossl["ECDSA-P256-SHA256"] = (float(m.group(1)), float(m.group(2)))
m = re.search(r"253 bits EdDSA \(Ed25519\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", text)
if m: ossl["Ed25519"] = (float(m.group(1)), float(m.group(2)))
ours = {}
paths = sorted(glob.glob(os.path.join(bdn_dir, "results", "*CryptoMigrationSignatureBenchmarks-report.csv")), key=os.path.getmtime)
for path in paths[-1:]:
    for row in csv.DictReader(open(path)):
        ops = float(row["Op/s"].replace(",", ""))
        name = row["Algorithm"]
        if "(...)" in name:  # BenchmarkDotNet shortens long parameter values: "RSA-3(...)HA256 [21]"
            head, tail = name.split("(...)")
            tail = tail.split(" [")[0]
            name = next(n for n in ("RSA-3072-PKCS1-SHA256", "ECDSA-P256-SHA256") if n.startswith(head) and n.endswith(tail))
        ours[(name, row["Method"])] = ops
lines = ["# SecurityKit vs `openssl speed`", "",
         f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC by `bash benchmarks/crypto-vs-openssl.sh`, {open(version_file).read().strip()}, one after the other on the same machine.",
         "**The machine is shared with other builds and was heavily loaded: rates are low and noisy; the ratio is the figure to read.**",
         "OpenSSL signs a precomputed digest in `openssl speed`; SecurityKit's figure includes hashing a 1 KiB message.", "",
         "| algorithm | OpenSSL sign/s | SecurityKit sign/s | ratio | OpenSSL verify/s | SecurityKit verify/s | ratio |", "|---|---|---|---|---|---|---|"]
for name in ["RSA-3072-PKCS1-SHA256", "ECDSA-P256-SHA256", "Ed25519"]:
    o = ossl.get(name); s = ours.get((name, "Sign")); v = ours.get((name, "Verify"))
    if not o or s is None:
        lines.append(f"| {name} | {'%.0f' % o[0] if o else '-'} | {'%.0f' % s if s else '-'} | - | | | |"); continue
    lines.append(f"| {name} | {o[0]:.0f} | {s:.0f} | {s/o[0]:.2f} | {o[1]:.0f} | {v:.0f} | {v/o[1]:.2f} |")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
