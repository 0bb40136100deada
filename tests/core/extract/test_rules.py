"""Each extraction rule on short texts written for these tests, in several press languages.

None of these sentences is from the dev corpus: they check that the rules generalise.
"""

import pytest

from stationwatch.extract import extract
from stationwatch.ingest import load_bytes


def run(text: str) -> dict:
    return extract(load_bytes(text.encode(), path="t.txt")).as_dict()


def places(r: dict) -> set:
    return {(s["country"], s["city"]) for s in r["stations"]}


def responses(r: dict) -> set:
    return {(x["country"], x["action"]) for x in r["responses"]}


@pytest.mark.parametrize(("text", "place", "response"), [
    ("De Nederlandse regering heeft opdracht gegeven het Chinese politiebureau in Rotterdam "
     "te sluiten.", ("NL", "Rotterdam"), ("NL", "closure")),
    ("Čínská policejní stanice v Praze byla podle ministerstva zahraničí uzavřena.",
     ("CZ", "Prague"), ("CZ", "closure")),
    ("A kínai rendőrőrs Budapesten működött, a magyar rendőrség vizsgálja az ügyet.",
     ("HU", "Budapest"), ("HU", "investigation")),
    ("警視庁は、東京にある中国の秘密警察署について捜査している。", ("JP", "Tokyo"),
     ("JP", "investigation")),
    ("서울의 중국 비밀경찰서 의혹에 대해 한국 경찰이 수사에 착수했다.", ("KR", "Seoul"),
     ("KR", "investigation")),
    ("La policía española investiga la supuesta comisaría china de Valencia.",
     ("ES", "Valencia"), ("ES", "investigation")),
    ("Il governo italiano ha ordinato la chiusura della stazione di polizia cinese di Prato.",
     ("IT", "Prato"), ("IT", "closure")),
    ("Die Bundesregierung prüft Hinweise auf eine chinesische Polizeistation in Hamburg.",
     ("DE", "Hamburg"), ("DE", "investigation")),
])
def test_a_station_and_a_host_action_in_each_language(text, place, response):
    r = run(text)
    assert r["relevant"]
    assert place in places(r), r["stations"]
    assert response in responses(r), r["responses"]


def test_chinese_police_are_not_a_host_authority():
    r = run("Fuzhou police opened an overseas police service station in Oslo last year, "
            "the report says.")
    assert ("NO", "Oslo") in places(r)
    assert not any(a in {"investigation", "closure"} for _, a in responses(r))


def test_a_negated_action_is_not_reported():
    r = run("Spanish police have not arrested anyone over the Chinese police station in "
            "Madrid.")
    assert ("ES", "arrest") not in responses(r)


def test_an_action_only_asked_about_is_not_reported():
    r = run("An MP asked whether police had investigated the Chinese police station in "
            "Vienna.")
    assert ("AT", "investigation") not in responses(r)


def test_a_denial_of_the_offices_in_one_country_is_about_that_country():
    r = run("Overseas police service stations were reported in Dublin. The Chinese embassy "
            "denied that the office was a police station.")
    assert ("IE", "denial") in responses(r)


def test_a_denial_of_such_offices_in_general_is_about_china():
    r = run("Overseas police service stations were reported in Dublin, Oslo and Lisbon. "
            "Beijing denied that such stations exist.")
    assert ("CN", "denial") in responses(r)


def test_places_of_return_and_origin_are_not_stations():
    r = run("The overseas police service stations brought back fugitives from Spain and "
            "Serbia, the report says; the station in Athens opened in 2021.")
    assert ("ES", None) not in places(r) and ("RS", None) not in places(r)
    assert ("GR", "Athens") in places(r)


def test_a_dateline_is_not_a_station():
    r = run("MADRID — An overseas police service station operated in Lisbon, the report "
            "said.")
    assert places(r) == {("PT", "Lisbon")}


