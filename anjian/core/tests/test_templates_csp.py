"""Every template holds to the Content-Security-Policy (``style-src 'self'; script-src 'self'``):
no ``style=`` attribute, no ``<style>`` block, no inline ``<script>`` and no ``on…=`` handler.
The browser would refuse them and log an error; a look belongs in static/css/app.css as a class,
behaviour in a static script. One case per template, so a failure names the file and line."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

FORBIDDEN = {
    "an inline style attribute": re.compile(r"""<[^>]*\sstyle\s*=\s*["'{]""", re.IGNORECASE),
    "a <style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    # A script from a file, or a JSON data block (never run), is allowed.
    "an inline <script>": re.compile(
        r"<script(?![^>]*\s(?:src\s*=|type\s*=\s*[\"']application/json))[^>]*>", re.IGNORECASE
    ),
    "an inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
}


def templates() -> list[Path]:
    """The project's templates and every app's own (templates/ and anjian/<app>/templates/)."""
    found = list((ROOT / "templates").rglob("*.html"))
    found += [p for p in (ROOT / "anjian").rglob("templates/**/*.html")]
    return sorted(found)


def test_the_templates_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in templates()}
    assert "templates/base.html" in names
    assert "templates/core/import_progress.html" in names


@pytest.mark.parametrize(
    "path", templates(), ids=lambda p: p.relative_to(ROOT).as_posix() if isinstance(p, Path) else p
)
def test_template_has_nothing_the_csp_blocks(path):
    text = path.read_text(encoding="utf-8")
    found = [
        f"line {text.count(chr(10), 0, match.start()) + 1}: {what}: {match.group(0)[:80]}"
        for what, pattern in FORBIDDEN.items()
        for match in pattern.finditer(text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "html",
    [
        '<th style="width: 10rem">',
        '<div class="x"\n     style="width: {{ n }}%">',
        "<style>p{}</style>",
        "<script>alert(1)</script>",
        '<button onclick="go()">',
    ],
)
def test_the_lint_catches(html):
    assert any(pattern.search(html) for pattern in FORBIDDEN.values())


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/app.js" defer></script>',
        '<script type="application/json" id="data">{}</script>',
        '<div class="progress-meter" data-style="x">',
        "<p>style=plain words in a sentence</p>",
        '<a hx-on="x">',
    ],
)
def test_the_lint_lets_pass(html):
    assert not any(pattern.search(html) for pattern in FORBIDDEN.values())
