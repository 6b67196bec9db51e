"""The extraction's hottest modules compiled with mypyc, used when a build of exactly these
sources is there; the pure-Python modules otherwise.

``scripts/compile`` (run by ``scripts/setup``) compiles :data:`COMPILED` into ``build/compiled``
beside the package, outside the source folders, and writes ``manifest.json`` there last: the
extension suffix it was built for and the digest of every ``.py`` file of the package (the
whole package's, not only the compiled modules': mypyc inlines the ``Final`` constants of the
modules a compiled module imports). On import of :mod:`auditor`, :func:`install` reads the
manifest and, only when the suffix is this interpreter's and the digest is that of the sources
here, puts a finder first on ``sys.meta_path`` that loads those modules from the build. A build
that is missing, half-written, stale (a source changed since) or for another Python is not
used: every module is then imported from its source, as if no build existed. Both run the same
code with the same results (the suite passes on both; ``AUDITOR_PURE_PYTHON=1`` forces the
sources). A compiled module cannot be monkeypatched from outside (its calls to its own
functions are bound when compiled): :func:`is_compiled` tells a test.

Measured (BENCHMARKS.md, session 12): the audit of a batch's stored crawls −14 % CPU.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from auditor import settings

#: The modules compiled, hottest first (the extraction's matcher, its passage gatherers and the
#: per-line readers of phones, addresses and numbers). Not compiled: ``facts/dom`` (its
#: ``Document`` is weak-referenced, which a compiled class cannot be), the modules whose tests
#: replace one of their functions (``facts/site``, ``facts/literals``, ``engine``), and the other
#: gatherers of a page: ``structured``, ``language``, ``chat``, ``forms`` and ``returns_mention``
#: compiled too took the build from about 1 to about 1.5 minutes for no CPU the replay of 50
#: stored crawls could tell (−13 % with or without them); ``facts/scripts`` makes mypy 2.4.1's
#: mypyc fail.
COMPILED: tuple[str, ...] = (
    "auditor.facts.concepts",
    "auditor.lexicon",
    "auditor.facts.passages.common",
    "auditor.facts.passages._concepts",
    "auditor.facts.passages.complaints",
    "auditor.facts.passages.withdrawal",
    "auditor.facts.passages.service",
    "auditor.facts.passages.disputes",
    "auditor.facts.passages.citations",
    "auditor.facts.addresses",
    "auditor.facts.phones",
    "auditor.facts.numbers",
    "auditor.facts.identity",
    "auditor.facts.emails",
    "auditor.facts.third_parties",
    "auditor.facts.links",
)

#: The package's folder, and where ``scripts/compile`` puts its build.
PACKAGE = Path(__file__).resolve().parent
BUILD = PACKAGE.parent / "build" / "compiled"
MANIFEST = "manifest.json"


def sources_digest(package: Path = PACKAGE) -> str:
    """SHA-256 over every ``.py`` file of the package: each one's path and content, in path order."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def extension_suffix() -> str:
    """The file suffix of this interpreter's extension modules (``.cpython-311-x86_64-linux-gnu.so``)."""
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def usable_build(build: Path = BUILD, package: Path = PACKAGE) -> dict[str, str] | None:
    """``{module: extension file}`` of a build of exactly ``package``'s sources for this
    interpreter, every file there; None when there is none (missing, unreadable, stale, another
    Python, a file gone)."""
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("suffix") != extension_suffix():
        return None
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return None
    found = {str(name): build / str(file) for name, file in files.items()}
    if not all(path.is_file() for path in found.values()):
        return None
    try:
        if manifest.get("sources") != sources_digest(package):
            return None
    except OSError:
        return None
    return {name: str(path) for name, path in found.items()}


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules (and mypyc's shared library of them) in the build."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        return importlib.util.spec_from_file_location(fullname, file)


def install(build: Path = BUILD, package: Path = PACKAGE) -> bool:
    """Load the compiled modules from ``build`` from now on, when it is a usable build of these
    sources and ``AUDITOR_PURE_PYTHON`` does not ask for the sources. Whether it was installed."""
    if settings.pure_python() or any(isinstance(f, _Finder) for f in sys.meta_path):
        return False
    files = usable_build(build, package)
    if files is None:
        return False
    sys.meta_path.insert(0, _Finder(files))
    return True


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from the compiled build."""
    return str(getattr(module, "__file__", "") or "").endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
