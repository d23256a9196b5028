# Sourced by .ci/run next to toolchain.sh (it uses its `log`): what `pnpm containers:verify` needs.
# shellcheck shell=bash

# podman builds the real Dockerfiles without a Docker daemon (chroot isolation) and runs the
# images; runc is the runtime containers:verify asks for; debootstrap makes the stand-in base images
# the first time (they are then cached in podman's storage).
ensure_podman() {
  if command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null; then
    return
  fi
  log "installing podman, runc, debootstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap >/dev/null
}
