"""HTML fragments of the report, from Jinja templates in ``templates/fragments``.

Every value from data is escaped by Jinja's autoescape. Hand-written narrative may use
Markdown; it is rendered with raw HTML disabled, so markup typed into a YAML file is shown as
text and never reaches the reader's browser as code.
"""

from __future__ import annotations

import base64
from functools import cache

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from kpureport import formatting as fmt
from kpureport.config import TEMPLATES_DIR

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")


class Fragment:
    """A piece of the report; Jupyter and nbconvert display it through ``_repr_html_``."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def markdown(text: str | None) -> Markup:
    """Safe HTML of hand-written Markdown: raw HTML escaped, no images (no request may leave
    the file), and markdown-it refuses javascript:, vbscript:, file: and data: links."""
    return Markup(_MARKDOWN.render(text or ""))


def is_web_link(url: object) -> bool:
    """Only http(s) links from data become links; ``javascript:`` and the like stay text."""
    return isinstance(url, str) and url.strip().lower().startswith(("https://", "http://"))


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "fragments"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["web_link"] = is_web_link
    env.filters.update(
        markdown=markdown, number=fmt.number, percent=fmt.percent, svg_data_uri=svg_data_uri
    )
    return env


def fragment(template: str, **context: object) -> Fragment:
    return Fragment(environment().get_template(template).render(**context))


def section(
    id: str,
    title: str,
    paragraphs: list[str],
    tables: list[dict] = (),
    figures: list[dict] = (),
    quotes: list[dict] = (),
) -> Fragment:
    """A sub-chapter: heading, sentences, numbered tables and figures, quotes."""
    return fragment(
        "section.html.j2",
        id=id,
        title=title,
        paragraphs=paragraphs,
        tables=list(tables),
        figures=list(figures),
        quotes=list(quotes),
    )
