"""One way to write a self-contained HTML page: escaping, safe links and
anchors, and a Content-Security-Policy that allows nothing but the page's own
inline ``<style>`` and ``<script>``, named by their SHA-256 hashes (CSP Level 2,
https://www.w3.org/TR/CSP2/#source-list-syntax). No ``style=`` attributes and no
inline event handlers are used, so no ``'unsafe-inline'`` is needed."""

from __future__ import annotations

import base64
import hashlib
import html
import re

_PLAIN = re.compile(r"[A-Za-z0-9_.]{1,64}")


def esc(text: object) -> str:
    """``text`` as HTML text or a quoted attribute value."""
    return html.escape(str(text), quote=True)


def token(text: str) -> str:
    """A string safe in an ``id``, a URL fragment and a file name: itself when
    it is short plain ASCII (letters, digits, ``_``, ``.``, not only dots),
    otherwise ``h-`` and a hash (no plain token contains ``-``, so the two never
    collide)."""
    if _PLAIN.fullmatch(text) and text.strip("."):
        return text
    return "h-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def safe_url(url: str) -> str | None:
    """``url`` when it is an absolute ``http``/``https`` address without spaces or
    control characters; ``None`` for anything else (``javascript:``, ``data:``,
    relative paths), which is then shown as text, never as a link."""
    if not re.fullmatch(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", url, flags=re.IGNORECASE):
        return None
    return url


def csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(style: str, script: str = "") -> str:
    """The page's Content-Security-Policy: nothing from anywhere, except the
    inline style and script whose hashes it names."""
    parts = ["default-src 'none'", f"style-src {csp_hash(style)}"]
    if script:
        parts.append(f"script-src {csp_hash(script)}")
    parts += ["img-src 'none'", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(parts)


def page(title: str, style: str, body: str, script: str = "") -> str:
    """A whole HTML document: ``title`` is escaped here; ``body`` is trusted
    markup that the caller built from escaped strings."""
    script_tag = f"<script>{script}</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(policy(style, script))}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n{body}\n{script_tag}</body>\n</html>\n"
    )
