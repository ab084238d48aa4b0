#!/usr/bin/env bash
# Installs the system libraries cirkel builds against, if any is missing:
# GEOS (libgeos-dev), PROJ (libproj-dev, proj-data), SQLite (libsqlite3-dev, for GeoPackage),
# pkg-config, and gdal-bin (GDAL's command-line tools, for the tests that check GeoPackage output
# with ogrinfo), from Debian's packages.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(libgeos-dev libproj-dev proj-data libsqlite3-dev pkg-config gdal-bin)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: ${missing[*]} missing and not running as root (no sudo); install them with apt-get" >&2
    exit 1
  fi
fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
