"""facemoji's web page and HTTP API (optional extra ``facemoji[web]``).

    facemoji serve                      # then open http://127.0.0.1:8000

or, from Python, ``uvicorn.run(facemoji.web.create_app())``. The API is documented at
``/docs``; see :mod:`facemoji.web.app`. The app (FastAPI) loads on first use, so that
the worker processes, which import :mod:`facemoji.web.workers`, do not load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .app import WebConfig, create_app

__getattr__ = lazy_exports(__name__, {"WebConfig": ".app", "create_app": ".app"}, globals())

__all__ = ["WebConfig", "create_app"]
