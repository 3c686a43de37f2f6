"""Exports are recognised by their content, never their file name; an unknown file names the
closest format and what it lacks; an export downloaded in another interface language gets one
message saying what to change."""

import shutil

import pytest

from kpureport.errors import DataError
from kpureport.ingest import readers
from kpureport.ingest.readers import textfile

from ...conftest import SAMPLES
from .helpers import read

WIB = "Asia/Pontianak"
HEADERS = {
    # Meta Business Suite, Facebook posts, Spanish interface
    "Spanyol": "Identificador de la publicación,Identificador de la página,Nombre de la página,"
    "Título,Descripción,Enlace permanente,Tipo de publicación,Hora de publicación,Fecha,"
    "Visualizaciones,Alcance,Reacciones,Comentarios,Veces que se compartió",
    # TikTok Studio, Overview, Vietnamese interface
    "Vietnam": '"Ngày","Lượt xem video","Lượt xem hồ sơ","Lượt thích","Bình luận","Lượt chia sẻ"',
    # YouTube Studio, Table data, Japanese interface
    "Jepang": "コンテンツ,動画のタイトル,動画公開時刻,長さ,視聴回数,総再生時間",
    # Meta Business Suite, Instagram posts, Portuguese interface
    "Portugis": "ID da publicação,ID da conta,Nome de usuário da conta,Data,Visualizações,"
    "Alcance,Curtidas,Compartilhamentos",
}


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_an_export_in_another_interface_language_names_what_to_change(tmp_path, language):
    path = tmp_path / "ekspor.csv"
    path.write_text(HEADERS[language] + "\n" + "1," * 5 + "1\n", encoding="utf-8-sig")
    with pytest.raises(DataError) as err:
        readers.read_export(path, WIB)
    [problem] = err.value.problems
    assert problem.found.startswith(f"ekspor berbahasa tampilan {language}")
    assert problem.expected == readers.LANGUAGE_HINT
    assert "English" in problem.expected and "unduh ulang" in problem.expected


def test_an_unknown_english_header_keeps_the_closest_format_message(tmp_path):
    path = tmp_path / "ekspor.csv"
    path.write_text("Post ID,Page ID,Publish time\n1,2,3\n", encoding="utf-8")
    with pytest.raises(DataError, match="paling mirip: Meta Business Suite"):
        readers.read_export(path, WIB)


def test_every_sample_is_recognized_by_content():
    formats = {p.name: readers.detect(textfile.open_table(p)).name for p in SAMPLES.glob("*.csv")}
    assert formats == {
        "tiktok-studio-Overview.csv": "tiktok-overview",
        "facebook-insights-legacy-page-level.csv": "facebook-insights-page",
        "facebook-insights-legacy-post-level.csv": "facebook-insights-post",
        "google-forms-responses.csv": "google-forms",
        "tweet_activity_metrics_2021-01_en.csv": "twitter-tweet-activity",
        "youtube-studio-Table data.csv": "youtube-table",
        "youtube-studio-Totals.csv": "youtube-totals",
    }


def test_recognition_does_not_depend_on_the_file_name(tmp_path):
    copy = tmp_path / "unduhan (3).csv"
    shutil.copyfile(SAMPLES / "tweet_activity_metrics_2021-01_en.csv", copy)
    assert read(copy).format.name == "twitter-tweet-activity"


def test_unknown_file_names_the_closest_format_and_what_it_lacks(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        'Post id,Date,Post text,Impressions\n1,"Sat, Sep 6, 2025",a,1\n', encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"paling mirip: X Analytics, per unggahan .* Post Link"):
        read(path)
