#!/usr/bin/env bash
# Refresh the vendored front-end files from npm. Not needed to build or run stationwatch:
# the copies under src/stationwatch_web/static/vendor are committed, so the app works offline.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../src/stationwatch_web/static/vendor"
cd "$here"
npm install --no-audit --no-fund >/dev/null
rm -rf "$dest" && mkdir -p "$dest"/{leaflet,leaflet.markercluster,topojson-client,world-atlas,chart.js}
cp -r node_modules/leaflet/dist/{leaflet.js,leaflet.css,images} node_modules/leaflet/LICENSE "$dest/leaflet/"
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$dest/topojson-client/"
cp node_modules/world-atlas/{countries-110m.json,LICENSE} "$dest/world-atlas/"
cp node_modules/leaflet.markercluster/dist/{leaflet.markercluster.js,MarkerCluster.css,MarkerCluster.Default.css} node_modules/leaflet.markercluster/MIT-LICENCE.txt "$dest/leaflet.markercluster/"
cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md "$dest/chart.js/"
# The accessibility engine the browser tests inject; a test tool, never served by the app.
mkdir -p "$here/../tests/browser/vendor"
cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE "$here/../tests/browser/vendor/"
echo "vendored into $dest"
