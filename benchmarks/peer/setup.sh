#!/usr/bin/env bash
# Installs the Python peer's libraries (GeoPandas, Shapely 2, pyproj, SciPy) from PyPI into
# benchmarks/peer/.venv, once; prints the venv's python. Pinned, so every run compares against
# the same peer.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c "import geopandas, shapely, pyproj, scipy, pyogrio" 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    numpy==2.1.3 pandas==2.2.3 shapely==2.0.6 pyproj==3.7.0 pyogrio==0.10.0 geopandas==1.0.1 scipy==1.14.1 >&2
fi
echo "$venv/bin/python"
