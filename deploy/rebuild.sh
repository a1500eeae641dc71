#!/usr/bin/env bash
# Rebuild and publish the site, for the nightly timer (stophate-rebuild.service) or a CI schedule.
#
# Listings are judged against the build date (today in Europe/London), so past events drop off, scheduled posts
# appear and "coming up" stays true only if the site is rebuilt every day. The build writes a new folder beside
# the published one and swaps it in whole; if anything is wrong, the published site is left exactly as it was.
#
# Settings (environment): STOPHATE_ROOT  the content folder (default: the folder above this script)
#                         STOPHATE_OUT   the published folder (default: $STOPHATE_ROOT/site)
#                         STOPHATE_PYTHON the Python with the builder's packages (default: $STOPHATE_ROOT/.venv/bin/python)
# Exit code: 0 published (or already up to date: nothing changed, nothing written); otherwise the build's own code
# (1 content problems, 2 wrong settings), old site in place.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${STOPHATE_ROOT:-$(dirname "$here")}"
out="${STOPHATE_OUT:-$root/site}"
python="${STOPHATE_PYTHON:-$root/.venv/bin/python}"
builder="$(dirname "$here")/build.py"

"$python" "$builder" build --root "$root" --out "$out"
status=$?
if [ "$status" -ne 0 ]; then
  echo "stophate-rebuild: FAILED with exit code $status: nothing was published, $out still holds the last good site" >&2
  exit "$status"
fi
echo "stophate-rebuild: published $out for $(TZ=Europe/London date +%Y-%m-%d)"
