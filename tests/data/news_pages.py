"""News pages on other subjects, written for the tests: the irrelevant bulk a scan wades through.

Each page is a whole web page as a news site serves it (navigation with "China" and "Crime"
sections, a most-read box, a cookie banner, scripts, comments, a footer) around an article that
is about something else. The articles are in the languages the vocabulary covers and in the
encodings their press uses, and they hold the words that sit next to the subject without being
it: police said, the police station, service stations, Chinese trade and tourists, the space
station, polling stations, 110 years, returning from overseas, 派出所, 警察署, 경찰서.
"""

from __future__ import annotations

import html

# (name, language, encoding, headline, article paragraphs)
ARTICLES: list[tuple[str, str, str, str, list[str]]] = [
    ("en-football", "en", "utf-8", "Late header sends Rovers into the cup semi-final", [
        "A header four minutes from time sent Rovers into the semi-final of the cup on Saturday, "
        "in front of a crowd police estimated at 31,000.",
        "The visitors had led through a first-half penalty, and the home side's manager said "
        "afterwards that his players had 'kept believing until the last second'.",
        "Supporters travelling back by train were asked to leave extra time at the main station, "
        "where engineering works continue until Monday.",
    ]),
    ("en-storm", "en", "utf-8", "Storm cuts power to 40,000 homes along the coast", [
        "Gusts of up to 120 km/h brought down trees and power lines overnight, leaving about "
        "40,000 homes without electricity, the grid operator said on Tuesday.",
        "The lifeboat station at the harbour launched twice to help small boats, and the fire "
        "station in the old town pumped water from flooded cellars until dawn.",
        "Police said two roads remained closed and asked drivers to avoid unnecessary journeys.",
    ]),
    ("en-earnings", "en", "utf-8", "Phone maker's profits beat forecasts on overseas sales", [
        "A Chinese smartphone maker reported quarterly profits well above analysts' forecasts, "
        "driven by overseas sales in South-East Asia and Latin America.",
        "The company said it would open 200 new service centres for repairs next year and "
        "expected demand for mid-range handsets to stay strong.",
        "Its shares rose 6% in Hong Kong; rival manufacturers in Beijing and Shenzhen also gained.",
    ]),
    ("en-petrol", "en", "utf-8", "Petrol prices fall for the third week running", [
        "The average price of unleaded petrol at service stations fell for the third week in a "
        "row, motoring groups said, as wholesale costs eased.",
        "Motorway service station forecourts remain the most expensive places to fill up, with "
        "prices up to 20p a litre above supermarkets.",
        "Drivers returning from holidays overseas were advised to compare prices before "
        "setting off.",
    ]),
    ("en-space", "en", "utf-8", "Crew docks with orbiting laboratory after two-day flight", [
        "Three astronauts docked with China's Tiangong space station on Thursday after a two-day "
        "flight, the country's space agency said.",
        "The crew will spend six months aboard, carrying out experiments in biology and materials "
        "science, while the International Space Station continues its own programme.",
        "Ground stations in Namibia and Pakistan tracked the final approach.",
    ]),
    ("en-election", "en", "utf-8", "Turnout high as polls close in council elections", [
        "Polling stations closed at 10pm after a day of steady voting in the council elections, "
        "with turnout expected to be the highest in a decade.",
        "Officials said there had been no serious incidents; police officers were present at a "
        "handful of polling stations as a precaution.",
        "Counting begins on Friday morning, and the first results are expected before noon.",
    ]),
    ("en-museum", "en", "utf-8", "Porcelain collection goes on show after restoration", [
        "More than 300 pieces of Ming and Qing porcelain go on show at the city museum this week "
        "after a three-year restoration.",
        "Several pieces had been lent to galleries overseas and returned only last month; the "
        "curator said the collection was 'finally whole again'.",
        "The exhibition also marks 110 years since the museum opened its Asian galleries.",
    ]),
    ("en-crash", "en", "utf-8", "Driver arrested after car hits bus shelter", [
        "A 34-year-old man was arrested on suspicion of dangerous driving after a car mounted the "
        "pavement and hit a bus shelter on the high street on Sunday evening.",
        "Police said nobody had been seriously hurt. The driver was taken to the police station "
        "for questioning and later released on bail.",
        "Witnesses were asked to contact the police service on its non-emergency number.",
    ]),
    ("en-housing", "en", "utf-8", "House prices edge up as mortgage rates ease", [
        "House prices rose 0.4% in October, the third monthly increase in a row, as lenders cut "
        "mortgage rates, figures from a building society showed.",
        "First-time buyers accounted for a larger share of sales than a year ago, and the number "
        "of homes on the market rose in most regions.",
        "Economists said prices would probably stay flat over the winter.",
    ]),
    ("en-trade", "en", "utf-8", "Container traffic recovers at the port", [
        "Container traffic through the port rose 8% in the first half of the year, helped by "
        "shipments from China and South Korea, the port authority said.",
        "Customs officers cleared a record number of consignments in June, and a new rail link "
        "will carry containers inland from next spring.",
        "Trade unions welcomed the figures but warned about staff shortages on night shifts.",
    ]),
    ("en-festival", "en", "utf-8", "Lantern festival draws record crowds", [
        "Tens of thousands of people visited the lantern festival in the park over the weekend, "
        "organisers said, a record for the event, now in its twelfth year.",
        "Stalls sold dumplings and sesame balls, and a lion dance opened each evening's "
        "programme. Chinese community groups from across the region took part.",
        "Police and volunteers managed the queues at the gates, which closed at 11pm.",
    ]),
    ("en-research", "en", "utf-8", "Antarctic station begins winter season", [
        "The research station on the Antarctic coast has begun its winter season with a crew of "
        "fourteen, who will not see another ship until November.",
        "Scientists will measure sea ice, ozone and the behaviour of emperor penguins; the "
        "station shares data with a Chinese research station 300 km along the coast.",
        "The base commander said the crew had trained for fire, medical and power emergencies.",
    ]),
    ("en-music", "en", "utf-8", "Orchestra's new season opens with Mahler", [
        "The orchestra opened its new season with Mahler's sixth symphony on Friday, conducted by "
        "its new music director in her first concert in the post.",
        "Critics praised the brass and the pacing of the finale. The season includes a tour of "
        "Japan and a festival of new music in the spring.",
        "Tickets for students cost five pounds at the box office.",
    ]),
    ("en-hospital", "en", "utf-8", "Hospital waiting lists fall for the first time in a year", [
        "The number of patients waiting for planned treatment fell for the first time in twelve "
        "months, health service figures published on Thursday show.",
        "Hospitals opened extra operating theatres at weekends and sent some patients to private "
        "clinics, managers said.",
        "Nursing unions said the improvement depended on staff working long hours of overtime.",
    ]),
    ("de-bahn", "de", "utf-8", "Streik legt den Fernverkehr lahm", [
        "Ein Streik der Lokführer hat am Montag den Fernverkehr in weiten Teilen Deutschlands "
        "lahmgelegt. Am Hauptbahnhof warteten Tausende Reisende auf Ersatzzüge.",
        "Die Bundespolizei war mit zusätzlichen Beamten im Bahnhof, um das Gedränge auf den "
        "Bahnsteigen zu ordnen. Zwischenfälle gab es nach ihren Angaben nicht.",
        "Die Gewerkschaft kündigte an, den Ausstand am Mittwochmorgen zu beenden.",
    ]),
    ("de-fussball", "de", "utf-8", "Heimsieg im Derby vor ausverkauftem Haus", [
        "Mit einem 2:1 im Derby hat der Aufsteiger den Abstand zu den Abstiegsplätzen auf sechs "
        "Punkte vergrößert. Das Siegtor fiel in der Nachspielzeit.",
        "Die Polizei meldete einen weitgehend friedlichen Spieltag; nach dem Abpfiff wurden zwei "
        "Fans wegen Pyrotechnik angezeigt.",
        "Am Samstag reist die Mannschaft zum Tabellenführer nach München.",
    ]),
    ("fr-vendanges", "fr", "utf-8", "Des vendanges précoces en Bourgogne", [
        "Les vendanges ont commencé avec dix jours d'avance en Bourgogne, après un été chaud et "
        "sec, annonce l'interprofession des vins.",
        "Les vignerons espèrent une petite récolte mais de belle qualité. Des acheteurs venus de "
        "Chine et des États-Unis ont déjà réservé une partie des grands crus.",
        "La préfecture rappelle les règles de circulation des engins agricoles sur les routes.",
    ]),
    ("fr-velo", "fr", "utf-8", "Le Tour de France arrive dans les Alpes", [
        "Le peloton du Tour de France aborde ce jeudi la première étape alpestre, avec trois cols "
        "au programme et une arrivée au sommet.",
        "La gendarmerie et la police municipale ont fermé les routes d'accès dès l'aube; le "
        "commissariat de la ville d'arrivée a reçu des renforts pour la journée.",
        "Le maillot jaune compte quarante secondes d'avance sur son premier poursuivant.",
    ]),
    ("es-futbol", "es", "utf-8", "El líder gana en el último minuto", [
        "El líder de la liga ganó 1-0 en el último minuto y mantiene cuatro puntos de ventaja "
        "sobre su perseguidor a falta de diez jornadas.",
        "La policía municipal cortó varias calles alrededor del estadio; un aficionado pasó la "
        "noche en la comisaría por lanzar una bengala al campo.",
        "El entrenador elogió la defensa y pidió calma a los seguidores.",
    ]),
    ("es-turismo", "es", "utf-8", "Récord de turistas en Semana Santa", [
        "Los hoteles de la costa rozaron el lleno durante la Semana Santa, con visitantes de "
        "Francia, Alemania, Reino Unido y, por primera vez en años, de China.",
        "Las estaciones de autobuses y los aeropuertos registraron colas de hasta una hora.",
        "El sector espera una temporada de verano igual de buena.",
    ]),
    ("it-venezia", "it", "utf-8", "Venezia, il ticket d'ingresso torna in primavera", [
        "Il contributo di accesso per i visitatori giornalieri tornerà in vigore in primavera, ha "
        "annunciato il comune di Venezia.",
        "I controlli saranno affidati alla polizia locale e a personale comunale agli imbarcaderi "
        "e alla stazione ferroviaria di Santa Lucia.",
        "Gli albergatori chiedono regole più semplici per i gruppi di turisti cinesi e americani.",
    ]),
    ("it-calcio", "it", "utf-8", "Derby senza reti, la Roma resta quarta", [
        "Il derby è finito senza reti davanti a sessantamila spettatori; la squadra di casa resta "
        "al quarto posto in classifica.",
        "La questura aveva disposto un servizio d'ordine rafforzato, senza incidenti di rilievo.",
        "Domenica prossima la trasferta a Napoli.",
    ]),
    ("nl-weer", "nl", "utf-8", "Eerste sneeuw van de winter zorgt voor files", [
        "De eerste sneeuw van de winter zorgde dinsdagochtend voor honderden kilometers file. "
        "Het KNMI had code oranje afgegeven voor het noorden van het land.",
        "De politie vroeg automobilisten om thuis te werken waar dat kon; bij het politiebureau "
        "in Assen kwamen tientallen meldingen van kleine aanrijdingen binnen.",
        "Treinen reden volgens een aangepaste dienstregeling.",
    ]),
    ("pt-fado", "pt", "utf-8", "Casas de fado de Lisboa com lotação esgotada", [
        "As casas de fado de Alfama tiveram lotação esgotada durante todo o verão, com turistas "
        "de França, do Brasil e da China.",
        "A câmara municipal quer limitar o ruído depois da meia-noite; a polícia municipal fará "
        "mais patrulhas ao fim de semana.",
        "Os fadistas dizem que a tradição está mais viva do que nunca.",
    ]),
    ("cs-tramvaje", "cs", "cp1250", "Nové tramvaje vyjedou do ulic na jaře", [
        "Dopravní podnik převezme prvních dvacet nových tramvají v březnu, oznámil v pondělí "
        "jeho ředitel.",
        "Městská policie pomůže s řízením dopravy během zkušebních jízd v centru města.",
        "Cestující se mohou těšit na klimatizaci a nízkopodlažní vstupy.",
    ]),
    ("hu-balaton", "hu", "cp1250", "Rekordszámú vendég a Balatonnál", [
        "Soha ennyi vendég nem szállt meg a Balaton partján, mint idén nyáron – közölte a "
        "turisztikai ügynökség.",
        "A rendőrség a strandokon és a kikötőkben is fokozott jelenléttel segítette a "
        "nyaralókat.",
        "A szállodák szeptemberre is jó foglaltságot várnak.",
    ]),
    ("zh-chunyun", "zh", "gb18030", "春运首日铁路客流创新高", [
        "春运首日，全国铁路发送旅客超过一千万人次，多个火车站客流创下历史新高。",
        "车站派出所民警在候车大厅维持秩序，帮助老人和儿童进站。高速公路服务区也迎来车流高峰。",
        "铁路部门提醒旅客提前购票，错峰出行。",
    ]),
    ("zh-typhoon", "zh", "big5", "颱風過境 多處停電", [
        "颱風昨夜過境，北部多處停電，約十萬戶受到影響，電力公司正全力搶修。",
        "警察在低窪地區協助居民撤離，消防隊出動抽水。",
        "氣象局表示，颱風今天將逐漸遠離，但仍有大雨。",
    ]),
    ("ja-sakura", "ja", "shift_jis", "桜の開花、例年より一週間早く", [
        "気象台は、市内で桜が開花したと発表した。例年より一週間早く、平年並みの見頃は来週末になる見込み。",
        "公園周辺では花見客の混雑が予想され、警察署は交通規制を実施する。",
        "観光協会は海外からの観光客の増加にも期待している。",
    ]),
    ("ko-concert", "ko", "euc-kr", "아이돌 그룹 월드투어 첫 공연 매진", [
        "인기 아이돌 그룹의 월드투어 첫 공연이 판매 시작 10분 만에 매진됐다.",
        "경찰서는 공연장 주변의 교통 혼잡에 대비해 경찰 인력을 배치하기로 했다.",
        "그룹은 다음 달 일본과 미국에서 공연을 이어간다.",
    ]),
]

