"""The LLM baseline: any OpenAI-compatible chat-completions server (``python -m baselines.llm``)."""
