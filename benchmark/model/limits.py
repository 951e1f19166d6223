"""Hard limits against hostile or runaway input, checked before and after parsing.

They are far above anything an honest submission for this benchmark needs (five
documents of about 3,000 characters each), and low enough that a malicious file
cannot exhaust memory or the stack of the process that scores it.
"""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest submission or gold file read, in bytes (64 MiB)."""

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects accepted (a valid submission needs 7)."""

MAX_DOCUMENTS = 100_000
"""Most document records in one submission."""

MAX_OBJECTS_PER_DOCUMENT = 10_000
"""Most entities + events + claims + mentions in one document record."""
