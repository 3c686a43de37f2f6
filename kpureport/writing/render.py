"""HTML fragments of the report, from Jinja templates in ``templates/fragments``.

This is the one place where data becomes report text: every value a template prints passes
:func:`public` (personal data redacted) and then Jinja's autoescape, and every chart's SVG
passes :func:`public` before it is embedded. A new field in a template cannot bypass either.
Hand-written narrative may use Markdown; it is rendered with raw HTML disabled, so markup
typed into a YAML file is shown as text and never reaches the reader's browser as code.
"""

from __future__ import annotations

import base64
import re
from functools import cache, lru_cache

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from kpureport import formatting as fmt
from kpureport.config import TEMPLATES_DIR
from kpureport.models import PlainText
from kpureport.redact import redact_text

#: Template variable holding the office's own published contacts, which are not redacted.
OFFICIAL = "official_contacts"

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")


#: Around the report's own HTML in a fragment's display: the exported report keeps only what
#: lies between (the notebook-only style and wrapper stay out).
LAB_END = "<!--/kpureport-lab-->"
LAB_START = "<!--kpureport-lab/-->"


@lru_cache(maxsize=1)
def _lab_style() -> str:
    return (TEMPLATES_DIR / "lab.css").read_text(encoding="utf-8")


class Fragment:
    """A piece of the report; Jupyter and nbconvert display it through ``_repr_html_``.

    In a notebook the fragment carries the report's look (``lab.css``, scoped to its own
    wrapper); the ``laporan`` nbconvert template drops that part, the exported file has its
    own stylesheet.
    """

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        if not self.html.strip():
            return ""
        return (
            f'<style>{_lab_style()}</style><div class="kpureport">{LAB_END}'
            f"{self.html}{LAB_START}</div>"
        )

    def __str__(self) -> str:
        return self.html


#: Foreign terms not yet absorbed into Indonesian, set in italics in generated text
#: (docs/gaya-bahasa.md). A fixed alternation of words: linear on any input.
FOREIGN_TERMS = re.compile(r"\b(story|reels|caption|hashtag)\b", re.IGNORECASE)


def generated(text: str) -> Markup:
    """Generated text as HTML: escaped, then its foreign terms in ``<em>``.

    >>> str(generated(PlainText("3 story <b>")))
    '3 <em>story</em> &lt;b&gt;'
    """
    return Markup(FOREIGN_TERMS.sub(r"<em>\1</em>", str(escape(text))))


def markdown(text: str | None) -> Markup:
    """Safe HTML of hand-written Markdown: raw HTML escaped, no images (no request may leave
    the file), and markdown-it refuses javascript:, vbscript:, file: and data: links.
    Generated text (:class:`PlainText`) is never read as Markdown: a blank line separates its
    paragraphs."""
    if isinstance(text, PlainText):
        return Markup("").join(
            Markup("<p>{}</p>\n").format(generated(part))
            for part in text.split("\n\n")
            if part.strip()
        )
    return Markup(_MARKDOWN.render(text or ""))


def is_web_link(url: object) -> bool:
    """Only http(s) links from data become links; ``javascript:`` and the like stay text."""
    return isinstance(url, str) and url.strip().lower().startswith(("https://", "http://"))


def public(value: object, keep: frozenset[str] = frozenset()) -> object:
    """A value as it may appear in the report: text with personal data redacted and direction
    controls removed (markup stays markup: the marks contain no character that HTML treats
    specially)."""
    if isinstance(value, Markup):
        return Markup(_redacted(str(value), keep))
    if isinstance(value, str):
        return _redacted(value, keep)
    return value


#: Unicode's explicit direction controls (embeddings, overrides, isolates): one left open in a
#: poll question would reverse the figures printed after it ("(%0,25)"). Letters keep their
#: own direction without them.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@lru_cache(maxsize=4096)
def _redacted(text: str, keep: frozenset[str]) -> str:
    return redact_text(text.translate(_DIRECTION_CONTROLS), keep)


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    shown = public(value, context.get(OFFICIAL, frozenset()))
    return generated(shown) if isinstance(value, PlainText) else shown


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


#: The markup of an SVG (tags, with their coordinates); what lies between is its text.
_SVG_TAG = re.compile(r"(<[^>]*>)")


def public_svg(svg: str, keep: frozenset[str] = frozenset()) -> str:
    """A chart with its text (labels from data) passed through :func:`public`; the markup is
    left alone, so path coordinates such as ``0 222.405425`` are never taken for a phone
    number and cut out of the drawing.

    >>> public_svg('<path d="M 0 222.405425 L 18.4 235"/><text>0812 3456 7890</text>')
    '<path d="M 0 222.405425 L 18.4 235"/><text>[nomor telepon dihapus]</text>'
    """
    parts = _SVG_TAG.split(svg)
    return "".join(p if i % 2 else public(p, keep) for i, p in enumerate(parts))


@jinja2.pass_context
def _chart_uri(context: jinja2.runtime.Context, svg: str) -> str:
    """A chart as an inline image; its labels come from data, so they pass :func:`public`."""
    return svg_data_uri(public_svg(svg, context.get(OFFICIAL, frozenset())))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        finalize=_finalize,
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "fragments"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["web_link"] = is_web_link
    env.filters.update(
        markdown=markdown, number=fmt.number, percent=fmt.percent, svg_data_uri=_chart_uri
    )
    return env


def fragment(template: str, official: frozenset[str] = frozenset(), **context: object) -> Fragment:
    """A template rendered; ``official`` holds the office's own contacts (kept, not redacted)."""
    return Fragment(environment().get_template(template).render(**context, **{OFFICIAL: official}))


def section(
    id: str,
    title: str,
    paragraphs: list[str],
    tables: list[dict] = (),
    figures: list[dict] = (),
    quotes: list[dict] = (),
    official: frozenset[str] = frozenset(),
    print_note: str | None = None,
) -> Fragment:
    """A sub-chapter: heading, sentences, numbered tables and figures, quotes. With a
    ``print_note`` the sub-chapter is on screen only (and in the data workbook); print and Word
    show the note in its place."""
    return fragment(
        "section.html.j2",
        official=official,
        print_note=print_note,
        id=id,
        title=title,
        paragraphs=paragraphs,
        tables=list(tables),
        figures=list(figures),
        quotes=list(quotes),
    )
