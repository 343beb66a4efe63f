#!/usr/bin/env bash
# Builds the frontend bundle (served by the backend) when its sources changed since the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node/bin:$root/.tools/bin:$PATH"
# Every frontend plugin (and the common packages they share) goes into the bundle.
frontend_plugins="$(grep -l '"role": "frontend-plugin"' plugins/*/package.json | xargs -n1 dirname | tr '\n' ' ')"
sum="$(find packages/app packages/ops-react packages/ops-common plugins/*-common $frontend_plugins -path '*/node_modules' -prune -o -path '*/dist' -prune -o -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
stamp=packages/app/dist/.yinxin-build
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then exit 0; fi
echo "build-app: building the frontend (1–3 minutes on 2 cores)" >&2
(cd packages/app && yarn backstage-cli package build --config ../../app-config.yaml) >/tmp/yinxin-build-app.log 2>&1 || { tail -40 /tmp/yinxin-build-app.log >&2; exit 1; }
echo "$sum" > "$stamp"
