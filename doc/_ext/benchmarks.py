"""The benchmarks page, generated from ``benches/RESULTS.md`` at each build.

The results file is the source of truth (the benchmark scripts write it); this turns it into a
page of the site: its text and tables as they are, headings made consecutive, and after every
table with a ratio column a bar chart of how many times faster pyrdicom is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
LOCAL_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")
# "x  4.1" at the end of a line of a fixed-width result block (kernel against NumPy).
BLOCK_RATIO = re.compile(r"^(?P<label>\S.*?\S)\s{2,}.*x\s+(?P<value>\d+(?:\.\d+)?)\s*$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _speedups(header: list[str], rows: list[list[str]]) -> tuple[str, list[tuple[str, float]]]:
    """(axis title, [(label, times faster)]) from a table's ratio column, or ("", [])."""
    for col, name in enumerate(header):
        lowered = name.lower()
        inverse = lowered.startswith("pyrdicom /")
        if not (inverse or "speed-up" in lowered):
            continue
        bars = []
        for row in rows:
            if col >= len(row):
                continue
            match = NUMBER.search(row[col])
            if match is None or float(match.group()) == 0:
                continue
            value = float(match.group())
            # Rows that differ only in a later column (file, then target) are named by both.
            label = row[0] if len({r[0] for r in rows}) == len(rows) else f"{row[0]}: {row[1]}"
            bars.append((label, 1 / value if inverse else value))
        return name, bars
    return "", []


def _chart(title: str, bars: list[tuple[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    labels = [label if len(label) <= 60 else label[:57] + "..." for label, _ in bars]
    values = [v for _, v in bars]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(bars) + 1.2), layout="constrained")
    colours = ["tab:green" if v >= 1 else "tab:red" for v in values]
    ax.barh(range(len(bars)), values, color=colours)
    ax.set_yticks(range(len(bars)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(1, color="black", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlim(min(0.5, min(values) / 1.5), max(2.0, max(values) * 1.6))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}x"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(f"times faster (from '{title}'; log scale, 1 = the same)")
    for i, v in enumerate(values):
        ax.annotate(
            f"{v:.3g}x", (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7
        )
    fig.savefig(path, dpi=110)
    plt.close(fig)


def render(results: Path, out_dir: Path) -> str:
    """The page's MyST text; charts are written to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = results.read_text(encoding="utf-8").splitlines()
    levels = sorted({len(m.group(1)) for m in map(HEADING.match, lines) if m})
    level_of = {old: new + 1 for new, old in enumerate(levels)}
    page: list[str] = [
        "# Benchmarks",
        "",
        "Generated from `benches/RESULTS.md` when this site was built: the tables as the "
        "benchmark scripts wrote them, and a chart of each table's ratio column as *times "
        "faster* (pyrdicom against the peer, on a log scale: right of the line is faster).",
        "",
    ]
    charts = 0
    in_code = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_code = not in_code
        match = None if in_code else HEADING.match(line)
        if match:
            level = level_of[len(match.group(1))] + 1
            title = match.group(2) if level > 2 or i else "Results"
            page.append("#" * min(level, 6) + " " + LOCAL_LINK.sub(r"\1", title))
            i += 1
            continue
        if (
            not in_code
            and line.lstrip().startswith("|")
            and i + 1 < len(lines)
            and set(lines[i + 1].replace("|", "").strip()) <= set("-: ")
        ):
            table = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                table.append(lines[i])
                i += 1
            page.extend(LOCAL_LINK.sub(r"\1", t) for t in table)
            title, bars = _speedups(_cells(table[0]), [_cells(t) for t in table[2:]])
            if bars:
                charts += 1
                name = f"bench_{charts}.png"
                _chart(title, bars, out_dir / name)
                page += ["", f"![{title}](_generated/{name})"]
            continue
        page.append(LOCAL_LINK.sub(r"\1", line))
        if (
            in_code is False
            and line.startswith("```")
            and page
            and _block_chart(lines, i, out_dir, charts + 1, page)
        ):
            charts += 1
        i += 1
    return "\n".join(page) + "\n"


def _block_chart(lines: list[str], end: int, out_dir: Path, n: int, page: list[str]) -> bool:
    """A chart of the "x  N" ratios of the fixed-width block that closes at line `end`."""
    start = end - 1
    while start >= 0 and not lines[start].startswith("```"):
        start -= 1
    bars = []
    for line in lines[start + 1 : end]:
        match = BLOCK_RATIO.match(line)
        if match:
            bars.append((match.group("label"), float(match.group("value"))))
    if not bars:
        return False
    name = f"bench_{n}.png"
    _chart("x", bars, out_dir / name)
    page += ["", f"![times faster](_generated/{name})", ""]
    return True


def _generate(app: Any) -> None:
    src = Path(app.srcdir)
    results = src.parent / "benches" / "RESULTS.md"
    text = render(results, src / "_generated")
    target = src / "benchmarks.md"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "version": "1"}
