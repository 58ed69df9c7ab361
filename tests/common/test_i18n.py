"""Simplified Chinese by default, Traditional Chinese and English on request, and catalogues
that are complete and compiled."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.urls import reverse

LOCALE_DIR = Path(django_settings.BASE_DIR) / "locale"
CATALOGUE_LANGUAGES = ["zh_Hans", "zh_Hant", "en"]


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


class LanguageSwitcherParser(HTMLParser):
    """Collects the language switcher forms: their action, ``next`` and buttons."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "ah-language-switcher" in (attrs.get("class") or ""):
            self._form = {"action": attrs.get("action"), "method": attrs.get("method")}
            self._form.update(next=None, languages=[])
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and attrs.get("name") == "next":
            self._form["next"] = attrs.get("value")
        elif self._form is not None and tag == "button" and attrs.get("name") == "language":
            self._form["languages"].append((attrs.get("value"), attrs.get("data-lang")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def language_switchers(response):
    parser = LanguageSwitcherParser()
    parser.feed(response.content.decode())
    return parser.forms


# Choosing the language --------------------------------------------------------------------


def test_pages_are_in_simplified_chinese_by_default(client, db):
    response = client.get(reverse("home"))

    assert response["Content-Language"] == "zh-hans"
    assert html_lang(response) == "zh-Hans"


@pytest.mark.parametrize(
    ("accept_language", "lang"),
    [
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("fr", "zh-Hans"),
    ],
)
def test_page_language_follows_accept_language(client, db, accept_language, lang):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=accept_language)

    assert html_lang(response) == lang


def test_language_switcher_sets_the_cookie_and_returns_to_the_page(client, db, settings):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("organizations:list")}
    )

    assert response.status_code == 302
    assert response.url == reverse("organizations:list")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_after_switching_to_english_later_pages_are_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    directory = client.get(reverse("organizations:list"))

    assert html_lang(home) == "en"
    assert "Welcome to AllianceHub" in home.content.decode()
    assert html_lang(directory) == "en"
    assert "Organisation directory" in directory.content.decode()


def test_switching_to_traditional_chinese(client, db):
    client.post(reverse("set_language"), {"language": "zh-hant", "next": "/"})

    assert html_lang(client.get(reverse("home"))) == "zh-Hant"


def test_language_switcher_ignores_next_pointing_at_another_host(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response.url == "/"


@pytest.fixture
def page_urls(sanyuan):
    return {
        "home": reverse("home"),
        "directory": reverse("organizations:list"),
        "detail": sanyuan.get_absolute_url(),
        "login": reverse("login"),
    }


@pytest.mark.parametrize("page", ["home", "directory", "detail", "login"])
def test_every_page_has_the_language_switcher(client, page_urls, page):
    url = page_urls[page]

    response = client.get(url)

    assert response.status_code == 200
    assert language_switchers(response) == [
        {
            "action": reverse("set_language"),
            "method": "post",
            "next": url,
            "languages": [("zh-hans", "zh-hans"), ("zh-hant", "zh-hant"), ("en", "en")],
        }
    ]


def test_language_switcher_keeps_the_query_string(client, db):
    url = reverse("organizations:list") + "?search=%E4%B8%89%E5%85%83"

    response = client.get(url)

    assert language_switchers(response)[0]["next"] == url


def test_language_switcher_marks_the_current_language(client, db):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    current = re.findall(r'<button[^>]*data-lang="([^"]+)"[^>]*aria-current="true"', html)
    assert current == ["en"]


# API messages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [
        ("zh-hans", "该字段是必填项。"),
        ("zh-CN", "该字段是必填项。"),
        ("zh-hant", "此為必需欄位。"),
        ("en", "This field is required."),
    ],
)
def test_api_validation_errors_follow_accept_language(staff_api, accept_language, message):
    response = staff_api.post(
        "/api/v1/organizations/", {"kind": "enterprise"}, HTTP_ACCEPT_LANGUAGE=accept_language
    )

    assert response.status_code == 400
    assert response.json() == {"name": [message]}


def test_api_errors_are_chinese_by_default(api, db):
    response = api.post("/api/v1/organizations/", {})

    assert response.status_code == 401
    assert response.json() == {"detail": "身份认证信息未提供。"}


# Catalogues -------------------------------------------------------------------------------


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def catalogue_key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def catalogue_value(entry) -> tuple:
    if entry.msgid_plural:
        return tuple(sorted((int(n), text) for n, text in entry.msgstr_plural.items()))
    return (entry.msgstr,)


def test_every_catalogue_language_has_a_po_file():
    found = {path.parent.parent.name for path in po_files()}

    assert set(CATALOGUE_LANGUAGES) <= found


def test_every_po_file_compiles_to_the_committed_mo_file():
    assert po_files(), f"no .po files under {LOCALE_DIR}"
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} is missing; run compilemessages"
        po = polib.pofile(str(po_path))
        mo = polib.mofile(str(mo_path))

        # msgfmt leaves out fuzzy, untranslated and obsolete entries.
        expected = {catalogue_key(e): catalogue_value(e) for e in po.translated_entries()}
        compiled = {catalogue_key(e): catalogue_value(e) for e in mo if e.msgid}

        assert compiled == expected, f"{mo_path} is stale; run compilemessages"


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    paths = sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"))
    assert paths, f"no catalogue for {language}"
    for path in paths:
        po = polib.pofile(str(path))

        untranslated = [e.msgid for e in po.untranslated_entries()]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]

        assert untranslated == [], f"{path}: untranslated"
        assert fuzzy == [], f"{path}: fuzzy"


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def placeholders(text: str) -> set[str]:
    return {named or braced for named, braced in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_translations_use_no_placeholder_the_source_lacks(language):
    paths = sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"))
    assert paths, f"no catalogue for {language}"
    for path in paths:
        for entry in polib.pofile(str(path)).translated_entries():
            source = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for text in translations:
                extra = placeholders(text) - source
                assert not extra, f"{path}: {entry.msgid!r} → {text!r} uses {extra}"
