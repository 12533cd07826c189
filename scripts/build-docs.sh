#!/usr/bin/env bash
# Build the user documentation (doc/) into doc/_build/html, with warnings as errors and
# cross-references checked; run the guide's code blocks as doctests; take screenshots of three
# pages with headless Chromium (doc/_build/screenshots/). The gallery runs on pydicom's test
# files and pydicom-data.
#
#   bash scripts/build-docs.sh             # install what is missing, build, doctest, screenshots
#   bash scripts/build-docs.sh --no-shots  # without the screenshots
#
# The package is imported from python/ (the extension beside it: an editable install or
# scripts/dev-build.sh), so a worktree documents its own code.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shots=1
if [ "${1:-}" = "--no-shots" ]; then shots=0; fi

if ! "${PYTHON:-python3}" -c "import sphinx, numpydoc, sphinx_gallery, myst_parser, pydata_sphinx_theme, sphinx_design, matplotlib, pydicom, SimpleITK, nibabel, pyarrow, dask.dataframe, duckdb, polars" 2>/dev/null; then
    # The docs extra's dependencies only (the package itself is built by the caller).
    "${PYTHON:-python3}" - <<'PY' > /tmp/pyrdicom-docs-reqs.txt
import tomllib
extras = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]
print("\n".join(extras["docs"]))
PY
    "${PYTHON:-python3}" -m pip install -q --disable-pip-version-check -r /tmp/pyrdicom-docs-reqs.txt
fi

export PYTHONPATH="$root/python${PYTHONPATH:+:$PYTHONPATH}"
export MPLBACKEND=Agg
out=doc/_build
start=$(date +%s)
"${PYTHON:-python3}" -m sphinx -b html -W --keep-going -n -q doc "$out/html"
"${PYTHON:-python3}" -m sphinx -b doctest -W --keep-going -q doc "$out/doctest"
echo "docs: html and doctests built in $(( $(date +%s) - start )) s -> $out/html/index.html"

if [ "$shots" = 1 ]; then
    if ! command -v chromium >/dev/null; then
        apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    fi
    mkdir -p "$out/screenshots"
    for page in index guide/pixel-data auto_examples/plot_ct_windowing; do
        name=$(echo "$page" | tr / -)
        chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
            --screenshot="$root/$out/screenshots/$name.png" "file://$root/$out/html/$page.html" \
            >/dev/null 2>&1
    done
    echo "docs: screenshots in $out/screenshots/"
fi
