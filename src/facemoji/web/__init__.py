"""facemoji's web page and HTTP API (optional extra ``facemoji[web]``).

    facemoji serve                      # then open http://127.0.0.1:8000

or, from Python, ``uvicorn.run(facemoji.web.create_app())``. The API is documented at
``/docs``; see :mod:`facemoji.web.app`.
"""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
