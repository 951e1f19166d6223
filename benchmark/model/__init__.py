"""The data model and its input: typed records, JSON reading under limits,
schema and reference validation, loading, problems and paths.

The lowest layer: it imports nothing else from ``benchmark``."""
