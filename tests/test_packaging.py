"""The package's own identity: version, `pyrdicom info` / env_info, the build's codec versions."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pyrdicom
from pyrdicom import _core, env_info
from pyrdicom.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DIR = str(ROOT / "python")


def test_version_is_cargo_version() -> None:
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())["package"]["version"]
    assert pyrdicom.__version__ == cargo
    assert _core.build_info()["core"] == cargo


def test_version_option(capsys) -> None:
    try:
        main(["--version"])
    except SystemExit as e:
        assert e.code == 0
    assert capsys.readouterr().out.strip() == f"pyrdicom {pyrdicom.__version__}"


def test_info_lists_the_bundled_codecs(capsys) -> None:
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    names = [line.split("|")[0].strip() for line in out.splitlines()[2:]]
    assert names == [name for name, _ in env_info.rows()]
    info = _core.build_info()
    assert str(info["libjpeg-turbo"]).startswith("3.")
    assert str(info["OpenJPEG"]).startswith("2.5")
    assert str(info["CharLS"]).startswith("2.4")
    assert info["abi3"] is True  # the build tests run on is the wheel's (scripts/dev-build.sh)


def _simd(**env: str) -> str:
    code = "from pyrdicom import _core; print(_core.build_info()['libjpeg-turbo SIMD'])"
    full = {k: v for k, v in os.environ.items() if not k.startswith("JSIMD_")}
    full.update(PYTHONPATH=PYTHON_DIR, **env)
    done = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True)
    return done.stdout.strip()


def test_c_codecs_are_built_without_asserts() -> None:
    # .cargo/config.toml defines NDEBUG for the cc-built OpenJPEG: its assert()s slow the
    # HTJ2K block decoder and would abort the process rather than raise.
    assert b"__assert_fail" not in Path(_core.__file__).read_bytes()


def test_simd_level_follows_libjpeg_turbo_variables() -> None:
    assert _simd() in ("AVX2", "SSE2")
    assert _simd(JSIMD_FORCESSE2="1") == "SSE2"
    assert _simd(JSIMD_FORCENONE="1") == "none"


def test_stubs_cover_the_compiled_module() -> None:
    """_core.pyi (shipped in the wheel with py.typed) names every public function and class of
    the extension, and every public member of its classes."""
    tree = ast.parse((ROOT / "python" / "pyrdicom" / "_core.pyi").read_text())
    stubs = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    public = {name for name in dir(_core) if not name.startswith("_")}
    assert public == set(stubs)
    for name, node in stubs.items():
        if isinstance(node, ast.ClassDef):
            members = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            members |= {
                n.target.id
                for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            }
            cls = getattr(_core, name)
            assert {m for m in dir(cls) if not m.startswith("_")} <= members, name
