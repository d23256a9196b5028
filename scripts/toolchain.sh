# Sourced by ./hexad and by .ci/run: gives this shell the Node and the pnpm hexad is built with.
# Node: the major in .nvmrc, used as is when the PATH has it, else the official binary from the npm
# package node-<os>-<arch> (the npm registry is the one download every machine here can reach).
# pnpm: the version pinned in package.json's packageManager, used as is when the PATH has it, else
# installed with npm. Both go into .tools/ in the checkout (git-ignored): no root, no corepack
# (its signature check fails behind some proxies), nothing outside the repository. Every step
# checks first, so running it again costs milliseconds.
# shellcheck shell=bash

HEXAD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HEXAD_TOOLS=${HEXAD_TOOLS:-$HEXAD_ROOT/.tools}
NODE_MAJOR=$(cat "$HEXAD_ROOT/.nvmrc")

# pnpm's "Update available" box is noise here: the version is the one pinned, on purpose.
export npm_config_update_notifier=false

toolchain_say() { printf '\033[1m[hexad]\033[0m %s\n' "$*" >&2; }

has_wanted_node() {
  [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$NODE_MAJOR" ]
}

# The npm package that carries the official Node binary for this machine.
node_package() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) os=unsupported ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch=unsupported ;;
  esac
  echo "node-$os-$arch@$NODE_MAJOR"
}

ensure_node() {
  if [ -x "$HEXAD_TOOLS/bin/node" ]; then export PATH="$HEXAD_TOOLS/bin:$PATH"; fi
  if has_wanted_node; then return; fi
  if ! command -v npm >/dev/null; then
    toolchain_say "hexad needs Node $NODE_MAJOR, and npm (any version) to fetch it: install npm (e.g. apt-get install -y npm), then run this again"
    return 1
  fi
  local package tmp
  package=$(node_package)
  toolchain_say "getting Node $NODE_MAJOR ($package from the npm registry) into $HEXAD_TOOLS"
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz); then
    rm -rf "$tmp"
    toolchain_say "could not fetch $package: install Node $NODE_MAJOR yourself (https://nodejs.org) and run this again"
    return 1
  fi
  mkdir -p "$HEXAD_TOOLS"
  local dir
  for dir in bin include lib share; do
    if [ -d "$tmp/package/$dir" ]; then cp -R "$tmp/package/$dir" "$HEXAD_TOOLS/"; fi
  done
  rm -rf "$tmp"
  export PATH="$HEXAD_TOOLS/bin:$PATH"
  toolchain_say "Node $(node --version) in $HEXAD_TOOLS/bin"
}

# A corepack shim may stand where pnpm should be: it must neither prompt nor be taken for pnpm.
pnpm_version() {
  COREPACK_ENABLE_DOWNLOAD_PROMPT=0 pnpm --version </dev/null 2>/dev/null
}

ensure_pnpm() {
  local want
  want=$(node -p "require('$HEXAD_ROOT/package.json').packageManager.split('@')[1]")
  if [ "$(pnpm_version)" = "$want" ]; then return; fi
  toolchain_say "getting pnpm $want into $HEXAD_TOOLS"
  npm install --global --silent --no-fund --no-audit --prefix "$HEXAD_TOOLS" "pnpm@$want"
  export PATH="$HEXAD_TOOLS/bin:$PATH"
  hash -r
}

ensure_toolchain() {
  ensure_node
  ensure_pnpm
}

INSTALL_STAMP="$HEXAD_ROOT/node_modules/.hexad-installed"
mark_installed() { touch "$INSTALL_STAMP"; }

# `pnpm install` when nothing is installed yet or a manifest, the lockfile or the workspace list
# changed since the last install through here (a no-op install still takes seconds).
ensure_dependencies() {
  if [ -f "$INSTALL_STAMP" ] && [ -z "$(
    cd "$HEXAD_ROOT" && find . \( -name node_modules -o -name .git -o -name .tools \) -prune -o \
      \( -name package.json -o -name pnpm-lock.yaml -o -name pnpm-workspace.yaml \) \
      -newer "$INSTALL_STAMP" -print -quit
  )" ]; then
    return
  fi
  (cd "$HEXAD_ROOT" && pnpm install "$@")
  mark_installed
}
