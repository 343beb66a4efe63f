#!/usr/bin/env bash
# Benchmarks of the hot paths; prints Markdown tables (copy them into docs/benchmarks.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node/bin:$root/.tools/bin:$PATH"
node --require @backstage/cli/config/nodeTransform.cjs plugins/tickets-backend/src/bench/ticketsBench.ts
node --require @backstage/cli/config/nodeTransform.cjs packages/gm/src/bench/gmBench.ts
node --require @backstage/cli/config/nodeTransform.cjs plugins/ca-backend/src/bench/caBench.ts
node --require @backstage/cli/config/nodeTransform.cjs plugins/ca-backend/src/bench/crlBench.ts
node --require @backstage/cli/config/nodeTransform.cjs plugins/ca-backend/src/bench/ocspBench.ts
# The seal API runs inside a Backstage test backend (with the CA plugin), which needs jest.
(cd plugins/seal-backend && YINXIN_BENCH=1 CI=true node "$root/node_modules/@backstage/cli/bin/backstage-cli" package test src/bench 2>/dev/null | grep -E '^(\||Seal API)' || true)
node --require @backstage/cli/config/nodeTransform.cjs plugins/monitor-backend/src/bench/seriesBench.ts
node --require @backstage/cli/config/nodeTransform.cjs plugins/monitor-backend/src/bench/probeBench.ts
node --require @backstage/cli/config/nodeTransform.cjs plugins/roster-backend/src/bench/rosterBench.ts
node --require @backstage/cli/config/nodeTransform.cjs plugins/training-backend/src/bench/searchBench.ts
