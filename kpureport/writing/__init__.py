"""Writing: figures turned into sentences, charts and HTML fragments."""
