# Sourced by .ci/run (and usable by hand): the system services and programs the tests need, on top
# of Node and pnpm (scripts/toolchain.sh, which ./hexad uses too). Every step checks first and
# installs only what is missing, so running it twice is cheap.
# shellcheck shell=bash

log() { printf '\033[1m[ci]\033[0m %s\n' "$*"; }

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
