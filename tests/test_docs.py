"""The user documentation (doc/) builds with warnings as errors, its guide's code blocks pass as
doctests, its gallery draws pictures, and no page links to a missing local target.

One build (`scripts/build-docs.sh`, the command README.md gives) serves every test here.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "doc" / "_build" / "html"
# scripts/build-docs.sh installs the docs extra's dependencies when they are missing, so the
# build is never skipped quietly.


@pytest.fixture(scope="module")
def build() -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHON=sys.executable)
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-docs.sh"), "--no-shots"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return result


def test_site_builds_without_warnings_and_doctests_pass(
    build: subprocess.CompletedProcess[str],
) -> None:
    # -W --keep-going -n for the HTML and -W for the doctest builder: any warning fails the run
    assert build.returncode == 0, build.stdout[-5000:] + build.stderr[-5000:]
    doctest = (ROOT / "doc" / "_build" / "doctest" / "output.txt").read_text()
    assert "0 failures in tests" in doctest
    assert (HTML / "index.html").is_file()


def test_gallery_examples_draw_pictures(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0
    examples = sorted((ROOT / "doc" / "gallery").glob("plot_*.py"))
    assert len(examples) >= 6
    have_index = importlib.util.find_spec("pyrdicom.batch") is not None
    for example in examples:
        if example.stem == "plot_parquet_index" and not have_index:
            continue  # the example says the module is missing and draws nothing
        page = (HTML / "auto_examples" / f"{example.stem}.html").read_text()
        assert f"sphx_glr_{example.stem}_001.png" in page, example.name


def test_benchmarks_page_has_tables_and_charts(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0
    page = (HTML / "benchmarks.html").read_text()
    assert page.count("<table") >= 3
    assert "bench_1.png" in page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src") and tag in ("a", "img", "link", "script"):
                self.targets.append(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def test_no_page_links_to_a_missing_local_target(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0
    # _static/ holds the theme's assets (one is a Jinja macro file named .html), not pages
    pages = {p: _parse(p) for p in HTML.rglob("*.html") if "_static" not in p.parts}
    assert len(pages) > 20
    missing = []
    for page, links in pages.items():
        for target in links.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "javascript:")):
                continue
            path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                missing.append(f"{page.relative_to(HTML)} -> {target}")
            elif parts.fragment and path.suffix == ".html":
                ids = pages[path].ids if path in pages else _parse(path).ids
                if unquote(parts.fragment) not in ids:
                    missing.append(f"{page.relative_to(HTML)} -> {target} (no such anchor)")
    assert not missing, "\n".join(missing[:50])
