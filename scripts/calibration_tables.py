"""Write the calibration tables of the built-in styles (``facemoji/data/calibration_*.json``).

    python scripts/calibration_tables.py

Geometry calibration (:mod:`facemoji.match.calibration`) measures each style's own
landmarks: how every face ratio spreads over 200 random avatars and how it moves with each
scalar. That takes about a second, which every new process paid on its first ``generate``;
the tables ship instead. Rerun this after changing a style's drawing or schema:
``tests/match/test_match_calibration.py`` fails while a shipped table differs from what
the style draws now.
"""

from __future__ import annotations

import json
from pathlib import Path

from facemoji.match.calibration import table

STYLES = ("facemoji", "avataaars")
DATA = Path(__file__).resolve().parents[1] / "src" / "facemoji" / "data"


def main() -> None:
    for style in STYLES:
        path = DATA / f"calibration_{style}.json"
        path.write_text(json.dumps(table(style), separators=(",", ":")) + "\n")
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
