"""``json``: the quiz plan itself (docs/quiz-plan.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SUFFIX = ".json"


def write(plan: dict[str, Any], out: Path) -> list[str]:
    out.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return []
