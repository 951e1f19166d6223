"""The leaderboard: scoring every submission, ranking, and rendering the board
(Markdown, HTML, CSV)."""
