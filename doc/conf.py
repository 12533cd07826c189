"""Sphinx configuration of pyrdicom's user documentation (``bash scripts/build-docs.sh``).

The developer notes in ``docs/`` are not part of this site; the migration and robustness pages
include the parts of them that users need.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The source tree's package (with the extension that scripts/dev-build.sh or an editable install
# put beside it) comes first, so a worktree documents its own code.
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(HERE / "_ext"))

import pyrdicom  # noqa: E402

project = "pyrdicom"
author = "the pyrdicom developers"
copyright = "2026, the pyrdicom developers"
release = version = getattr(pyrdicom, "__version__", "0.1.0")

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
    "sphinx_design",
    "matplotlib.sphinxext.plot_directive",
    "benchmarks",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "gallery", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_theme = "pydata_sphinx_theme"
html_title = f"pyrdicom {release}"
html_theme_options = {
    "navbar_end": ["navbar-icon-links"],
    "secondary_sidebar_items": ["page-toc"],
    "show_prev_next": False,
}
html_show_sourcelink = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# API reference: every public module, found by importing the package (modules that arrive with
# later merges appear by themselves).
autosummary_generate = True
autosummary_imported_members = False
# Undocumented public members are listed too (their signatures), so the reference names every one.
autodoc_default_options = {"members": True, "undoc-members": True, "show-inheritance": True}
autodoc_typehints = "none"  # numpydoc's Parameters sections carry the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# Warnings are errors (-W) and references are checked (-n): names from other projects cannot be
# resolved without intersphinx (no network in CI), so they are let through by pattern, as are
# the informal type words numpydoc docstrings use.
nitpicky = True
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(numpy|np|pyarrow|pa|pandas|pd|dask|PIL|SimpleITK|sitk|nibabel|pydicom|os|io|"
        r"pathlib|typing|collections|datetime|decimal|enum|re|json|abc|array|types|_typeshed)"
        r"(\..*)?",
    ),
    (
        r"py:.*",
        r"(str|bytes|bytearray|int|float|bool|list|dict|tuple|set|frozenset|object|"
        r"None|type|callable|Callable|Any|Iterable|Iterator|Sequence|Mapping|MutableMapping|"
        r"MutableSequence|Literal|Optional|Union|Self|PathLike|BinaryIO|TextIO|BaseException|"
        r"Exception|ValueError|TypeError|KeyError|OSError|AttributeError|IndexError|"
        r"NotImplementedError|ImportError|RuntimeError|UserWarning|Warning|memoryview|"
        r"Generator|Hashable|ndarray|array_like|ArrayLike|dtype|DataFrame|Table)",
    ),
    # numpydoc type phrases: "path-like", "optional", "default ...", "or", "of", "file-like" ...
    (
        r"py:.*",
        r".*[ \-].*|optional|default|or|of|and|file|path|paths|array|arrays|"
        r"sequence|iterable|mapping|scalar|number|keyword|keywords|tag|tags|uid|str-like",
    ),
    # type variables of generic signatures (``MultiValue[T]``)
    (r"py:.*", r"(pyrdicom\.[\w.]+\.)?[A-Z]"),
    # the extension module's names (documented through the Python modules that wrap them)
    (r"py:.*", r"(pyrdicom\.)?_core(\..*)?|.*\._[A-Za-z].*"),
]


def _shadowed_modules() -> list[str]:
    """Submodules whose name the package rebinds to a function (``pyrdicom.pixels.render``):
    their pages document them without indexing, so the function keeps the name."""
    import importlib
    import pkgutil
    import types

    out = []
    for info in pkgutil.walk_packages(pyrdicom.__path__, "pyrdicom."):
        parent, _, name = info.name.rpartition(".")
        if name.startswith("_"):
            continue
        try:
            attr = getattr(importlib.import_module(parent), name, None)
        except ImportError:
            continue
        if attr is not None and not isinstance(attr, types.ModuleType):
            out.append(info.name)
    return out


def _skip_foreign_builtins(
    app: object, what: str, name: str, obj: object, skip: bool, options: object
) -> bool | None:
    """C functions a module imports from the standard library (``binascii.b2a_hex``) are not
    its API, and autodoc cannot format some of their signatures."""
    import inspect

    if inspect.isbuiltin(obj) and not str(getattr(obj, "__module__", "")).startswith("pyrdicom"):
        return True
    return None


def setup(app: object) -> None:
    app.connect("autodoc-skip-member", _skip_foreign_builtins)  # type: ignore[attr-defined]


autosummary_context = {"shadowed_modules": _shadowed_modules()}

# The guide describes modules that arrive with other branches' merges (the batch reader and the
# index, Dask); in a tree without them their references cannot be checked yet.
if importlib.util.find_spec("pyrdicom.batch") is None:
    print("pyrdicom.batch is not in this tree: references to it are not checked")
    nitpick_ignore_regex.append((r"py:.*", r"pyrdicom\.(read_many|index|batch|dask)(\..*)?"))

# Gallery: executed at build time, on pydicom's test files and pydicom-data.
sphinx_gallery_conf = {
    "examples_dirs": "gallery",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib",),
    "min_reported_time": 1,
    # which examples use which pyrdicom names (the home page's minigallery reads them too)
    "doc_module": ("pyrdicom",),
    "backreferences_dir": "_generated/backreferences",
}
os.environ.setdefault("MPLBACKEND", "Agg")

# Figures in the guide (``{plot}``), drawn at build time.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]

# Guide code blocks run as doctests (``sphinx-build -b doctest``) in a scratch directory.
doctest_global_setup = """
import os, tempfile
_DOC_CWD = os.getcwd()
os.chdir(tempfile.mkdtemp(prefix="pyrdicom-doctest-"))
import warnings
warnings.simplefilter("ignore", UserWarning)
"""
doctest_global_cleanup = "os.chdir(_DOC_CWD)"
doctest_test_doctest_blocks = "default"
doctest_global_setup += f"""
import importlib.util
TESTS_DIR = {str(ROOT / "tests")!r}
HAVE_BATCH = importlib.util.find_spec("pyrdicom.batch") is not None
HAVE_DASK = HAVE_BATCH and importlib.util.find_spec("pyrdicom.dask") is not None
"""
