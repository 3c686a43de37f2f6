"""The narrative editor writes YAML the report reads, with the template's comments and order."""

from __future__ import annotations

import datetime as dt

import yaml

from kpureport.app import narrative
from kpureport.ingest.load import load_narrative


def test_given_parts_are_written_and_the_others_stay_commented(tmp_path):
    values = {
        "introduction": "Paragraf satu.\n\nParagraf dua dengan 'kutip' dan: titik dua.",
        "constraints": ["Sinyal lemah.", "Staf sedikit."],
        "signature": {"place": "Sukadana", "date": "2024-12-30", "title": "Ketua", "name": "A"},
    }
    text = narrative.yaml_text(2024, values)
    assert text.startswith("# Bagian naratif laporan tahun 2024")
    assert "# closing: Demikian laporan ini kami sampaikan." in text
    keys = [k for k in yaml.safe_load(text)]
    assert keys == ["introduction", "constraints", "signature"]
    order = [text.index(k) for k in ("introduction:", "# platforms:", "constraints:", "# closing")]
    assert order == sorted(order)
    (tmp_path / "narrative").mkdir()
    (tmp_path / "narrative" / "2024.yml").write_text(text, encoding="utf-8")
    read = load_narrative(tmp_path, 2024)
    assert read.introduction == values["introduction"]
    assert read.constraints == ("Sinyal lemah.", "Staf sedikit.")
    assert read.signature.date == dt.date(2024, 12, 30)