NAV = {
    "en": ["Home", "UK", "World", "China", "Business", "Crime", "Sport", "Travel", "Opinion"],
    "de": ["Startseite", "Politik", "Welt", "China", "Wirtschaft", "Polizei", "Sport"],
    "fr": ["Accueil", "France", "Monde", "Chine", "Économie", "Faits divers", "Sport"],
    "es": ["Portada", "España", "Mundo", "China", "Economía", "Sucesos", "Deportes"],
    "it": ["Home", "Cronaca", "Esteri", "Cina", "Economia", "Sport"],
    "nl": ["Home", "Binnenland", "Buitenland", "China", "Economie", "Politie", "Sport"],
    "pt": ["Início", "Portugal", "Mundo", "China", "Economia", "Desporto"],
    "cs": ["Domů", "Domácí", "Zahraničí", "Čína", "Ekonomika", "Sport"],
    "hu": ["Címlap", "Itthon", "Világ", "Kína", "Gazdaság", "Sport"],
    "zh": ["首页", "国内", "国际", "财经", "社会", "体育"],
    "ja": ["トップ", "国内", "国際", "経済", "社会", "スポーツ"],
    "ko": ["홈", "정치", "국제", "경제", "사회", "스포츠"],
}

MOST_READ = [
    "Police appeal for witnesses after burglary at village shop",
    "China's exports rise for fifth month as demand recovers",
    "Firefighters rescue cat from roof of railway station",
    "Chinese New Year: where to see the parades this weekend",
    "Council approves new bus station after ten-year wait",
    "Beijing hosts climate talks as heatwave grips the region",
    "Former police officer jailed for fraud",
    "Tourists return overseas as airport strike ends",
]


