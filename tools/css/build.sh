#!/usr/bin/env bash
# Builds wwwroot/css/portal.min.css, the portal's one stylesheet: the parts of Bootstrap's Sass sources that
# portal.scss names, then wwwroot/css/site.css, minified. Run it after changing either file or the versions
# pinned here, and commit portal.min.css with the change: running the portal needs only the .NET SDK.
# Needs Node 20 or later with npm; the packages go to tools/css/node_modules (git-ignored).
#
# Reproducible: npm ci installs exactly the versions in package-lock.json, and sass writes no date, path or
# source map, so the same inputs give the same bytes on every run and every machine; running it twice
# leaves git with nothing new to commit.
set -euo pipefail
cd "$(dirname "$0")"
out=../../wwwroot/css/portal.min.css
site=../../wwwroot/css/site.css

# Install scripts stay off: sass needs none (the only one is its optional file watcher's).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# Bootstrap 5.3 still uses @import and Sass's global functions: the deprecation notices are Bootstrap's and
# would bury a real warning.
sass() {
  node_modules/.bin/sass --style=compressed --no-source-map --no-error-css --quiet-deps --silence-deprecation=import \
    --load-path=node_modules "$@"
}

# site.css is minified on its own and appended, not imported into portal.scss: inside one compilation
# Bootstrap's @extend rules (.small, .mark) would rewrite site.css's selectors too. The two halves keep the
# order the two separate files had, so every rule keeps its place in the cascade. Browserslist's notice that
# its data is old is left out: the data is pinned on purpose, so the prefixes never change unasked.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{ sass --no-charset portal.scss; sass --no-charset "$site"; } | BROWSERSLIST_IGNORE_OLD_DATA=1 node finish.mjs >"$tmp"
mv "$tmp" "$out"
chmod 644 "$out"
trap - EXIT

wc -c "$out"
