#!/bin/sh
# Lighthouse's accessibility score of pages, with the mobile and the desktop preset.
#
#   scripts/lighthouse_accessibility.sh http://127.0.0.1:8000 / /wijken/moerwijk/ /contact/
#
# Needs Node.js and Chromium; Lighthouse itself is fetched by npx (it is not a dependency of
# the portal). For partner pages pass a logged-in session: LH_COOKIE='sessionid=...'.
# Prints one line per page and preset: the score and the ids of the audits that failed.
set -eu
base=$1; shift
out=$(mktemp -d)
headers=${LH_COOKIE:+"{\"Cookie\":\"$LH_COOKIE\"}"}
for path in "$@"; do
  for preset in mobile desktop; do
    report="$out/report.json"
    # Lighthouse's default is a mobile phone; "desktop" is its only other preset.
    preset_flag=""; [ "$preset" = desktop ] && preset_flag="--preset=desktop"
    CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} npx --yes lighthouse@13.5.0 "$base$path" \
      --only-categories=accessibility $preset_flag --quiet --output=json \
      --output-path="$report" ${headers:+--extra-headers="$headers"} \
      --chrome-flags="--headless --no-sandbox --disable-gpu" >/dev/null
    node -e "const r = require('$report'); const failed = Object.values(r.audits)
      .filter(a => a.score === 0 && a.scoreDisplayMode === 'binary').map(a => a.id);
      console.log('$preset', '$path', Math.round(r.categories.accessibility.score * 100),
                  failed.join(','))"
  done
done
rm -rf "$out"