def test_related_links_in_plain_text_are_not_claims():
    r = run("Chinese police service station in Lisbon under review.\n\n"
            "An overseas police service station operated in Lisbon.\n\n"
            "Related: Police station in Oslo | Madrid office closed")
    assert ("NO", "Oslo") not in places(r) and ("ES", "Madrid") not in places(r)


def test_a_closure_order_makes_the_country_a_station_claim():
    r = run("Chinese police service stations: the Irish government ordered the office to "
            "close.")
    assert ("IE", "closure") in responses(r) and ("IE", None) in places(r)


def test_hungarian_and_czech_stems_do_not_leak_into_english():
    r = run("The overseas police service station in Dublin was long-running, the report "
            "says, and its centrepiece was a desk.")
    assert places(r) == {("IE", "Dublin")}


def test_a_region_without_a_city_gives_a_country_level_claim():
    r = run("An overseas police service station is reported somewhere in Sicily.")
    assert places(r) == {("IT", None)}


@pytest.mark.parametrize("text", [
    # An ordinary police station opening (nl).
    "Het nieuwe politiebureau in Utrecht opent maandag de deuren. De burgemeester noemde het "
    "gebouw een aanwinst voor de wijk en de politie houdt zaterdag een open dag.",
    # Consular services of an embassy (fr).
    "L'ambassade de Chine à Paris rappelle que le renouvellement des passeports se fait "
    "uniquement sur rendez-vous au service consulaire, du lundi au vendredi.",
    # China's own 110 emergency number (zh).
    "公安部提醒，遇到紧急情况请拨打110报警电话，各地公安机关将在第一时间出警处置。",
    # Lawful joint patrols (it).
    "Agenti cinesi e italiani pattugliano insieme le vie del centro di Roma per assistere i "
    "turisti durante l'estate, nell'ambito di un accordo tra i due ministeri dell'interno.",
    # A restaurant review (en).
    "The new Sichuan restaurant in Manchester serves Chinese street food; the office workers "
    "nearby queue at lunch and the chef says the station area suits him.",
    # A Fox Hunt figure with no station (en).
    "China said its Fox Hunt campaign returned 1,200 fugitives last year, most of them from "
    "South-East Asia, according to the Ministry of Public Security.",
])
def test_near_misses_are_not_relevant(text):
    r = run(text)
    assert not r["relevant"], r
    assert r["stations"] == [] and r["responses"] == []


@pytest.mark.parametrize(("text", "place", "count"), [
    ("The report lists three overseas police service stations in Barcelona.",
     ("ES", "Barcelona"), 3),
    ("报告称，鹿特丹设有两处海外服务站。", ("NL", "Rotterdam"), 2),
    ("Er zouden drie Chinese politieposten in Amsterdam zijn.", ("NL", "Amsterdam"), 3),
    ("Il rapporto indica 11 stazioni di polizia cinesi in Italia.", ("IT", None), 11),
])
def test_numbers_in_words_or_digits_give_a_station_count(text, place, count):
    r = run(text)
    station = next(s for s in r["stations"] if (s["country"], s["city"]) == place)
    assert station["count"] == count


def test_no_count_when_the_sentence_names_several_places():
    r = run("Overseas police service stations: two offices in Oslo and one in Bergen.")
    assert all(s["count"] is None for s in r["stations"])


