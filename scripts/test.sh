#!/usr/bin/env bash
# The whole test suite: type check, unit and integration tests (SQLite, and PostgreSQL when one is
# reachable), and the end-to-end journeys in Debian's chromium. Prints "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node/bin:$root/.tools/bin:$PATH"
export TZ=UTC
results="$root/.data/test-results"
rm -rf "$results"; mkdir -p "$results"
fail=0

# PostgreSQL: use the one CI starts (or any at localhost:5432 with postgres/postgres).
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  if PGPASSWORD=postgres psql -h localhost -U postgres -c 'select 1' >/dev/null 2>&1; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@localhost:5432
  fi
fi
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  echo "test: PostgreSQL at ${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING##*@} — backend suites run on SQLite and PostgreSQL"
else
  echo "test: no PostgreSQL reachable — backend suites run on SQLite only (CI provides PostgreSQL)"
  [ -n "${CI:-}" ] && { echo "test: CI must provide PostgreSQL"; exit 1; }
fi

echo "== type check"
yarn tsc --noEmit -p tsconfig.json || fail=1

echo "== unit and integration tests"
yarn backstage-cli repo test --watchAll=false --ci --json --outputFile="$results/jest.json" || fail=1

echo "== end-to-end (Playwright in Debian chromium)"
bash scripts/e2e.sh "$results/e2e.json" || fail=1

node -e '
const fs=require("fs");let p=0,f=0;
try{const j=JSON.parse(fs.readFileSync(process.argv[1]));p+=j.numPassedTests;f+=j.numFailedTests+(j.numRuntimeErrorTestSuites||0)}catch{f+=1}
try{const e=JSON.parse(fs.readFileSync(process.argv[2]));p+=e.passed;f+=e.failed}catch{f+=1}
console.log(`${p} passed, ${f} failed`);process.exit(f?1:0)' "$results/jest.json" "$results/e2e.json" || fail=1
exit $fail
