"""Dateline: a full-text search engine for news articles."""

__version__ = "0.1.0"
