"""Build-time helpers for the six-language site: catalogs, checks, rendering.

Everything here is plain Python, importable and tested without MkDocs; the files
in hooks/ only adapt MkDocs events to these functions.
"""

SOURCE_LANGUAGE = "en"
