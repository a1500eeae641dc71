#!/usr/bin/env bash
# System libraries the build uses when it is there: libfribidi, which Pillow's Raqm layout engine loads to shape
# Urdu and Panjabi on share cards. Without it the build still works (cards are drawn unshaped and the build says
# so), so a machine where we cannot install it only gets a note.
set -uo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libfribidi\.so\.0'; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Note: install libfribidi0 (Debian/Ubuntu: sudo apt-get install libfribidi0) so share cards in Urdu and" \
       "Panjabi are shaped." >&2
  exit 0
fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libfribidi0 >/dev/null
