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

# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install install-chromium "${packages[@]}"

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get succeeded but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null)"
