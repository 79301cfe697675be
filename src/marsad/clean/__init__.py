"""clean: RawDocument to Document.

Main text out of HTML, page chrome out line by line (each removed line kept
with its reason), then headline, publication date and outlet.
"""

from marsad.clean.document import clean

__all__ = ["clean"]
