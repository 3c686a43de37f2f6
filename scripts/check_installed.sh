#!/usr/bin/env bash
# The installed package, not the checkout: build the sdist and, from it, the wheel; install the
# wheel into a fresh virtual environment in a temporary folder outside the checkout; there, in
# an empty folder, do what a new office and an analyst do, and compare the demo report's HTML
# with the checkout's, byte for byte. `make test` runs it (so CI does, through .ci/run).
#   scripts/check_installed.sh [CHECKOUT_PYTHON]   (default: the checkout's .venv/bin/python)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CHECKOUT_PY="${1:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kpureport-terpasang-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'GAGAL: %s\n' "$*" >&2; exit 1; }

step "sdist, then the wheel built from that sdist"
"$CHECKOUT_PY" -m build --quiet --outdir "$WORK/dist" "$ROOT" >/dev/null
ls "$WORK/dist"

step "a fresh virtual environment outside the checkout, with only the wheel"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WORK"/dist/kpureport-*.whl
export PATH="$WORK/venv/bin:$PATH"
unset KPUREPORT_DATA
mkdir "$WORK/kosong"
cd "$WORK/kosong"
python -c 'import kpureport, sys; sys.exit(kpureport.__file__.startswith(sys.argv[1]))' "$ROOT" \
  || fail "kpureport was imported from the checkout"
kpureport --version
python -m kpureport --version

step "init, check of the untouched template, the template filled, check again"
kpureport init --office kota-uji
if kpureport check --office kota-uji >"$WORK/check.txt"; then
  cat "$WORK/check.txt"; fail "check passed an untouched init template"
fi
grep -q "profile.yml, baris" "$WORK/check.txt" || { cat "$WORK/check.txt"; fail "placeholders not named by line"; }
cat >data/kota-uji/profile.yml <<'EOF'
name: Komisi Pemilihan Umum Kota Uji
abbreviation: KPU Kota Uji
province: Kalimantan Barat
city: Uji
timezone: Asia/Pontianak
website: https://kota-uji.kpu.go.id
email: humas@kota-uji.kpu.go.id
chair: Siti Rahmawati
accounts:
  - platform: instagram
    name: KPU Kota Uji
    handle: "@kpu_kotauji"
    url: https://www.instagram.com/kpu_kotauji/
    since: 2019-01
  - platform: facebook
    name: KPU Kota Uji
    handle: kpukotauji
    url: https://www.facebook.com/kpukotauji/
    since: 2019-01
EOF
cat >data/kota-uji/followers.csv <<'EOF'
tanggal,platform,pengikut
2024-12-31,instagram,1200
2024-12-31,facebook,800
2025-06-30,instagram,1500
2025-12-31,instagram,1850
2025-12-31,facebook,910
EOF
cat >data/kota-uji/polls.csv <<'EOF'
tanggal,platform,pertanyaan,pilihan,suara
2025-03-10,instagram,Sudah cek DPT?,Sudah,120
2025-03-10,instagram,Sudah cek DPT?,Belum,45
EOF
kpureport check --office kota-uji

step "a new office's report in every format"
kpureport build --office kota-uji --year 2025 --format html,pdf,docx
for ext in ipynb html pdf docx; do
  test -s "outputs/kota-uji/2025/laporan-media-sosial-kota-uji-2025.$ext" || fail "no .$ext"
done
test "$(stat -c %a outputs/kota-uji/2025)" = "$(mkdir probe && stat -c %a probe && rmdir probe)" \
  || fail "the report folder is not made like any other folder"

step "the demo offices copied in: the demo report equals the checkout's, byte for byte"
for office in contoh contoh-hulu contoh-pesisir kota-contoh kayong-utara; do
  cp -r "$ROOT/data/$office" data/
done
kpureport build --office contoh --year 2024 --format html,pdf,docx
(cd "$ROOT" && "$CHECKOUT_PY" -m kpureport build --office contoh --year 2024 --format html \
  --data "$ROOT/data" --out "$WORK/checkout-outputs" --no-cache)
cmp outputs/contoh/2024/laporan-media-sosial-contoh-2024.html \
  "$WORK/checkout-outputs/contoh/2024/laporan-media-sosial-contoh-2024.html" \
  || fail "the installed package's HTML differs from the checkout's"

step "rekap of the province"
kpureport rekap --province "Kalimantan Barat" --year 2024
test -s outputs/rekap/kalimantan-barat/2024/rekap-kalimantan-barat-2024.html || fail "no rekap"

step "build --all"
kpureport build --all --format html --jobs 2

step "jupyter nbconvert on an executed notebook, as analysts export their own"
jupyter nbconvert --to kpureport_html --output "$WORK/nbconvert" \
  outputs/contoh/2024/laporan-media-sosial-contoh-2024.ipynb
test -s "$WORK/nbconvert.html" || fail "nbconvert --to kpureport_html wrote nothing"
jupyter nbconvert --to html --template laporan --output "$WORK/template" \
  outputs/contoh/2024/laporan-media-sosial-contoh-2024.ipynb
test -s "$WORK/template.html" || fail "nbconvert --template laporan wrote nothing"

step "the exploration notebook without a checkout"
kpureport notebook
test -s eksplorasi.ipynb || fail "kpureport notebook copied nothing"
papermill --no-progress-bar eksplorasi.ipynb "$WORK/eksplorasi-jalan.ipynb" >/dev/null

step "the staff page (kpureport app) from the wheel with its extra, outside the checkout"
python -m pip install --quiet --disable-pip-version-check "$(ls "$WORK"/dist/kpureport-*.whl)[app]"
kpureport app --no-browser >"$WORK/app.txt" 2>&1 &
APP=$!
trap 'kill "$APP" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 240); do grep -q 'token=' "$WORK/app.txt" && break; sleep 0.5; done
URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[^[:space:]]*' "$WORK/app.txt" | head -1)"
test -n "$URL" || { cat "$WORK/app.txt"; fail "kpureport app printed no address"; }
status() {  # the HTTP status of a GET of $1 (redirects not followed), its body written to $2
  python - "$1" "$2" <<'PY'
import sys, urllib.error, urllib.request
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
try:
    with urllib.request.build_opener(Stay).open(sys.argv[1], timeout=120) as answer:
        open(sys.argv[2], "wb").write(answer.read())
        print(answer.status)
except urllib.error.HTTPError as error:
    print(error.code)
PY
}
test "$(status "$URL" "$WORK/app.html")" = 200 || fail "the staff page did not answer at $URL"
grep -q "kpureport" "$WORK/app.html" || fail "the staff page is not kpureport's"
test "$(status "${URL%%\?*}" /dev/null)" = 302 || fail "the page did not send a request without its token to the login page"
kill -INT "$APP"
wait "$APP" || fail "kpureport app did not end cleanly on Ctrl-C"
grep -q "Halaman staf dihentikan" "$WORK/app.txt" || { cat "$WORK/app.txt"; fail "no goodbye"; }

printf '\nPaket terpasang lulus semua pemeriksaan.\n'
