"""The office form writes a profile ``kpureport check`` accepts, and says what is wrong where."""

from __future__ import annotations

from kpureport.app import office
from kpureport.ingest.load import load_profile


def test_a_valid_form_writes_a_profile_the_report_reads(tmp_path):
    raw = {
        "name": "Komisi Pemilihan Umum Kabupaten Uji",
        "province": "Kalimantan Barat",
        "city": "Sukadana",
        "timezone": "Asia/Pontianak",
        "email": "humas@uji.kpu.go.id",
        "accounts": [
            {
                "platform": "youtube",
                "name": "KPU Uji",
                "url": "https://www.youtube.com/@kpuuji",
                "since": "2019-01",
            }
        ],
    }
    assert office.problems_of(raw, tmp_path / "profile.yml") == []
    (tmp_path / "profile.yml").write_text(office.profile_text(raw), encoding="utf-8")
    profile = load_profile(tmp_path)
    assert profile.accounts[0].since.isoformat() == "2019-01-01"
    assert profile.email == "humas@uji.kpu.go.id"


def test_each_wrong_field_is_named(tmp_path):
    raw = {
        "name": "KPU Uji",
        "province": "X",
        "city": "Y",
        "email": "bukan-surel",
        "accounts": [{"platform": "youtube", "name": "A", "url": "youtube.com/a"}],
    }
    keys = {p.key for p in office.problems_of(raw, tmp_path / "profile.yml")}
    assert keys == {"name", "email", "accounts[1].url"}


def test_the_form_marks_each_field_and_creates_the_office_once_valid(tmp_path):
    from kpureport.app.state import State

    state = State(tmp_path / "data", tmp_path / "outputs", None, 2024)
    state.data_dir.mkdir()
    form = office.OfficeForm(state)
    form.fields["name"].value = "Komisi Pemilihan Umum Kota Uji"
    assert form.slug.value == "kota-uji"
    form.fields["province"].value = "Kalimantan Barat"
    form.fields["city"].value = "Kota Uji"
    form.accounts[0].fields["name"].value = "KPU Kota Uji"
    form.accounts[0].fields["url"].value = "instagram.com/kpukotauji"
    form._save()
    assert "http:// atau https://" in form.accounts[0].errors.value
    assert not (state.data_dir / "kota-uji").exists()
    form.accounts[0].fields["url"].value = "https://www.instagram.com/kpukotauji/"
    form._save()
    assert state.office == "kota-uji"
    assert load_profile(state.data_dir / "kota-uji").accounts[0].name == "KPU Kota Uji"
    assert "disimpan" in form.message.widget.value
