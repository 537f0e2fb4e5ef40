"""deploy/nginx/zuidwest.conf agrees with the code: the upload limit and the media files it
serves. (scripts/production_smoke.py runs the file itself, with nginx, in CI.)"""

import re
from pathlib import Path

import pytest

from zuidwest.images.processing import (
    MAX_UPLOAD_BYTES,
    inspect_upload,
    reencode,
    rendition_name,
)

from .image_samples import jpeg, transparent_png

NGINX_SITE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "zuidwest.conf"


@pytest.fixture(scope="module")
def site():
    return NGINX_SITE.read_text()


def media_pattern(site):
    """The regular expression of the map that decides which /media/ files nginx serves."""
    found = re.search(r'map \$uri \$zuidwest_media_allowed \{\s*"~(.+?)" 1;', site)
    assert found, "the media map is missing from the nginx site"
    return re.compile(found.group(1))


def test_body_limit_takes_the_largest_photo_and_not_much_more(site):
    limit = re.search(r"client_max_body_size (\d+)m;", site)
    assert limit, "client_max_body_size is missing from the nginx site"
    megabytes = int(limit.group(1)) * 1024 * 1024
    # The photo plus the rest of the form fit; a body far larger is refused by nginx.
    assert MAX_UPLOAD_BYTES < megabytes <= MAX_UPLOAD_BYTES + 2 * 1024 * 1024


@pytest.mark.parametrize("sample", [jpeg, transparent_png], ids=["photo", "transparent"])
def test_media_serves_what_the_image_pipeline_stores(site, sample):
    allowed = media_pattern(site)
    upload = sample()
    stored = reencode(upload, inspect_upload(upload)).name
    path = f"/media/places/{stored}"
    assert allowed.fullmatch(path), path
    assert allowed.fullmatch(rendition_name(path, 320)), rendition_name(path, 320)


@pytest.mark.parametrize("path", [
    "/media/places/page.html",
    "/media/places/photo.jpg.php",
    "/media/places/photo.svg",
    "/media/places/photo.jpg/",
    "/media/places/a b.jpg",
])
def test_media_refuses_other_files(site, path):
    assert not media_pattern(site).fullmatch(path)


def test_hsts_is_left_to_django(site):
    """One place sets HSTS (DJANGO_HSTS_SECONDS), so pages never carry it twice."""
    assert "Strict-Transport-Security" not in site


def _nginx_map(site, source):
    """The first regular expression of the map on `source` and its value, for Python."""
    found = re.search(r"map \$" + source
                      + r" \$\w+ \{\s*\"~(?P<regex>[^\"]+)\" \"(?P<value>[^\"]+)\";", site)
    assert found, f"the map of ${source} is missing from the nginx site"
    regex = re.sub(r"\(\?<(?=[a-z])", "(?P<", found["regex"])
    value = re.sub(r"\$\{(\w+)\}", r"\\g<\1>", found["value"])
    return re.compile(regex), value


@pytest.mark.parametrize(("path", "logged"), [
    ("/aanmelding/Zk3-geheim/verwijderen/", "/aanmelding/[token]/verwijderen/"),
    ("/en/aanmelding/Zk3-geheim/", "/en/aanmelding/[token]/"),
    ("/partner/uitnodiging/Zk3-geheim/?x=1", "/partner/uitnodiging/[token]/?x=1"),
    ("/partner/wachtwoord/nieuw/MQ/cz4-Zk3geheim/", "/partner/wachtwoord/nieuw/MQ/[token]/"),
])
def test_the_access_log_leaves_out_secret_tokens(site, path, logged):
    uri, uri_value = _nginx_map(site, "request_uri")
    assert uri.sub(uri_value, path) == logged
    referer, referer_value = _nginx_map(site, "http_referer")
    assert referer.sub(referer_value, "https://portal.example.nl" + path) == (
        "https://portal.example.nl" + logged)
    log_format = re.search(r"log_format zuidwest (.*?);", site, re.S)[1]
    assert "$request " not in log_format and '$request"' not in log_format
    assert "$http_referer" not in log_format and "$request_uri" not in log_format


# --- one install path -----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
# Paths under /srv/zuidwest that are not the checkout: the shared photos and the static files.
NOT_THE_CHECKOUT = ("/srv/zuidwest/media", "/srv/zuidwest/private-media",
                    "/srv/zuidwest/staticfiles")


def _documentation():
    text = "\n".join(path.read_text(encoding="utf-8")
                     for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
                     if path.exists())
    return text.replace("--home /srv/zuidwest ", "")  # the system user's home, not the checkout


def _srv_paths(text):
    return {found.rstrip(".,`'\")") for found in re.findall(r"/srv/zuidwest[\w./-]*", text)
            if not found.startswith(NOT_THE_CHECKOUT)}


def test_the_units_the_crontab_and_the_documentation_agree_on_the_install_path():
    clone = re.search(r"git clone \S+ (/srv/zuidwest\S*)", _documentation())
    assert clone, "the documentation says where the portal is checked out"
    checkout = clone[1]
    deploy = ROOT / "deploy"
    files = [*sorted((deploy / "systemd").iterdir()), deploy / "crontab"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for found in _srv_paths(text):
            assert found == checkout or found.startswith(checkout + "/"), (path.name, found)
    units = "\n".join(path.read_text() for path in (deploy / "systemd").glob("*.service"))
    assert set(re.findall(r"WorkingDirectory=(\S+)", units)) == {checkout}
    assert f'PORTAL="cd {checkout} ' in (deploy / "crontab").read_text()
    for found in _srv_paths(_documentation()):
        assert found == checkout or found.startswith(checkout + "/"), found


def test_nginx_leaves_compressing_the_apps_responses_to_the_app(site):
    """Partner and admin pages carry a session and form tokens: compressing them would open
    them to BREACH. The app compresses only what has no secret."""
    proxied = re.search(r"location / \{\s*proxy_pass http://zuidwest_app;(.*?)\n    \}", site,
                        re.S)
    assert proxied, "the proxy location is missing from the nginx site"
    assert re.search(r"^\s*gzip off;", proxied[1], re.M)
