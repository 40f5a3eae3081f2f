"""Stage 2 of the pipeline: the quotations in an article's text and who said each one."""

from search.quotes.extraction import Quote, extract_quotes
from search.quotes.speakers import merge_speakers

__all__ = ["Quote", "extract_quotes", "merge_speakers"]
