#!/usr/bin/env bash
# Makes the fonts the certificates embed: DejaVu Sans (regular and bold, from Debian's
# fonts-dejavu-core) cut to the letters the platform writes: Latin, Cyrillic with every Kazakh
# letter (ә ғ қ ң ө ұ ү һ і), digits and punctuation. A PDF embeds only the glyphs it uses
# anyway; the cut keeps the server binary small. Needs fonttools (pip install fonttools).
set -euo pipefail
cd "$(dirname "$0")"
unicodes="U+0020-007E,U+00A0-00FF,U+0400-04FF,U+2010-2027,U+2030-203A,U+2116,U+2212"
for face in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "/usr/share/fonts/truetype/dejavu/$face.ttf" --unicodes="$unicodes" \
    --layout-features='kern,liga' --no-hinting --output-file="$face.ttf"
done
cp /usr/share/doc/fonts-dejavu-core/copyright LICENSE
