"""Where the bundled data directories (``rules/``, ``locales/``) are.

In a wheel they are installed inside the package (``bounceinterp/rules``); in a source checkout
or an editable install they sit at the top of the repository, next to the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Path of the bundled data directory ``name`` (``"rules"`` or ``"locales"``)."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bounceinterp data directory {name!r} is missing from this install")


def rules_dir() -> Path:
    return data_dir("rules")


def locales_dir() -> Path:
    return data_dir("locales")


def load_yaml(path: Path) -> Any:
    """Read a YAML data file of the package: from the prepared cache when it holds this very
    file (``datacache``), else with libyaml's C loader (several times faster than Python's)."""
    from .datacache import lookup

    source = path.read_bytes()
    directory = rules_dir()
    if path.is_relative_to(directory):
        found, value = lookup(directory, path, source)
        if found:
            return value
    import yaml  # only when the prepared cache does not have the file: not on every start

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(source.decode("utf-8"), Loader=loader)


@cache
def _no_alias_loader() -> type:
    """A YAML loader for files from outside the package (a caller's rules): it refuses aliases
    and anchors, so that a few hundred bytes cannot expand into gigabytes ("billion laughs")."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.events.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed in rule files", event.start_mark
                )
            event = self.peek_event()
            if getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None, None, "anchors (&name) are not allowed in rule files", event.start_mark
                )
            return super().compose_node(parent, index)

    return NoAliasLoader


#: The largest rule file read from a caller's directory (bytes).
MAX_RULE_FILE = 1024 * 1024


def load_untrusted_yaml(path: Path, max_bytes: int = MAX_RULE_FILE) -> Any:
    """Read a YAML file that is not ours: at most ``max_bytes``, no aliases. Raises
    ``yaml.YAMLError`` (also for a file too large), ``UnicodeDecodeError`` or ``OSError``."""
    import yaml

    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise yaml.YAMLError(f"larger than {max_bytes} bytes")
    return yaml.load(data.decode("utf-8"), Loader=_no_alias_loader())  # a SafeLoader
