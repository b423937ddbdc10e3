"""Every size and time limit of sitegen, in one place.

Why limits at all: every input is bounded, so a hostile or accidental file (a million rows, a
1 MB cell, a FIFO, a regular expression that backtracks for ever, Markdown with 50,000 '[')
fails fast with a clear message instead of hanging or exhausting memory. Each limit is far
above real data: the bundled data has 208 figures and no cell over 1,000 characters; the
200-province benchmark (scripts/synthetic-data 200) has 49,040 figures in an 11 MB
observations.csv. README "Guarantees" lists them all (tests/test_architecture.py checks that
every entry of DOCUMENTED is printed there).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

KIB, MIB = 1024, 1024 * 1024

# Data (data/)
MAX_CSV_BYTES = 64 * MIB            # per CSV file
MAX_ROWS = 100_000                  # rows per CSV file, header aside (2 × the 200-province benchmark)
MAX_CELL_CHARS = 10_000             # characters per cell (the longest quote today: under 1,000)
MAX_ID_CHARS = 64                   # ids become file names and chart ids
MAX_INTEGER_DIGITS = 30             # a whole number is kept exact (Python int) up to this many digits
MAX_DECIMAL_DIGITS = 15             # significant digits of a number with a decimal point: exact as a float
MAX_DESCRIPTOR_BYTES = 1 * MIB      # datapackage.json
MAX_PATTERN_CHARS = 200             # a `pattern` constraint of datapackage.json
PATTERN_SECONDS = 2                 # time the descriptor's patterns may take on one column

# Commentary (content/)
MAX_MARKDOWN_BYTES = 256 * KIB      # per Markdown file
MAX_MARKDOWN_BRACKETS = 1_000       # '[' per file: Python-Markdown's link parsing is quadratic in them
MAX_MARKDOWN_NESTING = 20           # levels of lists and block quotes
MARKDOWN_SECONDS = 10               # time to render one Markdown file
MAX_FRONT_MATTER_DEPTH = 3          # nesting of the YAML front matter (it holds 'key: value' lines)
MAX_IMAGE_BYTES = 5 * MIB           # per image copied from content/ into the site

# Templates, the project file and output
MAX_TEMPLATE_BYTES = 1 * MIB        # per template file
MAX_PROJECT_BYTES = 1 * MIB         # sitegen.toml
LOCK_WAIT_SECONDS = 60              # a build waits this long for another build into the same --out

# What README "Guarantees" prints for each limit (the test looks for each phrase there).
DOCUMENTED = {
    "MAX_CSV_BYTES": "64 MiB per CSV file",
    "MAX_ROWS": "100,000 rows per CSV file",
    "MAX_CELL_CHARS": "10,000 characters per cell",
    "MAX_ID_CHARS": "64 characters per id",
    "MAX_INTEGER_DIGITS": "30 digits per whole number",
    "MAX_DECIMAL_DIGITS": "15 significant digits per decimal number",
    "MAX_DESCRIPTOR_BYTES": "1 MiB for datapackage.json",
    "MAX_PATTERN_CHARS": "200 characters per descriptor pattern",
    "PATTERN_SECONDS": "2 s per pattern and column",
    "MAX_MARKDOWN_BYTES": "256 KiB per Markdown file",
    "MAX_MARKDOWN_BRACKETS": "1,000 '[' per Markdown file",
    "MAX_MARKDOWN_NESTING": "20 levels of nested lists and quotes",
    "MARKDOWN_SECONDS": "10 s to render a Markdown file",
    "MAX_FRONT_MATTER_DEPTH": "3 levels of front-matter nesting",
    "MAX_IMAGE_BYTES": "5 MiB per image",
    "MAX_TEMPLATE_BYTES": "1 MiB per template",
    "MAX_PROJECT_BYTES": "1 MiB for sitegen.toml",
    "LOCK_WAIT_SECONDS": "60 s waiting for another build",
}


def size_text(size: int) -> str:
    """64 MiB, 256 KiB, 900 bytes: how the messages and the README write sizes."""
    if size >= MIB and size % MIB == 0:
        return f"{size // MIB} MiB"
    if size >= KIB and size % KIB == 0:
        return f"{size // KIB} KiB"
    return f"{size:,} bytes"


class TimeLimitExceeded(Exception):
    """Raised inside a `time_limit` block when its time is up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block once `seconds` have passed.

    A SIGALRM timer: it interrupts pure Python and the `re` engine alike (CPython checks
    signals while matching). Signals reach only the main thread, so elsewhere (a server
    thread) the block runs unbounded in time and the size limits alone apply."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
