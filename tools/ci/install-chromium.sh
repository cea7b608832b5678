#!/usr/bin/env bash
# Installs what the browser test of @contrastive/report needs on a Debian machine:
#   - Debian's chromium at /usr/bin/chromium (driven by playwright-core; playwright's own browser
#     download is not used: it cannot be fetched on this project's machines)
#   - fonts-dejavu-core, so the report page's text renders with a real font in chromium
# PNG rendering in Node does not need this script: it uses the DejaVu TTFs of the npm package
# dejavu-fonts-ttf (a dependency of @contrastive/report).
#
# Idempotent: does nothing when chromium and the DejaVu fonts are already there.
# Needs root (or sudo) and access to Debian's package mirrors. Quiet unless something fails.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
[ -f "$FONT" ] || packages+=(fonts-dejavu-core)

if [ ${#packages[@]} -eq 0 ]; then
  echo "install-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) and DejaVu fonts already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-chromium: need root (or sudo) to apt-get install ${packages[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "install-chromium: apt-get install ${packages[*]} (takes a few minutes)"
if ! { "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq \
  && "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${packages[@]}"; } >"$log" 2>&1; then
  echo "install-chromium: apt-get failed; its output:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get succeeded but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null)"
