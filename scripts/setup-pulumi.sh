#!/usr/bin/env bash
# Makes the Pulumi CLI (>= 3.216) and the Node.js pieces it needs available, offline.
#
#   1. a `pulumi` already on PATH (>= 3.216) together with a pulumi-language-nodejs → used as is;
#   2. otherwise .tools/bin (gitignored) holds a CLI built by this script; reused when its stamp
#      matches the pinned versions (a second run takes a second or two);
#   3. otherwise builds it with Go from the Go module proxy, as tool dependencies of the small
#      module tools/pulumi-cli (pinned in its go.mod/go.sum):
#        .tools/bin/pulumi                          github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
#        .tools/bin/pulumi-language-nodejs          github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
#                                                   (module tools/pulumi-language-nodejs; see tools/README.md)
#        .tools/bin/pulumi-resource-pulumi-nodejs   launcher shipped in node_modules/@pulumi/pulumi
#
# Progress goes to stderr; the LAST line on stdout is the directory to put first on PATH.
# Needs: go >= 1.25 (only for a build), node, and `npm ci` done (for the launcher).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PIN_VERSION="3.248.0"     # same as the @pulumi/pulumi dev dependency
MIN_VERSION="3.216.0"     # ReadResult.inputs, configure() for dynamic providers
BIN="$ROOT/.tools/bin"
MODULE_DIR="$ROOT/tools/pulumi-cli"
# Pulumi's own Node.js language host. The Go proxy refuses its newer home
# (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), so it is built from the last
# sdk/v3 release that still contains it, in a module of its own (tools/README.md).
HOST_MODULE_DIR="$ROOT/tools/pulumi-language-nodejs"
HOST_VERSION="3.68.0"
LAUNCHER_SRC="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

export PULUMI_SKIP_UPDATE_CHECK=true
log() { echo "setup-pulumi: $*" >&2; }

# version_ge A B  → true when semver A >= B (numeric major.minor.patch only).
version_ge() {
  local a b
  IFS=. read -r -a a <<<"${1%%-*}"
  IFS=. read -r -a b <<<"${2%%-*}"
  for i in 0 1 2; do
    if (( ${a[i]:-0} > ${b[i]:-0} )); then return 0; fi
    if (( ${a[i]:-0} < ${b[i]:-0} )); then return 1; fi
  done
  return 0
}

# 1. A suitable CLI already installed on this machine (not our own .tools/bin).
if existing="$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -vxF "$BIN" | paste -sd: -)" command -v pulumi 2>/dev/null)"; then
  v="$("$existing" version 2>/dev/null | head -n1 | sed 's/^v//')" || v=""
  dir="$(dirname "$existing")"
  if [[ -n "$v" ]] && version_ge "$v" "$MIN_VERSION" \
     && { [[ -x "$dir/pulumi-language-nodejs" ]] || command -v pulumi-language-nodejs >/dev/null; }; then
    log "using pulumi v$v at $existing"
    if [[ -x "$dir/pulumi-resource-pulumi-nodejs" ]] || command -v pulumi-resource-pulumi-nodejs >/dev/null; then
      echo "$dir"
      exit 0
    fi
    # The launcher is missing next to that CLI: provide ours alongside.
    mkdir -p "$BIN"
    cp "$LAUNCHER_SRC" "$BIN/pulumi-resource-pulumi-nodejs.tmp.$$"
    chmod +x "$BIN/pulumi-resource-pulumi-nodejs.tmp.$$"
    mv -f "$BIN/pulumi-resource-pulumi-nodejs.tmp.$$" "$BIN/pulumi-resource-pulumi-nodejs"
    echo "$BIN:$dir"
    exit 0
  fi
  log "ignoring $existing (version '${v:-unknown}', need >= $MIN_VERSION with pulumi-language-nodejs)"
fi

if [[ ! -f "$LAUNCHER_SRC" ]]; then
  log "missing $LAUNCHER_SRC — run 'npm ci' first"
  exit 1
fi

# Test files run in parallel processes and each calls this script: one builds, the others wait
# for it and then find the stamp.
mkdir -p "$BIN"
if command -v flock >/dev/null; then
  exec 9>"$ROOT/.tools/setup-pulumi.lock"
  flock 9
fi

# 2. Our own build, if it is current. The stamp covers the pin, the Go module and the host source.
stamp_input() {
  echo "pulumi v$PIN_VERSION"
  echo "pulumi-language-nodejs v$HOST_VERSION"
  cat "$MODULE_DIR/go.mod" "$MODULE_DIR/go.sum" "$HOST_MODULE_DIR/go.mod" "$HOST_MODULE_DIR/go.sum"
}
STAMP="$(stamp_input | sha256sum | cut -d' ' -f1)"
STAMP_FILE="$BIN/.stamp"
# Replaced atomically and only when it differs: a running deployment may be executing it.
refresh_launcher() {
  local dest="$BIN/pulumi-resource-pulumi-nodejs"
  if ! cmp -s "$LAUNCHER_SRC" "$dest"; then
    cp "$LAUNCHER_SRC" "$dest.tmp.$$"
    chmod +x "$dest.tmp.$$"
    mv -f "$dest.tmp.$$" "$dest"
  fi
}
if [[ -x "$BIN/pulumi" && -x "$BIN/pulumi-language-nodejs" && -f "$STAMP_FILE" \
      && "$(cat "$STAMP_FILE")" == "$STAMP" ]]; then
  refresh_launcher
  log "pulumi v$PIN_VERSION already built in $BIN"
  echo "$BIN"
  exit 0
fi

# 3. Build.
if ! command -v go >/dev/null; then
  log "no pulumi >= $MIN_VERSION on PATH and no Go toolchain to build one (need go >= 1.25)"
  exit 1
fi
log "building pulumi v$PIN_VERSION with $(go version) — the first build takes several minutes"
mkdir -p "$BIN"
rm -f "$STAMP_FILE"
LDFLAGS="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PIN_VERSION"
start=$SECONDS
HOST_LDFLAGS="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$HOST_VERSION"
(
  # Dependencies come only from go.mod/go.sum; nothing is resolved afresh.
  export GOFLAGS="${GOFLAGS:-} -mod=readonly"
  cd "$MODULE_DIR"
  go build -o "$BIN/pulumi.tmp" -ldflags "$LDFLAGS" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  cd "$HOST_MODULE_DIR"
  go build -o "$BIN/pulumi-language-nodejs.tmp" -ldflags "$HOST_LDFLAGS" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
)
mv "$BIN/pulumi.tmp" "$BIN/pulumi"
mv "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
refresh_launcher
echo "$STAMP" >"$STAMP_FILE"
log "built in $((SECONDS - start))s: $("$BIN/pulumi" version)"
echo "$BIN"
