"""kpureport's version, written once: the package, the build records, the export cache, the
command line and the packaging metadata (pyproject.toml) all read it from here."""

__version__ = "0.2.0"
