"""Loads a catalogue as a package of its own, as a generated client is laid
out: its ``_catalogue.py`` beside the runtime's verbatim files (the runtime
itself is read from ``errcat_test_api``, so the files under test are the ones
every generated client copies)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

#: The folder of the runtime's verbatim files (and the Test API catalogue).
RUNTIME = Path(__file__).resolve().parent.parent / "errcat_test_api"


def load_catalogue_package(name: str, catalogue_folder: Path) -> ModuleType:
    """The package ``name`` whose ``_catalogue`` is the one in
    ``catalogue_folder`` and whose other modules are the runtime's."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name,
        RUNTIME / "__init__.py",
        submodule_search_locations=[str(catalogue_folder), str(RUNTIME)],
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {RUNTIME / '__init__.py'} as {name}")
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return package
