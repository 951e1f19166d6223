"""Hard limits against hostile or runaway input, checked right after parsing and
before anything whose cost is not linear in the input's size.

They are far above anything an honest submission for this benchmark needs (five
documents of about 3,000 characters each; a 10,000-document corpus replicated from
the real gold is a 135 MB submission), and low enough that a malicious file cannot
exhaust memory or the stack of the process that scores it. They apply to
submissions; the dataset the user points at (``--data``) is validated but its files
have no size limit.
"""

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest submission file read, in bytes (256 MiB)."""

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects accepted (a valid submission needs 7)."""

MAX_DOCUMENTS = 100_000
"""Most document records in one submission."""

MAX_OBJECTS_PER_DOCUMENT = 10_000
"""Most entities + events + claims + mentions in one document record."""

MAX_INTEGER_DIGITS = 20
"""Most digits of a JSON integer (every 64-bit integer fits; Python cannot even
convert an integer of more than 4,300 digits to text)."""

MAX_NFKC_GROWTH = 4
NFKC_ALLOWANCE = 64
"""A string may grow under Unicode NFKC (which scoring applies) to at most
``MAX_NFKC_GROWTH`` times its length plus ``NFKC_ALLOWANCE`` characters: "…"
becomes "..." (3x), but U+FDFA becomes 18 characters, which would let a file
expand eighteenfold in memory while it is scored. The length measured is the
compatibility decomposition's, character by character (``jsonio.nfkc_bound``):
an upper bound of the NFKC length, exact unless characters compose, and cheap."""

MAX_PROBLEMS = 1_000
"""Most problems listed for one file: past it, checking stops and one last problem
says so (a file of a million bad records costs no more than a thousand)."""
