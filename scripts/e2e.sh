#!/usr/bin/env bash
# End-to-end journeys: builds the frontend, starts the portal on a fresh SQLite data folder with the
# demo users, runs the Playwright journeys (node's test runner) in Debian's chromium, stops it.
# Usage: scripts/e2e.sh RESULT_JSON
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node/bin:$root/.tools/bin:$PATH"
out="${1:-$root/.data/e2e-result.json}"
echo '{"passed":0,"failed":1}' > "$out"
command -v chromium >/dev/null || { echo "e2e: chromium missing (apt-get install chromium)"; exit 1; }
bash scripts/build-app.sh || exit 1
port="${YINXIN_E2E_PORT:-7017}"
data="$root/.data/e2e"
rm -rf "$data"; mkdir -p "$data"
(
  cd packages/backend
  export APP_CONFIG_backend_listen_port="$port" APP_CONFIG_backend_baseUrl="http://localhost:$port" \
    APP_CONFIG_app_baseUrl="http://localhost:$port" APP_CONFIG_backend_database_connection_directory="$data" \
    APP_CONFIG_yinxin_accounts_initialAdmin_credentialsFile="$data/initial-admin.txt" APP_CONFIG_yinxin_training_storageDir="$data/training"
  exec yarn backstage-cli package start --config ../../app-config.yaml --config ../../app-config.e2e.yaml
) > "$root/.data/e2e-backend.log" 2>&1 &
pid=$!
cleanup() { pkill -P $pid 2>/dev/null; kill $pid 2>/dev/null; wait $pid 2>/dev/null; }
trap cleanup EXIT
ready=0
for _ in $(seq 1 180); do
  if curl -fs "http://localhost:$port/.backstage/health/v1/readiness" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 1
done
[ $ready = 1 ] || { echo "e2e: backend did not start"; tail -50 "$root/.data/e2e-backend.log"; exit 1; }
# The journeys first, then the offline audit checks over what they wrote (order matters).
status=0
pass=0
failn=0
for file in tickets.test.mts ca.test.mts seal.test.mts monitor.test.mts roster.test.mts training.test.mts admin.test.mts audit-cli.test.mts; do
  tap="$root/.data/e2e-${file%.test.mts}.tap"
  YINXIN_E2E_DATA="$data" YINXIN_URL="http://localhost:$port" node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "packages/app/e2e/$file" || status=1
  p=$(grep -E '^# pass ' "$tap" | awk '{print $3}')
  f=$(grep -E '^# fail ' "$tap" | awk '{print $3}')
  pass=$((pass + ${p:-0}))
  failn=$((failn + ${f:-1}))
done
echo "{\"passed\":$pass,\"failed\":$failn}" > "$out"
exit $status
