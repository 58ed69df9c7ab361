"""The main pages render, load nothing from another host (intranets have no internet), and
unknown addresses give the right kind of 404."""

import json
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import OrganizationFactory

SITE_HOST = "testserver"
URL_ATTRIBUTES = {
    "src",
    "href",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "xlink:href",
    "background",
    "manifest",
    "ping",
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.IGNORECASE)
SOURCE_MAP = re.compile(r"[#@]\s*sourceMappingURL\s*=\s*([^\s*'\"]+)")


def is_foreign(url: str) -> bool:
    """True when loading ``url`` from a page of the site would contact another host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme in ("data", "mailto", "tel", "javascript", "blob", "about"):
        return False
    if url.startswith("//") or parts.netloc:
        return parts.hostname != SITE_HOST
    return bool(parts.scheme)  # e.g. "ftp:" without a host


def css_references(css: str) -> list[str]:
    return [m.group(2) for m in CSS_URL.finditer(css)] + [
        m.group(2) for m in CSS_IMPORT.finditer(css)
    ]


class ReferenceCollector(HTMLParser):
    """Every URL a page would load or send to, apart from its content's external links."""

    def __init__(self):
        super().__init__()
        self.foreign: list[str] = []
        self.external_links: list[tuple[str, str]] = []
        self.static: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self._check_css(f"<{tag} style>", value)
            if name not in URL_ATTRIBUTES:
                continue
            urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
            for url in urls:
                if urlsplit(url).path.startswith("/static/") and name in ("src", "href"):
                    self.static.append(urlsplit(url).path)
                if not is_foreign(url):
                    continue
                rel = set((attributes.get("rel") or "").split())
                if tag == "a" and name == "href" and {"noopener", "nofollow"} <= rel:
                    self.external_links.append((url, attributes["rel"]))
                else:
                    self.foreign.append(f"<{tag} {name}={url!r}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._check_css("<style>", data)

    def _check_css(self, where, css):
        self.foreign += [f"{where} url({u})" for u in css_references(css) if is_foreign(u)]


def collect(response) -> ReferenceCollector:
    collector = ReferenceCollector()
    collector.feed(response.content.decode())
    return collector


@pytest.fixture
def organization(db):
    return OrganizationFactory(
        name="绍兴三元石化有限公司",
        name_en="Shaoxing Sanyuan Petrochemical Co., Ltd.",
        region_id="330600",
        website="https://www.sanyuan.example.com/",
        description="石化产品 see https://elsewhere.example.net/",
    )


@pytest.fixture
def pages(organization):
    return {
        "home": reverse("home"),
        "directory": reverse("organizations:list"),
        "directory search": reverse("organizations:list") + "?search=三元",
        "detail": organization.get_absolute_url(),
        "login": reverse("login"),
        "password reset": reverse("password_reset"),
        "API docs": reverse("api-docs"),
        "not found": "/no-such-page/",
    }


PAGES = [
    "home",
    "directory",
    "directory search",
    "detail",
    "login",
    "password reset",
    "API docs",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(client, pages, page):
    response = client.get(pages[page])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_directory_lists_the_organisation(client, pages, organization):
    response = client.get(pages["directory search"])

    html = response.content.decode()
    assert "绍兴三元石化有限公司" in html
    assert f'href="{organization.get_absolute_url()}"' in html


def test_detail_page_shows_both_names(client, organization):
    response = client.get(organization.get_absolute_url())

    html = response.content.decode()
    assert "绍兴三元石化有限公司" in html
    assert '<p class="lead mb-0" lang="en">Shaoxing Sanyuan Petrochemical Co., Ltd.' in html


def test_openapi_schema_describes_the_api(client, db):
    response = client.get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "AllianceHub API"
    assert {"/api/v1/auth/token/", "/api/v1/organizations/"} <= set(schema["paths"])


def test_openapi_schema_is_yaml_by_default(client, db):
    response = client.get(reverse("api-schema"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3")


# Nothing from another host ----------------------------------------------------------------


@pytest.mark.parametrize("page", [*PAGES, "not found"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "staff"])
def test_page_references_no_other_host(client, staff, pages, page, signed_in):
    if signed_in:
        client.force_login(staff)

    collector = collect(client.get(pages[page]))

    assert collector.foreign == []


def test_only_an_organisations_own_website_links_elsewhere(client, organization):
    collector = collect(client.get(organization.get_absolute_url()))

    assert collector.external_links == [("https://www.sanyuan.example.com/", "noopener nofollow")]


def test_api_docs_use_no_online_validator(client, db):
    html = client.get(reverse("api-docs")).content.decode()

    settings_json = re.search(r"const swaggerSettings = (\{.*?\});", html, re.DOTALL).group(1)
    assert json.loads(settings_json)["validatorUrl"] is None


def test_reference_collector_spots_foreign_urls():
    """The check above would notice each way a page can reach another host."""
    html = """
      <link rel="icon" href="https://cdn.example.com/favicon.png">
      <script src="//cdn.example.com/x.js"></script>
      <img srcset="/static/a.png 1x, http://img.example.com/b.png 2x">
      <iframe src="https://maps.example.com/"></iframe>
      <div style="background: url('https://img.example.com/bg.png')"></div>
      <style>@import "https://fonts.example.com/css";</style>
      <form action="https://collect.example.com/"></form>
      <a href="https://other.example.com/">plain link</a>
      <a href="http://testserver/fine">same host</a>
      <a href="mailto:someone@example.org">mail</a>
      <a href="https://org.example.com/" rel="noopener nofollow">own website</a>
    """
    collector = ReferenceCollector()

    collector.feed(html)

    assert len(collector.foreign) == 8
    assert collector.external_links == [("https://org.example.com/", "noopener nofollow")]


def read_text(location: str) -> str:
    with open(location, encoding="utf-8") as handle:
        return handle.read()


def static_files_of(client, urls) -> dict[str, str]:
    """The static files the pages load, by URL path, with their location on disk."""
    paths = set()
    for url in urls:
        paths.update(collect(client.get(url)).static)
    found = {}
    for path in sorted(paths):
        location = finders.find(path.removeprefix("/static/"))
        assert location, f"{path} is referenced but not found"
        found[path] = location
    return found


def test_static_files_the_pages_load_reference_no_other_host(client, pages):
    files = static_files_of(client, [pages[page] for page in PAGES])
    assert any(path.endswith(".css") for path in files)
    assert any(path.endswith(".js") for path in files)

    foreign = []
    missing = []
    for path, location in files.items():
        if path.endswith(".css"):
            references = css_references(read_text(location))
        elif path.endswith(".js"):
            references = SOURCE_MAP.findall(read_text(location))
        else:
            continue
        for reference in references:
            if is_foreign(reference):
                foreign.append(f"{path}: {reference}")
            elif not reference.startswith(("data:", "#")):
                # A relative reference must exist, or the browser (and the manifest
                # storage at collectstatic time) would look for it in vain.
                target = urlsplit(urljoin(path, reference)).path
                relative = posixpath.normpath(target).removeprefix("/static/")
                if not finders.find(relative):
                    missing.append(f"{path}: {reference}")

    assert foreign == []
    assert missing == []


def test_vendored_bootstrap_icons_fonts_are_served_locally(client, pages):
    files = static_files_of(client, [pages["home"]])
    css_path = "/static/vendor/bootstrap-icons/bootstrap-icons.min.css"

    references = css_references(read_text(files[css_path]))

    assert references
    assert all(ref.startswith("fonts/bootstrap-icons.woff") for ref in references)


# 404 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/no-such-thing/", "/api/v1/organizations/999999/"])
def test_unknown_api_url_is_a_json_404(client, db, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("url", ["/no-such-page/", "/organizations/999999/"])
def test_unknown_page_is_an_html_404(client, db, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="h3">Page not found</h1>' in html
    assert 'class="ah-language-switcher"' in html
