#!/usr/bin/env bash
# The pictures of printed exports in README.md: one page of each kind of PDF, drawn with
# pdftoppm (apt-get install poppler-utils; development only: the pictures are committed, so
# neither the build nor CI needs it). Run from the repository root after a change to them.
set -euo pipefail
out=assets/screenshots/print
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# ANNALS=path/to/annals uses a built binary instead of `cargo run`.
annals() { if [ -n "${ANNALS:-}" ]; then "$ANNALS" "$@"; else cargo run --quiet -- "$@"; fi; }
annals export --format pdf --out "$tmp/handout.pdf" data/china-russia
annals export --format pdf --pdf poster --page A2 --out "$tmp/poster.pdf" data/china-russia
annals export --format pdf --pdf deck --storyline regular-meetings --out "$tmp/deck.pdf" data/china-russia
annals export --format svg --size 1600x900 --out "$tmp/timeline.svg" data/china-russia
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/handout.pdf" "$out/handout-title"
pdftoppm -png -r 80 -f 2 -l 2 -singlefile "$tmp/handout.pdf" "$out/handout-events"
pdftoppm -png -r 40 -singlefile "$tmp/poster.pdf" "$out/poster-a2"
pdftoppm -png -r 96 -f 10 -l 10 -singlefile "$tmp/deck.pdf" "$out/deck-step-10"
ls -l "$out"
