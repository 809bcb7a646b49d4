"""One small registry mechanism for pluggable parts (styles, embedders).

Built-in parts register with a decorator; third-party packages register through an
``importlib.metadata`` entry-point group. Lookups are lazy: a factory runs on first
use and its result is cached.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from .errors import UnknownName

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])

log = logging.getLogger(__name__)


class Registry(Generic[T]):
    """Named factories of one kind of object, plus an entry-point group.

    ``kind`` names the objects in error messages ("style"); ``group`` is the
    entry-point group third parties use (``facemoji.styles``). ``builtins`` is a
    module whose import registers the built-in parts, imported on first lookup so
    that importing facemoji stays cheap.
    """

    def __init__(self, kind: str, group: str, builtins: str | None = None) -> None:
        self.kind = kind
        self.group = group
        self._builtins = builtins
        self._factories: dict[str, Callable[[], T]] = {}
        self._instances: dict[str, T] = {}
        self._loaded = False
        self._lock = threading.RLock()

    def register(self, name: str) -> Callable[[F], F]:
        """Decorator registering a class or zero-argument factory under ``name``."""
        if name != name.lower() or not name:
            raise ValueError(f"{self.kind} names are lowercase and non-empty: {name!r}")

        def decorate(factory: F) -> F:
            self._factories[name] = factory  # type: ignore[assignment]
            self._instances.pop(name, None)
            return factory

        return decorate

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
            if self._builtins:
                __import__(self._builtins)
            for ep in entry_points(group=self.group):
                if ep.name in self._factories:
                    continue
                try:
                    self._factories[ep.name] = ep.load()
                except Exception as exc:  # a broken plugin must not break facemoji
                    log.warning("could not load %s %r from %s: %s", self.kind, ep.name,
                                ep.value, exc)

    def names(self) -> list[str]:
        """The registered names, sorted."""
        self._load()
        return sorted(self._factories)

    def get(self, name: str) -> T:
        """The object registered as ``name``; :class:`UnknownName` lists the valid names."""
        self._load()
        with self._lock:
            if name not in self._instances:
                if name not in self._factories:
                    valid = ", ".join(self.names()) or "(none)"
                    raise UnknownName(f"unknown {self.kind} {name!r}; valid {self.kind}s: {valid}")
                self._instances[name] = self._factories[name]()
            return self._instances[name]
