"""Reading the editable catalogues (YAML data files): bundled defaults, overridable per deployment."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from gwrtrack.errors import GwrError


class CatalogueError(GwrError):
    """A catalogue file is missing or malformed."""


def bundled(name: str) -> Path:
    """The catalogue shipped with gwrtrack (``data/catalogue/NAME``)."""
    return Path(str(resources.files("gwrtrack") / "data" / "catalogue" / name))


def stamped(path: Path) -> tuple[Path, int]:
    """``path`` with its modification time: a cache key that changes when the file is edited."""
    try:
        return path, path.stat().st_mtime_ns
    except OSError as exc:
        raise CatalogueError(f"cannot read catalogue {path}: {exc.strerror}") from None


def load_yaml(path: Path, required: str) -> dict[str, Any]:
    """The mapping in ``path``; it must have the key ``required``. Errors are one line."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueError(f"cannot read catalogue {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise CatalogueError(f"catalogue {path}{where} is not valid YAML") from None
    if not isinstance(data, dict) or not isinstance(data.get(required), list):
        raise CatalogueError(f"catalogue {path} needs a list under '{required}:'")
    return data
