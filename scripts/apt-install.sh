#!/usr/bin/env bash
# Installs the Debian packages named on the command line (the install-*.sh scripts pass only what is missing).
set -euo pipefail
[ $# -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: $*. Run 'sudo apt-get install $*' once." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
