"""Run pydicom 3.0.2's own test files against pyrdicom (and, for reference, against pydicom).

    python tests/pydicom_suite/run.py                 # pyrdicom over every file in scope: table
    python tests/pydicom_suite/run.py test_tag.py     # some files only
    python tests/pydicom_suite/run.py --reference     # also re-run real pydicom: reference.json
    python tests/pydicom_suite/run.py --update        # write floor.json and the table in compat.md

pydicom's tests come from its source distribution, fetched by pip into ``.cache/`` (not vendored).
A file's score is the number of tests that pass under pyrdicom among those that pass under pydicom
itself on this machine (``reference.json``); ``floor.json`` holds the committed scores (``--update``
records the files it ran) that ``tests/test_pydicom_suite.py`` enforces.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PYDICOM_VERSION = "3.0.2"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = ROOT / ".cache" / f"pydicom-{PYDICOM_VERSION}"
REFERENCE = HERE / "reference.json"
FLOOR = HERE / "floor.json"
COMPAT = ROOT / "docs" / "compat.md"
TABLE_START = "<!-- pydicom-suite-table:start -->"
TABLE_END = "<!-- pydicom-suite-table:end -->"

# Parity I (data model and file I/O) and parity II (pixels utilities, encapsulation, ...).
FILES = [
    "test_dataset.py", "test_dataelem.py", "test_filereader.py", "test_filewriter.py",
    "test_valuerep.py", "test_multival.py", "test_sequence.py", "test_tag.py", "test_uid.py",
    "test_charset.py", "test_unicode.py", "test_json.py", "test_dictionary.py", "test_rawread.py",
    "test_values.py", "test_config.py", "test_misc.py", "test_filebase.py", "test_fileutil.py",
    "test_hooks.py", "test_errors.py",
    "test_encaps.py", "pixels/test_utils.py", "pixels/test_processing.py", "pixels/test_common.py",
    "pixels/test_decoder_native.py", "pixels/test_decoder_rle.py",
    "pixels/test_encoder_pydicom.py", "test_fileset.py", "test_overlay_np.py",
    "test_waveform.py", "test_codes.py", "test_util.py", "test_cli.py",
]  # fmt: skip


def fetch() -> Path:
    """The sdist's tree (tests/ only), downloaded once with pip."""
    if (CACHE / "tests" / "conftest.py").exists():
        return CACHE
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
             f"pydicom=={PYDICOM_VERSION}", "-d", tmp],
            check=True,
        )  # fmt: skip
        (sdist,) = Path(tmp).glob("pydicom-*.tar.gz")
        prefix = f"pydicom-{PYDICOM_VERSION}/"
        with tarfile.open(sdist) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith(prefix + "tests/")]
            for m in members:
                m.name = m.name[len(prefix) :]
            CACHE.mkdir(parents=True, exist_ok=True)
            tar.extractall(CACHE, members=members, filter="data")
    return CACHE


def run_file(name: str, target: str, timeout: float = 900) -> dict[str, str]:
    """Outcome per test id of one pydicom test file under ``target`` (pyrdicom or pydicom)."""
    tree = fetch()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as out:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT / "python")])
        env["PYRDICOM_SUITE_TARGET"] = target
        env["PYRDICOM_SUITE_OUT"] = out.name
        cmd = [
            sys.executable, "-m", "pytest", "-q", "-p", "pyrdicom_as_pydicom",
            "-p", "no:cacheprovider", "--rootdir", str(tree), "-c", os.devnull,
            "-W", "ignore", "--tb=no", "--no-header", str(tree / "tests" / name),
        ]  # fmt: skip
        try:
            subprocess.run(cmd, env=env, cwd=tree, timeout=timeout, capture_output=True)
        except subprocess.TimeoutExpired:
            return {f"tests/{name}": "timeout"}
        lines = Path(out.name).read_text(encoding="utf-8").splitlines()
    outcomes = {}
    for line in lines:
        rec = json.loads(line)
        outcomes[rec["id"]] = rec["outcome"]
    return outcomes or {f"tests/{name}": "crashed"}


def run_many(names: list[str], target: str, jobs: int = 2) -> dict[str, dict[str, str]]:
    with ThreadPoolExecutor(jobs) as pool:
        return dict(zip(names, pool.map(lambda n: run_file(n, target), names), strict=True))


def score(outcomes: dict[str, str], reference: list[str]) -> dict[str, int]:
    counts = {"reference": len(reference), "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    for test_id in reference:
        outcome = outcomes.get(test_id, "missing")
        if outcome == "passed":
            counts["passed"] += 1
        elif outcome == "skipped":
            counts["skipped"] += 1
        elif outcome == "failed":
            counts["failed"] += 1
        else:  # errors in set-up, collection errors (import failures), tests not collected
            counts["errors"] += 1
    return counts


def table(scores: dict[str, dict[str, int]]) -> str:
    rows = [
        "| pydicom test file | pydicom passes | pyrdicom passes | % | failed | errors | skipped |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    tot = {"reference": 0, "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    for name, s in scores.items():
        pct = 100.0 * s["passed"] / s["reference"] if s["reference"] else 100.0
        rows.append(
            f"| {name} | {s['reference']} | {s['passed']} | {pct:.1f} | {s['failed']} "
            f"| {s['errors']} | {s['skipped']} |"
        )
        for k in tot:
            tot[k] += s[k]
    pct = 100.0 * tot["passed"] / tot["reference"] if tot["reference"] else 100.0
    rows.append(
        f"| **all** | {tot['reference']} | {tot['passed']} | {pct:.1f} | {tot['failed']} "
        f"| {tot['errors']} | {tot['skipped']} |"
    )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="test files (default: every file in scope)")
    ap.add_argument("--reference", action="store_true", help="re-run real pydicom first")
    ap.add_argument("--update", action="store_true", help="write floor.json and docs/compat.md")
    ap.add_argument("--failures", action="store_true", help="list the tests that do not pass")
    args = ap.parse_args()
    names = args.files or FILES

    reference = json.loads(REFERENCE.read_text()) if REFERENCE.exists() else {}
    if args.reference:
        for name, outcomes in run_many(names, "pydicom").items():
            reference[name] = sorted(t for t, o in outcomes.items() if o == "passed")
        REFERENCE.write_text(json.dumps(reference, indent=0, sort_keys=True) + "\n")

    results = run_many(names, "pyrdicom")
    scores = {name: score(results[name], reference.get(name, [])) for name in names}
    print(table(scores))
    if args.failures:
        for name in names:
            for test_id in reference.get(name, []):
                if results[name].get(test_id) != "passed":
                    print(f"{results[name].get(test_id, 'missing'):>16}  {test_id}")

    if args.update:
        # floor.json keeps every file's last committed score; the table is made from all of them.
        floor = json.loads(FLOOR.read_text()) if FLOOR.exists() else {}
        floor.update(scores)
        FLOOR.write_text(json.dumps(floor, indent=1, sort_keys=True) + "\n")
        text = COMPAT.read_text(encoding="utf-8")
        start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
        ordered = {name: floor[name] for name in FILES if name in floor}
        COMPAT.write_text(text[:start] + "\n" + table(ordered) + "\n" + text[end:])


if __name__ == "__main__":
    main()
