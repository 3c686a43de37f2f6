"""Ingest: the office's files read, validated and made into canonical tables (readers, cache, load)."""
