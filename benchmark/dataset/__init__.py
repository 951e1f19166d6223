"""The dataset's own tooling: building documents from the seeds, verifying the
gold, statistics, the dataset card, download, and annotator agreement."""
