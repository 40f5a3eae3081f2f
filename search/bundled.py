"""The sample archive shipped with Dateline, so a first search finds something."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent / "sample"
