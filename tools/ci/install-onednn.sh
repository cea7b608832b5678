#!/usr/bin/env bash
# Installs oneDNN's headers and library (Debian's libdnnl-dev), which the optional native
# kernels of @contrastive/backend-native build against. Run it before `npm ci`: the package's
# install script builds the addon only when oneDNN is present (and skips it cleanly otherwise).
#
# Idempotent: does nothing when the headers are already there. Needs root (or sudo) and access
# to Debian's package mirrors. Quiet unless something fails.
set -euo pipefail

HEADER=/usr/include/oneapi/dnnl/dnnl.hpp
if [ -f "$HEADER" ]; then
  echo "install-onednn: oneDNN already installed ($HEADER)"
  exit 0
fi
# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install install-onednn libdnnl-dev
[ -f "$HEADER" ] || { echo "install-onednn: apt-get succeeded but $HEADER is missing" >&2; exit 1; }
echo "install-onednn: installed libdnnl-dev"
