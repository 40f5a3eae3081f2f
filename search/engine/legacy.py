"""The on-disk format, and the names that indexes of format 1 (written before the engine moved)
pickled, mapped to where those objects live now: such an index is still read, until the next
reindex rebuilds it in full."""

from __future__ import annotations

import sys
import types

from search.engine import analysis, block_format

# 1: the flat `search` package; 2: `search.engine`, with Dateline's codec named in each segment;
# 3: long blocks' headers carry their best (weight, length) pairs (block_format.BlockMax), which
# an older Dateline cannot unpickle.
FORMAT = 3

_MOVED = {
    "search.analysis": {
        "NewsAnalyzer": analysis.NewsAnalyzer,
        "PackedPositions": analysis.PackedPositions,
    },
    "search.blockformat": {"_unpack": block_format._unpack},
}


def install() -> None:
    """Make the old module paths importable, for the unpickler only: new code never uses them."""
    for name, attributes in _MOVED.items():
        if name not in sys.modules:
            module = types.ModuleType(name, f"Format-1 alias (see {__name__}).")
            module.__dict__.update(attributes)
            sys.modules[name] = module
