"""Built-in styles; importing this package registers them."""

from . import avataaars, facemoji  # noqa: F401  (registration side effects)
