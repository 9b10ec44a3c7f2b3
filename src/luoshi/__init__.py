"""luoshi (落实): turn a government work report into commitments that can be tracked.

The public API is small and Django-free::

    >>> from luoshi import extract_text
    >>> r = extract_text("今年城镇新增就业70万人。", year=2024)
    >>> [(i.indicator, int(i.value), i.unit) for i in r.items]
    [('城镇新增就业', 700000, '人')]
"""

from luoshi.model import Commitment, Extraction
from luoshi.pipeline import extract_file, extract_text

__all__ = ["Commitment", "Extraction", "extract_file", "extract_text"]
__version__ = "0.1.0"
