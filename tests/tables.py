"""The tables of a built report, found by the key the report gives each one (``data-key``),
never by their caption, so that rewording a caption breaks no test."""

import re


def cells(fragment: str) -> list[list[str]]:
    """Every row of an HTML table as the text of its cells."""
    return [
        [
            " ".join(re.sub(r"<[^>]+>", "", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", fragment, re.S)
    ]


def tables(html: str) -> dict[str, list[list[str]]]:
    """Every keyed table of the report (header row first), by its key."""
    return {
        key: cells(body)
        for key, body in re.findall(
            r'<figure class="tabel"[^>]* data-key="([^"]+)"[^>]*>(.*?)</figure>', html, re.S
        )
    }
