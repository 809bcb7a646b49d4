"""Built-in styles; importing this package registers them."""

from . import facemoji  # noqa: F401  (registration side effects)