def _page(lang: str, charset: str, headline: str, paragraphs: list[str], n: int) -> str:
    e = html.escape
    nav = "".join(f'<li><a href="/{e(s.lower())}/">{e(s)}</a></li>' for s in NAV[lang])
    most = "".join(f'<li><a href="/news/{n}{i}">{e(h)}</a></li>'
                   for i, h in enumerate(MOST_READ[n % 4:n % 4 + 4]))
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{e(headline)} | The Daily Example</title>
<meta property="og:title" content="{e(headline)}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"section":"news","id":{n}}});</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button>
<button>Manage preferences</button></div>
<header><a class="logo" href="/">The Daily Example</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<main><article><h1>{e(headline)}</h1><p class="byline">By a staff reporter · 12 March</p>
{body}
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
</article>
<aside><h2>Most read</h2><ol>{most}</ol>
<div class="ad">Advertisement</div></aside>
<section class="comments"><h2>Comments (3)</h2>
<div class="comment">Great news, about time!</div>
<div class="comment">I was there, it was packed.</div>
<div class="comment">Who pays for all this?</div></section></main>
<footer><a href="/contact">Contact us</a> · <a href="/advertise">Advertise</a> ·
<a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · © The Daily Example</footer>
<script src="/static/analytics.js" async></script>
</body></html>
"""


def news_pages() -> dict[str, bytes]:
    """{file name: page bytes in its own encoding} for every article."""
    return {f"{name}.html": _page(lang, enc, head, paras, n).encode(enc, "xmlcharrefreplace")
            for n, (name, lang, enc, head, paras) in enumerate(ARTICLES)}
