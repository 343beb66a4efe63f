#!/usr/bin/env bash
# Installs the workspace's dependencies with the pinned Yarn when they are missing or stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node/bin:$root/.tools/bin:$PATH"
export npm_config_nodedir="$root/.tools/node"
registry="$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)"
export YARN_NPM_REGISTRY_SERVER="${registry%/}"
stamp=node_modules/.yinxin-deps
sum="$(cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then exit 0; fi
echo "deps: yarn install (first time: a few minutes; native modules build from source)" >&2
yarn install --immutable 2>&1 | grep -vE 'YN0060|YN0002|YN0086|YN0013' || { echo 'yarn install failed' >&2; exit 1; }
[ -d node_modules/better-sqlite3 ] || { echo 'better-sqlite3 missing after install' >&2; exit 1; }
echo "$sum" > "$stamp"
