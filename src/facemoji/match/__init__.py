"""Where photos meet avatars: similarity, the objective, initialisation from measured
attributes, the lineup, greedy and global search, and ``generate``.

The verbs are exported by :mod:`facemoji` (``facemoji.generate``, ``facemoji.lineup``);
they are not re-exported here, where they would hide their own modules. Heavy parts
(nevergrad, dlib) load on first use.
"""

from __future__ import annotations

from .generate import Result
from .lineup import Lineup
from .objective import Objective, Weights

__all__ = ["Lineup", "Objective", "Result", "Weights"]
