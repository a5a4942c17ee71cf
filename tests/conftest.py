"""Tier 1 runs without Frappe: put the repo root on the path so `sales_technology.core` imports."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
	sys.path.insert(0, str(REPO))
