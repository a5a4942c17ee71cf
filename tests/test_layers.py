"""The app's layers as pyproject.toml's import-linter contracts state them: core at the bottom (no Frappe),
the shared floor, the features in their order, the workspace, and the Frappe module, overrides, patches,
install and the demo on top; no import cycles."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

importlinter_cli = pytest.importorskip("importlinter.cli", reason="pip install import-linter (.ci/run does)")


def test_the_import_contracts_hold(capsys):
	sys.path.insert(0, str(REPO))
	cwd = os.getcwd()
	os.chdir(REPO)
	try:
		status = importlinter_cli.lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True)
	finally:
		os.chdir(cwd)
		sys.path.remove(str(REPO))
	report = capsys.readouterr().out
	assert status == importlinter_cli.EXIT_STATUS_SUCCESS, report
	assert "2 kept, 0 broken" in report, report
