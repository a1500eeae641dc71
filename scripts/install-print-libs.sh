#!/usr/bin/env bash
# System libraries the build itself needs: WeasyPrint (the campaign poster and pocket card as PDFs) draws text
# with Pango, HarfBuzz and fontconfig, and needs at least one font. Debian 12 ships Pango 1.50, newer than the
# 1.44 WeasyPrint asks for. Installs only what is missing; `make site` and `make test` run it.
set -euo pipefail
missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ] || missing+=(fontconfig fonts-dejavu-core)
exec bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
