"""Rendering reports and explanations as text, JSON, CSV and Markdown."""
