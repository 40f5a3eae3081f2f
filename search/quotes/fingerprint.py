"""A quote's fingerprint: the same words, whatever the case, punctuation or spacing."""

from __future__ import annotations

import hashlib
import re

_WORDS = re.compile(r"\w+")


def quote_fingerprint(text: str) -> str:
    """Equal for quotes that differ only in case, punctuation or spacing."""
    words = " ".join(_WORDS.findall(text.lower()))
    # A digest, not the words: the quote's text is stored beside it already.
    return hashlib.blake2b(words.encode("utf-8"), digest_size=10).hexdigest()
