"""Which public callables lack what the API reference needs, and whose docstrings disagree with
their signatures. ``tests/test_docs_api.py`` enforces the same checks (it imports this module).

    PYTHONPATH=python python3 tools/docstring_report.py [--list] [--prune]

For every public module of pyrdicom (as the API reference finds them) and every public function,
class and method in it (its ``__all__``, else the names it defines without a leading
underscore), finds the docstrings that are missing (GL08), that leave parameters undocumented
(PR01), that have no Returns (RT01) or Examples (EX01) section, or no Raises section although the
callable's own code raises (RS00); and the Parameters sections whose names are not exactly the
signature's, in order (PR00; for a function of the compiled ``_core``, the signature is its
stub's in ``_core.pyi``, which stubtest ties to the runtime). ``--list`` prints each callable
with its missing parts. Gaps that predate the check are recorded in ``tools/docstring_todo.txt``;
``--prune`` drops the entries that are now complete (it never adds one).
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import pkgutil
import re
import sys
import textwrap
import warnings
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from numpydoc.docscrape import get_doc_object
from numpydoc.validate import Validator, validate

import pyrdicom

CHECKS = {
    "GL08": "no docstring",
    "PR01": "parameters",
    "RT01": "Returns",
    "RS00": "Raises",
    "EX01": "Examples",
}
TODO = Path(__file__).with_name("docstring_todo.txt")
STUB = Path(pyrdicom.__file__).with_name("_core.pyi")


def public_callables() -> list[str]:
    names = []
    modules = ["pyrdicom"] + [
        m.name
        for m in pkgutil.walk_packages(pyrdicom.__path__, "pyrdicom.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
    for modname in modules:
        module = importlib.import_module(modname)
        members = getattr(module, "__all__", None) or [
            n
            for n, v in vars(module).items()
            if not n.startswith("_") and getattr(v, "__module__", None) == modname
        ]
        for name in members:
            obj = getattr(module, name, None)
            if inspect.isclass(obj):
                names.append(f"{modname}.{name}")
                names += [
                    f"{modname}.{name}.{m}"
                    for m, v in vars(obj).items()
                    if not m.startswith("_") and (callable(v) or isinstance(v, classmethod))
                ]
            elif callable(obj) and not inspect.ismodule(obj):
                names.append(f"{modname}.{name}")
    return names


def _raises(obj: Any) -> bool:
    """Whether the code of ``obj`` itself (a class: its ``__init__``) has a ``raise X``; nested
    functions are theirs, a bare ``raise`` passes on what the callee raised."""
    func = vars(obj).get("__init__") if inspect.isclass(obj) else obj
    func = inspect.unwrap(getattr(func, "__func__", func)) if func is not None else None
    if inspect.isclass(obj) and getattr(func, "__module__", None) != obj.__module__:
        return False  # not its own code (a typing.Protocol's __init__)
    try:
        source = textwrap.dedent(inspect.getsource(func))  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False  # compiled, or no source
    tree = ast.parse(source).body[0]
    todo = list(ast.iter_child_nodes(tree))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Raise) and node.exc is not None:
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return False


@cache
def _stub_signatures() -> dict[str, list[str]]:
    """``name`` / ``Class.name`` -> parameter names of the compiled module's stub."""
    out: dict[str, list[str]] = {}

    def params(func: ast.FunctionDef) -> list[str]:
        a = func.args
        names = [p.arg for p in a.posonlyargs + a.args]
        if names[:1] in (["self"], ["cls"]):
            names = names[1:]
        names += [f"*{a.vararg.arg}"] if a.vararg else []
        names += [p.arg for p in a.kwonlyargs]
        return names + ([f"**{a.kwarg.arg}"] if a.kwarg else [])

    for node in ast.parse(STUB.read_text()).body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = params(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    out[f"{node.name}.{item.name}"] = params(item)
    return out


def signature_parameters(obj: Any) -> list[str]:
    """The parameters a docstring must list: the stub's for the compiled module's callables."""
    if str(getattr(obj, "__module__", "")).startswith("pyrdicom._core"):
        stub = _stub_signatures()
        if inspect.isclass(obj):  # PyO3 classes are made by __new__
            return stub.get(f"{obj.__qualname__}.__new__", [])
        return stub.get(obj.__qualname__, [])
    if getattr(obj, "_is_protocol", False):
        return []  # a typing.Protocol describes objects, it makes none
    if isinstance(obj, enum.EnumMeta):
        return ["value"]  # an enum with members is called with a value only (EnumMeta.__call__)
    try:
        params = inspect.signature(obj).parameters.values()
    except (TypeError, ValueError):
        return []  # no signature to compare with
    stars = {inspect.Parameter.VAR_POSITIONAL: "*", inspect.Parameter.VAR_KEYWORD: "**"}
    # a class's private positional-only names are mangled (`_Dataset__write_like_original`)
    names = [stars.get(p.kind, "") + re.sub(r"^_\w+?(__[a-z]\w*)$", r"\1", p.name) for p in params]
    # a method's own instance or class; a function's first parameter may be called `cls` too
    if names[:1] in (["self"], ["cls"]) and "." in getattr(obj, "__qualname__", ""):
        names = names[1:]
    return names


def check(name: str) -> tuple[list[str], str | None]:
    """The codes of ``CHECKS`` that ``name`` fails, and how its Parameters section disagrees
    with its signature (``None`` when it agrees or has none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obj = Validator._load_obj(name)
        validator = Validator(get_doc_object(obj))
        errors = {code for code, _ in validate(name)["errors"]}
        if "GL08" not in errors and _raises(obj) and not validator.doc["Raises"]:
            errors.add("RS00")
        documented = list(validator.doc_parameters)
        signature = signature_parameters(obj)
    errors.discard("PR01")  # numpydoc's, against the mangled names
    if "GL08" not in errors and set(signature) - set(documented):
        errors.add("PR01")
    missing = [code for code in CHECKS if code in errors]
    if documented and documented != signature:
        return missing, f"documents {documented}, signature has {signature}"
    return missing, None


def todo() -> dict[str, set[str]]:
    """The recorded gaps: name -> codes."""
    out = {}
    for line in TODO.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, codes = line.partition(":")
            out[name.strip()] = set(codes.split())
    return out


def main() -> None:
    counts: Counter[str] = Counter()
    names = public_callables()
    rows, found = [], {}
    for name in names:
        missing, disagreement = check(name)
        counts.update(missing)
        if missing:
            found[name] = missing
            rows.append(f"{name}: {', '.join(CHECKS[c] for c in missing)}")
        if disagreement:
            counts["PR00"] += 1
            rows.append(f"{name}: Parameters {disagreement}")
    if "--list" in sys.argv:
        print("\n".join(rows))
    if "--prune" in sys.argv:
        kept = {n: sorted(set(c) & set(found.get(n, ()))) for n, c in todo().items()}
        header = [line for line in TODO.read_text().splitlines() if line.startswith("#")]
        TODO.write_text(
            "\n".join(header + [f"{n}: {' '.join(c)}" for n, c in kept.items() if c]) + "\n"
        )
    print(f"{len(names)} public callables checked")
    for code, what in {**CHECKS, "PR00": "Parameters = signature"}.items():
        print(f"  {code} {what:22} fails in {counts[code]}")


if __name__ == "__main__":
    main()
