#!/usr/bin/env bash
# Installs Debian's python3-torch (with numpy, and Pillow for image folders) for the system Python:
# the tests of @contrastive/export load exported models with it (model.py + model.safetensors) and
# run the PyTorch DDP example (docs/examples/pytorch/train_ddp.py) on two local gloo processes.
# tools/bench uses the same torch for its PyTorch reference timings.
#
# Idempotent: does nothing when /usr/bin/python3 already imports torch, numpy and PIL. Needs root (or
# sudo) and access to Debian's package mirrors. Quiet unless something fails.
set -euo pipefail

PYTHON=/usr/bin/python3
if "$PYTHON" -c 'import torch, numpy, PIL' >/dev/null 2>&1; then
  echo "install-torch: torch $("$PYTHON" -c 'import torch; print(torch.__version__)') already installed for $PYTHON"
  exit 0
fi
# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install install-torch python3-torch python3-numpy python3-pil
"$PYTHON" -c 'import torch, numpy, PIL' || { echo "install-torch: apt-get succeeded but $PYTHON cannot import torch" >&2; exit 1; }
echo "install-torch: installed torch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