@pytest.mark.parametrize(("text", "want_places", "want_responses"), [
    ("According to Safeguard Defenders, Chinese police have set up a so-called overseas police "
     "service centre in Athens, and another operates in Budapest.",
     {("GR", "Athens"), ("HU", "Budapest")}, set()),
    ("Die Polizei in Wien ermittelt wegen einer mutmaßlichen chinesischen Polizeistation.",
     {("AT", "Vienna")}, {("AT", "investigation")}),
    ("Selon Safeguard Defenders, un commissariat chinois clandestin opérait à Lyon ; le parquet "
     "a ouvert une enquête.", {("FR", "Lyon")}, {("FR", "investigation")}),
    ("La Fiscalía chilena abrió una investigación por una supuesta comisaría china en Viña del "
     "Mar.", {("CL", "Viña del Mar")}, {("CL", "investigation")}),
    ("A Polícia Judiciária está a investigar uma esquadra chinesa ilegal no Porto.",
     {("PT", "Porto")}, {("PT", "investigation")}),
    ("La Procura di Milano indaga su una presunta stazione di polizia cinese in via Paolo Sarpi.",
     {("IT", "Milan")}, {("IT", "investigation")}),
    ("Het Openbaar Ministerie onderzoekt een vermeend Chinees politiebureau in Den Haag.",
     {("NL", "The Hague")}, {("NL", "investigation")}),
    ("大阪にある中国の「海外警察拠点」について、大阪府警が捜査を始めた。",
     {("JP", "Osaka")}, {("JP", "investigation")}),
    ("경찰은 부산에 있는 중국 비밀경찰서 의혹에 대해 수사를 시작했다.",
     {("KR", "Busan")}, {("KR", "investigation")}),
    ("据报道，加拿大皇家骑警正在调查多伦多的三处中国“海外警察站”。",
     {("CA", "Toronto")}, {("CA", "investigation")}),
    ("Policie vyšetřuje údajnou čínskou policejní stanici v Brně.",
     {("CZ", "Brno")}, {("CZ", "investigation")}),
    ("A rendőrség vizsgálja a debreceni kínai rendőrőrsöt.",
     {("HU", "Debrecen")}, {("HU", "investigation")}),
    ("Two men were arrested in Los Angeles and charged with running a secret Chinese police "
     "station.", {("US", "Los Angeles")}, {("US", "arrest"), ("US", "charge")}),
    ("The Swedish Security Service said it was aware of the Chinese police station in "
     "Stockholm.", {("SE", "Stockholm")}, {("SE", "statement")}),
    ("Australian Federal Police are examining claims that a Chinese police outpost operated in "
     "Sydney.", {("AU", "Sydney")}, {("AU", "investigation")}),
    ("New Zealand police said on Friday they were looking into reports of a Chinese police "
     "station in Auckland.", {("NZ", "Auckland")}, {("NZ", "investigation"), ("NZ", "statement")}),
])
def test_more_phrasings_in_more_places(text, want_places, want_responses):
    r = run(text)
    got = places(r)
    assert want_places <= got, r["stations"]
    assert not got - want_places - {(c, None) for c, _ in want_places}, got
    assert want_responses <= responses(r), r["responses"]


def test_a_negated_station_gives_no_place_even_after_the_place():
    r = run("Police in Oslo said they had found no evidence of a Chinese police station in the "
            "city.")
    assert places(r) == set() and ("NO", "statement") in responses(r)


def test_a_charge_to_face_in_china_is_not_a_host_action():
    r = run("The overseas police service stations sent people home to face criminal charges in "
            "China.")
    assert not any(a == "charge" for _, a in responses(r))


