#!/usr/bin/env bash
# Regenerates every golden fixture under test/fixtures from real PyTorch.
# Needs Debian's python3-torch: apt-get install -y python3-torch (torch 1.13 under /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${TORCH_PYTHON:-/usr/bin/python3}
"$PY" -c "import torch" || { echo "python3-torch is not installed for $PY" >&2; exit 1; }
# The op table (test/opinfo/*.ts) is TypeScript: build it and dump its samples for opinfo_cases.py.
node scripts/build-wasm.mjs # src/backend/wasm_binary.ts, which tsc needs
echo "== npx tsc -p ."
npx tsc -p . || echo "warning: tsc reported type errors; dumping the op table with what it emitted" >&2
echo "== node dist/test/opinfo/dump.js --write"
node dist/test/opinfo/dump.js --write
for script in scripts/golden/*.py; do
  echo "== $script"
  "$PY" "$script"
done
