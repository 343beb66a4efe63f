#!/usr/bin/env bash
# Starts the portal on embedded defaults (SQLite files in .data/) and prints where to go.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node/bin:$root/.tools/bin:$PATH"
mkdir -p .data/sqlite
port="${YINXIN_PORT:-7007}"
extra=()
[ -n "${YINXIN_CONFIG:-}" ] && extra+=(--config "$root/$YINXIN_CONFIG")
# A local OpenLDAP directory for the CA's LDAP publication, when slapd is installed (YINXIN_LDAP=off: none).
eval "$(bash scripts/slapd-dev.sh)"
cd packages/backend
export APP_CONFIG_backend_listen_port="$port" APP_CONFIG_backend_baseUrl="http://localhost:$port" APP_CONFIG_app_baseUrl="http://localhost:$port"
yarn backstage-cli package start --config ../../app-config.yaml "${extra[@]}" > "$root/.data/backend.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' INT TERM EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://localhost:$port/.backstage/health/v1/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then tail -40 "$root/.data/backend.log" >&2; exit 1; fi
  sleep 1
done
cat <<MSG

  印信 yinxin is running:  http://localhost:$port
  Log: .data/backend.log     Stop: Ctrl-C

MSG
if [ -f "$root/.data/initial-admin.txt" ]; then
  echo "  First administrator (change the password after signing in):"
  sed 's/^/    /' "$root/.data/initial-admin.txt"
fi
echo
wait $pid