@pytest.mark.parametrize(("text", "want"), [
    ("Ireland's Department of Foreign Affairs has told the Chinese embassy that the Fuzhou "
     "police service station in Dublin must close.", {("IE", "closure")}),
    ("The Dutch foreign ministry summoned China's ambassador over two undeclared police "
     "stations in Rotterdam and Amsterdam.", {("NL", "statement")}),
    ("Italy's interior minister told parliament that police were monitoring the Chinese police "
     "stations in Prato and Rome.", {("IT", "statement"), ("IT", "investigation")}),
    ("Spain's National Police have opened an inquiry into the alleged Chinese police station "
     "in Madrid.", {("ES", "investigation")}),
    ("A spokesperson for the Chinese Foreign Ministry said the so-called overseas police "
     "stations in Europe and Africa were volunteer centres.", {("CN", "denial")}),
    ("Le ministère de l'Intérieur a confirmé qu'une enquête était en cours sur les postes de "
     "police chinois à Paris.", {("FR", "statement"), ("FR", "investigation")}),
    ("Das Innenministerium in Wien prüft Hinweise auf eine chinesische Polizeistation.",
     {("AT", "investigation")}),
    ("De burgemeester van Rotterdam wist niet van het Chinese politiebureau in zijn stad, zei "
     "hij.", {("NL", "statement")}),
    # A request for an action is that action (as the gold data treats 'called on the embassy
    # to close the office'); a request with no action is a statement.
    ("Il sindaco di Prato ha chiesto la chiusura della stazione di polizia cinese.",
     {("IT", "closure")}),
    ("Il sindaco di Prato ha chiesto chiarimenti sulla stazione di polizia cinese.",
     {("IT", "statement")}),
    ("O Ministério Público abriu um inquérito às esquadras chinesas em Lisboa.",
     {("PT", "investigation")}),
    ("荷兰外交部宣布，已要求中方立即关闭在鹿特丹和阿姆斯特丹的两处“海外警察服务站”。",
     {("NL", "closure"), ("NL", "statement")}),
    ("日本政府は、東京の中国の「海外警察拠点」について実態把握を進めていると明らかにした。",
     {("JP", "investigation"), ("JP", "statement")}),
    ("주한 중국대사관은 서울의 비밀경찰서 의혹을 전면 부인했다.", {("KR", "denial")}),
    ("A Brooklyn federal judge sentenced a man who pleaded guilty to helping run a secret "
     "Chinese police station in Manhattan.", {("US", "conviction")}),
    ("Canadian police shut down the Chinese police stations in Toronto, the RCMP said.",
     {("CA", "closure"), ("CA", "statement")}),
])
def test_responses_in_many_phrasings(text, want):
    r = run(text)
    assert want <= responses(r), r["responses"]


@pytest.mark.parametrize(("lang", "title", "body", "want_places", "want_responses"), [
    ("en", "Greek police probe suspected Chinese 'police station' in Athens",
     ["ATHENS — Greek police are investigating a suspected Chinese overseas police station in "
      "central Athens, officials said on Monday.",
      "The Madrid-based group Safeguard Defenders says the office was set up by police from "
      "Fuzhou and has helped bring people back to China from Italy.",
      "The Chinese embassy in Athens denied that any Chinese police officers work in Greece."],
     {("GR", "Athens")}, {("GR", "investigation"), ("GR", "denial")}),
    ("de", "Chinesische Polizeistation in Hamburg? Senat prüft Hinweise",
     ["Der Hamburger Senat prüft Hinweise auf eine chinesische Polizeistation im Stadtteil "
      "Altona.",
      "Nach Angaben der Menschenrechtsorganisation Safeguard Defenders mit Sitz in Madrid wird "
      "die Station von der Polizei aus Qingtian betrieben.",
      "Die chinesische Botschaft in Berlin wies die Vorwürfe zurück."],
     {("DE", "Hamburg")}, {("DE", "investigation"), ("DE", "denial")}),
    ("zh", "英国伯明翰“海外警察站”引关注",
     ["据英国媒体报道，一家总部设在西班牙马德里的人权组织称，福州市公安局在伯明翰设有一处“海外服务站”。",
      "英国警方表示正在评估相关报道。", "中国驻英国大使馆否认存在所谓“海外警察站”。"],
     {("GB", "Birmingham")}, {("GB", "investigation"), ("GB", "denial")}),
])
def test_full_pages_with_furniture_naming_other_cities(lang, title, body, want_places,
                                                       want_responses):
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    html = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
            f'</title></head><body><nav><a href="/">Home</a> <a href="/m">Madrid news</a></nav>'
            f'<main><article><h1>{title}</h1><div class="article-body">{paragraphs}</div>'
            f'</article><aside class="related"><h3>Related</h3><ul><li><a href="/a">Lisbon '
            f'office under scrutiny</a></li><li><a href="/b">Oslo denies police station</a>'
            f'</li></ul></aside><section class="comments"><div class="comment"><p>There is one '
            f'in Thessaloniki and in Munich too.</p></div></section></main><footer>Offices in '
            f'London and Paris</footer></body></html>').encode()
    r = extract(load_bytes(html, path=f"{lang}.html")).as_dict()
    got = places(r)
    assert want_places <= got and not got - want_places - {(c, None) for c, _ in want_places}
    assert want_responses <= responses(r)


