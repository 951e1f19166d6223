"""The article views the leaderboard writes beside its page: one per ranked
submission and document, at ``view/<entry.views>/<doc_id>.html``
(:func:`~benchmark.rendering.article_html.view_path`)."""

from __future__ import annotations

from benchmark.leaderboard.build import Built
from benchmark.rendering.article_html import article_page, cluster_index, view_path
from benchmark.scoring.explanation import explain

BOARD_FROM_VIEW = "../../index.html"
"""The board page, seen from a view."""


def view_pages(built: Built) -> dict[str, str]:
    """Path relative to the output folder -> page, for every ranked entry and document."""
    board = built.board
    pages: dict[str, str] = {}
    for entry in board.entries:
        if not entry.views:
            continue
        predicted = built.submissions[entry.file].by_id()
        clusters = cluster_index(built.gold, predicted)
        for doc_id in board.documents:
            gold, document = built.gold[doc_id], built.documents[doc_id]
            explanation = explain(gold, predicted.get(doc_id), document, board.mode)
            pages[view_path(entry.views, doc_id)] = article_page(
                explanation, gold, predicted.get(doc_id), document, entry.system, clusters, board.documents, BOARD_FROM_VIEW)
    return pages
