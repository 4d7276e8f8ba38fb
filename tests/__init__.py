"""The project's tests; they mirror src/wenjiuye_cli."""

from pathlib import Path

# The project's root (examples/, policy.toml, pyproject.toml), wherever a test module sits under tests/
PROJECT_ROOT = Path(__file__).resolve().parents[1]
