#!/usr/bin/env bash
# The CPU-time comparison with `openssl speed`: MODE=cpu of crypto-vs-openssl.sh (this name is kept for existing commands).
MODE=cpu exec bash "$(dirname "$0")/crypto-vs-openssl.sh" "$@"
