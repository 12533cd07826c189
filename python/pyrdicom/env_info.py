"""What this pyrdicom is and runs on: ``python -m pyrdicom.env_info`` or ``pyrdicom info``.

Prints a GitHub-flavoured markdown table, as pydicom's ``env_info`` does, to paste into a bug
report: the package and core versions, the codec libraries compiled into the extension (they are
bundled, so their versions are the build's, not the system's) and the SIMD instruction set
libjpeg-turbo uses on this CPU.
"""

from __future__ import annotations

import platform
import sys

from . import __version__, _core


def rows() -> list[tuple[str, str]]:
    """(name, version) pairs, in the order printed.


    Returns
    -------
    list of tuple of (str, str)

    Examples
    --------
    >>> from pyrdicom.env_info import rows
    >>> [name for name, _ in rows()][:2]
    ['platform', 'Python']
    """
    info = _core.build_info()
    abi = "abi3 (CPython 3.11+ stable ABI)" if info["abi3"] else "version-specific"
    import numpy

    return [
        ("platform", platform.platform()),
        ("Python", sys.version.replace("\n", " ")),
        ("pyrdicom", __version__),
        ("core", f"{info['core']}, {abi}"),
        ("libjpeg-turbo", f"{info['libjpeg-turbo']} (SIMD: {info['libjpeg-turbo SIMD']})"),
        ("OpenJPEG", str(info["OpenJPEG"])),
        ("CharLS", str(info["CharLS"])),
        ("numpy", numpy.__version__),
    ]


def main() -> None:
    """Print the platform, Python and the versions of pyrdicom and its optional dependencies,
    as a Markdown table (``python -m pyrdicom.env_info``), for bug reports.

    Examples
    --------
    >>> from pyrdicom.env_info import main
    >>> main()  # doctest: +ELLIPSIS
    module ...| version
    ------ ...| -------
    platform ...
    """
    row_format = "{:13} | {}"
    print(row_format.format("module", "version"))
    print(row_format.format("------", "-------"))
    for name, version in rows():
        print(row_format.format(name, version))


if __name__ == "__main__":
    main()
