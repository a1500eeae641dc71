#!/usr/bin/env bash
# How stophate/fonts/ was made: Noto Sans, Noto Sans Gurmukhi and Noto Naskh Arabic (Bold) from Debian's
# fonts-noto-core, cut down to the letters the site's languages need so the repository stays small.
# Usage: scripts/subset-fonts.sh /usr/share/fonts/truetype/noto
set -euo pipefail
src=${1:-/usr/share/fonts/truetype/noto}
out=$(dirname "$0")/../stophate/fonts
subset() { .venv/bin/python -m fontTools.subset "$src/$1" --unicodes="$2" --layout-features='*' --no-hinting \
  --output-file="$out/${1%.ttf}.subset.ttf"; }
subset NotoSans-Bold.ttf "U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+02BC,U+0400-04FF,U+2010-2027,U+2030-203A,U+20AC,U+2122"
subset NotoSansGurmukhi-Bold.ttf "U+0020-007E,U+0964-0965,U+0A00-0A7F,U+200C-200D,U+25CC"
subset NotoNaskhArabic-Bold.ttf "U+0020-007E,U+00A0,U+0600-06FF,U+200C-200F,U+25CC"