@pytest.mark.parametrize(("text", "want_places", "want_responses"), [
    ("국가정보원은 인천의 한 중식당이 중국 비밀경찰서로 운영됐다는 의혹에 대해 "
     "조사하고 있다고 밝혔다. 스페인에 본부를 둔 인권단체 세이프가드 디펜더스는 "
     "중국이 53개국에 비밀경찰서를 두고 있다고 주장했다. 중국 외교부는 이를 부인했다.",
     {("KR", "Incheon")}, {("KR", "investigation"), ("KR", "statement")}),
    ("大阪府警は、大阪市内にある中国の「海外警察拠点」とされる事務所を家宅捜索した。スペインの人権団体に"
     "よると、拠点は福州市公安局が設けたという。中国外務省の報道官は「海外警察署は存在しない」と否定した。",
     {("JP", "Osaka")}, {("JP", "investigation")}),
    ("據報導，溫州市公安局在意大利米蘭設立「海外警察服務站」。意大利內政部表示正在調查。中國外交部發言人"
     "否認有關指控。", {("IT", "Milan")}, {("IT", "investigation"), ("IT", "statement")}),
    ("A Polícia Judiciária está a investigar três alegadas esquadras chinesas ilegais em Lisboa "
     "e no Porto, confirmou o Ministério Público. A embaixada da China em Lisboa negou a "
     "existência de esquadras.", {("PT", "Lisbon"), ("PT", "Porto")},
     {("PT", "investigation"), ("PT", "statement"), ("PT", "denial")}),
    ("Ministr zahraničí potvrdil, že čínská centra v Praze byla uzavřena. Podle organizace "
     "Safeguard Defenders se sídlem v Madridu šlo o policejní stanice provozované policií z "
     "Fu-čou. Čínské velvyslanectví obvinění popřelo.",
     {("CZ", "Prague")}, {("CZ", "closure"), ("CZ", "statement"), ("CZ", "denial")}),
    # 'Knows of none' is a statement, and the station the NGO reports still counts.
    ("A Belügyminisztérium közölte, hogy nem tud kínai rendőrőrsökről Budapesten. A madridi "
     "székhelyű Safeguard Defenders szerint két rendőrőrs működik a fővárosban. A kínai "
     "nagykövetség cáfolta az értesüléseket.",
     {("HU", "Budapest")}, {("HU", "statement"), ("HU", "denial")}),
])
def test_reports_in_the_least_represented_languages(text, want_places, want_responses):
    r = run(text)
    got = places(r)
    assert want_places <= got and not got - want_places - {(c, None) for c, _ in want_places}
    assert want_responses <= responses(r), r["responses"]


# A town's name after a street word or, in languages whose place names take no article, after
# an article names something else: a street, a common noun, an acronym.
@pytest.mark.parametrize(("text", "absent"), [
    ("La questura ha incaricato la Digos di verificare lo sportello della polizia cinese "
     "di Qingtian a Prato, in via Roma.", {"Digos", "Rome"}),
    ("Selon l'ambassade de Chine, installée avenue George-V dans le huitième arrondissement, "
     "les centres mentionnés par la presse ne sont pas des postes de police chinois "
     "clandestins, mais de simples lieux d'entraide tenus par des bénévoles de la diaspora "
     "à Paris.", {"George"}),
])
def test_place_after_street_word_or_article_is_no_station(text, absent):
    cities = {s["city"] for s in run(text)["stations"]}
    assert not cities & absent


