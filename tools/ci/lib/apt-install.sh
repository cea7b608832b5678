# Sourced by tools/ci/install-*.sh: apt_install NAME PACKAGE... installs Debian packages quietly
# (root or sudo; waits for the dpkg lock), printing apt's output only when it fails.
apt_install() {
  local name=$1
  shift
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "$name: need root (or sudo) to apt-get install $*" >&2
      return 1
    fi
  fi
  local log
  log=$(mktemp)
  echo "$name: apt-get install $* (takes a few minutes)"
  if ! { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    echo "$name: apt-get failed; its output:" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}
