import pytest
from django.core.exceptions import ValidationError
from django.urls import include, path

from alliancehub.chains.domain import templates
from alliancehub.chains.domain.suggest import aliases, keyword_baseline, suggest
from alliancehub.chains.models import Link

# The API is mounted here as the project mounts it, so these tests do not depend on urls.py.
urlpatterns = [path("api/v1/", include("alliancehub.chains.api.urls_suggest"))]
URL = "/api/v1/chains/suggest/"


@pytest.fixture
def chains(db):
    templates.load_all()


def keys(text: str, **options) -> list[str]:
    return [item.key for item in suggest(text, **options)]


def test_simplified_profile_suggests_its_link_first(chains):
    found = keys("公司生产碱性电解槽和PEM电解槽等制氢设备")

    assert found[0] == "hydrogen:production.electrolyzer"


def test_traditional_profile_is_folded_to_simplified(chains):
    found = keys("本公司生產車用高壓儲氫瓶，採用碳纖維纏繞內膽")

    assert found[0] == "hydrogen:storage.gas_cylinder"


def test_english_profile_matches_plurals_and_aliases(chains):
    found = keys("We build DC fast chargers and battery swap stations for taxi fleets.")

    assert found[0] == "nev:charging"


def test_words_name_what_led_to_the_suggestion(chains):
    best = suggest("本公司生產車用高壓儲氫瓶，採用碳纖維纏繞內膽")[0]

    assert best.words[:2] == ["储氢瓶", "碳纤维"]
    assert 0 < best.score < 1


def test_a_term_inside_a_longer_one_does_not_count(chains):
    # 电池 (a vehicle battery) is only part of 燃料电池系统 here.
    found = keys("专业生产燃料电池系统")

    assert found[0] == "hydrogen:fuelcell.system"
    assert not [key for key in found if key.startswith("nev:")]


def test_profile_without_chain_vocabulary_gets_no_suggestion(chains):
    assert suggest("我们是一家经营川菜和火锅的连锁餐厅，在成都有20家门店。") == []
    assert suggest("We are a law firm advising on mergers and acquisitions.") == []


def test_chain_restricts_the_suggestions(chains):
    found = keys("为光伏电站和电动汽车提供储能电池", chain="photovoltaic")

    assert found
    assert all(key.startswith("photovoltaic:") for key in found)


def test_unknown_chain_is_refused(chains):
    with pytest.raises(ValidationError):
        suggest("电解槽", chain="wind")


def test_limit_caps_the_suggestions(chains):
    assert len(suggest("氢燃料电池电堆、膜电极、双极板和空压机", limit=2)) == 2


def test_keyword_baseline_counts_template_keywords_only(chains):
    assert keyword_baseline("电解槽")[0] == "hydrogen:production.electrolyzer"
    assert keyword_baseline("为城市公交提供氢动力总成") == ["hydrogen:application.vehicles"]


@pytest.mark.urls(__name__)
def test_api_returns_ranked_links_with_names_and_words(chains, api):
    response = api.post(URL, {"text": "全氟磺酸质子膜", "limit": 1}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.json() == {
        "suggestions": [
            {
                "link": "hydrogen:fuelcell.membrane",
                "chain": "hydrogen",
                "code": "fuelcell.membrane",
                "name": "Proton exchange membranes",
                "score": 0.664,
                "words": ["全氟磺酸", "质子膜"],
            }
        ]
    }


@pytest.mark.urls(__name__)
def test_api_refuses_empty_text(chains, api):
    response = api.post(URL, {"text": "  "}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"text": ["Give the text to suggest links for."]}


@pytest.mark.urls(__name__)
def test_api_refuses_too_long_text(chains, api):
    response = api.post(URL, {"text": "氢" * 5001}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"text": ["The text is too long: at most 5000 characters."]}


@pytest.mark.urls(__name__)
def test_api_refuses_unknown_chain(chains, api):
    response = api.post(URL, {"text": "电解槽", "chain": "wind"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"detail": ["There is no chain “wind”."]}


@pytest.mark.urls(__name__)
def test_api_names_links_in_the_request_language(chains, api):
    response = api.post(URL, {"text": "全氟磺酸质子膜", "limit": 1}, HTTP_ACCEPT_LANGUAGE="zh-hant")

    assert response.json()["suggestions"][0]["name"] == "質子交換膜"


def test_changed_template_rebuilds_the_vocabulary(chains):
    assert suggest("量子氢泵") == []
    spec = templates.parse((templates.DATA_DIR / "hydrogen.yaml").read_text(encoding="utf-8"))
    next(link for link in spec.links if link.code == "fuelcell.bop").keywords.append("量子氢泵")
    spec.digest = "changed"
    templates.load(spec)

    assert keys("量子氢泵") == ["hydrogen:fuelcell.bop"]


def test_every_alias_names_a_link_of_a_template(chains):
    known = {link.key for link in Link.objects.select_related("chain")}

    assert set(aliases()) - known == set()