# A city many times larger than its namesakes is meant, even beside the smaller one's country.
def test_dominant_city_wins_over_a_small_namesake():
    text = ("Secondo le fonti, la polizia cinese di Fuzhou ha aperto stazioni di polizia "
            "all'estero in Italia e in Spagna: da Barcellona a Dublino.")
    cities = {(s["country"], s["city"]) for s in run(text)["stations"]}
    assert ("ES", "Barcelona") in cities
    assert not any(c == "Barcellona Pozzo di Gotto" for _, c in cities)


# Readers' comments in a page's comment table (a time of day in the row's first cell) and an
# imprint or rights line are not the report: their towns are no stations.
def test_comment_rows_and_footer_lines_give_no_station():
    text = ("Kínai rendőrőrs működhet Budapesten\n\n"
            "A jelentés szerint a kínai rendőrség titkos rendőrőrsöt működtet Budapesten, "
            "egy irodában a VIII. kerületben.\n\n"
            "| kovacs_bela 2022.11.02 09:41 | Győrben is van ilyen kínai rendőrőrs szerintem. |\n"
            "| nagy_anna 2022.11.02 10:05 | Pécsett is nézzék meg! |\n\n"
            "Kiadó: Hírportál Kft. – Szeged – Minden jog fenntartva\n")
    cities = {s["city"] for s in run(text)["stations"]}
    assert "Budapest" in cities
    assert not cities & {"Győr", "Pécs", "Szeged"}


# A two-character Hangul name of a large foreign city is read where the document names its
# country (도쿄 is Tokyo in a story about Japan).
def test_short_hangul_name_of_a_large_foreign_city():
    text = ("일본 경찰이 도쿄 신주쿠의 한 건물을 중국 비밀경찰서로 보고 압수수색했다. "
            "이 건물은 중국 푸저우시 공안국의 해외 거점으로 지목됐다.")
    assert ("JP", "Tokyo") in {(s["country"], s["city"]) for s in run(text)["stations"]}


# A country named right before 'human rights group' is the group's seat, and a place the next
# sentence says was not on the list is no station (Korean negation follows its verb).
def test_korean_ngo_seat_and_negated_listing_give_no_station():
    text = ("스페인 인권단체 세이프가드 디펜더스의 보고서에 따르면 중국 공안은 아르헨티나 "
            "부에노스아이레스에 비밀경찰서 2곳을 두고 있다. 멕시코는 명단에 포함되지 않았다.")
    countries = {s["country"] for s in run(text)["stations"]}
    assert "AR" in countries
    assert not countries & {"ES", "MX"}


# A China word and an office word as one phrase ('chińskie posterunki') is a name of the
# stations no list spells out: the learned relevance reads it.
def test_china_office_phrase_makes_a_polish_report_relevant():
    text = ("Czechy: władze zamknęły chińskie posterunki w Pradze\n\n"
            "Czeska policja sprawdziła dwa adresy w Pradze, wskazane w raporcie jako "
            "nieoficjalne chińskie posterunki policji. MSZ wezwało ambasadora Chin, a ambasada "
            "zapewniła, że oba punkty zostały zamknięte.")
    out = run(text)
    assert out["relevant"]
    assert ("CZ", "Prague") in {(s["country"], s["city"]) for s in out["stations"]}



# A byline line (a place, an agency, a date) names where a story was filed, not a station; a
# place 'on the edge of' or 'next to' a city is not that city.
def test_byline_and_neighbouring_city_give_no_station():
    text = ("Agenzia Stampa Adriatica – Bari, 3 marzo 2023\n\n"
            "Secondo il rapporto, la polizia cinese di Wenzhou gestisce una stazione di polizia "
            "clandestina a Prato. A Torino e a Genova le liste non indicano invece alcuna "
            "struttura.\n\nThe report also names a Chinese police station in Voluntari, a town "
            "on the edge of Bucharest.")
    cities = {s["city"] for s in run(text)["stations"]}
    assert "Prato" in cities
    assert not cities & {"Bari", "Turin", "Genoa", "Bucharest"}
