#!/usr/bin/env python3
"""Self-check for crates/mentions/places/data/{gazetteer.tsv[.gz],regions.tsv}.

Standard library only.  Usage: python3 tools/gazetteer/check.py [DATA_DIR]
Exits non-zero on any failure; prints 'N passed, N failed' last.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
sys.path.insert(0, HERE)
from gen_gazetteer import ISO2_TO_ISO3, fold  # noqa: E402  (no third-party imports at module level)

ISO3 = set(ISO2_TO_ISO3.values())
GAZ_FEATURES = {"country", "admin1", "admin2", "city", "locality"}
REGION_FEATURES = {"region", "landmark", "city", "locality"}
GAZ_COLUMNS = ["geonames_id", "name", "feature", "country", "admin1", "lat", "lon", "population", "names"]
REGION_COLUMNS = ["name", "feature", "country", "lat", "lon", "names", "note"]
COORD = re.compile(r"^-?\d{1,3}\.\d{4}$")

passed = 0
failed = 0


def check(cond: bool, msg: str) -> bool:
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {msg}")
    return cond


def open_gazetteer(data_dir: str):
    plain = os.path.join(data_dir, "gazetteer.tsv")
    gz = plain + ".gz"
    if os.path.exists(gz):
        check(not os.path.exists(plain), "both gazetteer.tsv and gazetteer.tsv.gz exist")
        with open(gz, "rb") as f:
            head = f.read(10)
        # gzip header: mtime bytes 4..7 must be zero, FLG must not set FNAME (0x08)
        check(head[4:8] == b"\0\0\0\0" and not head[3] & 0x08, "gzip header not deterministic")
        return gzip.open(gz, "rt", encoding="utf-8"), gz
    return open(plain, encoding="utf-8"), plain


def main() -> int:
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "crates", "mentions", "places", "data")

    # ------------------------------------------------------------------ gazetteer
    f, path = open_gazetteer(data_dir)
    rows = []
    header_cols = None
    saw_licence = False
    lgpl_source = False
    with f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                if "CC BY 4.0" in line and "GeoNames" in line:
                    saw_licence = True
                if "pycountry" in line:
                    lgpl_source = True
                if line.startswith("#geonames_id"):
                    header_cols = line[1:].split("\t")
                continue
            parts = line.split("\t")
            if len(parts) != 9:
                check(False, f"{path}:{lineno}: {len(parts)} columns")
                continue
            rows.append((lineno, parts))
    check(saw_licence, "gazetteer header lacks the GeoNames CC BY 4.0 notice")
    check(not lgpl_source, "gazetteer header names pycountry (LGPL-2.1), a removed source")
    check(header_cols == GAZ_COLUMNS, f"gazetteer column header {header_cols}")

    ids = Counter()
    by_name = defaultdict(list)  # every name/alias -> rows
    feat_counts = Counter()
    bad = Counter()
    for lineno, (gid, name, feature, iso3, a1, lat, lon, pop, names) in rows:
        where = f"{path}:{lineno}"
        if not gid.isdigit():
            bad["geonames_id"] += 1
            print(f"FAIL: {where}: geonames_id {gid!r}")
            continue
        ids[gid] += 1
        feat_counts[feature] += 1
        if feature not in GAZ_FEATURES:
            bad["feature"] += 1
            print(f"FAIL: {where}: feature {feature!r}")
        if iso3 not in ISO3:
            bad["iso3"] += 1
            print(f"FAIL: {where}: country {iso3!r}")
        if not name or name != name.strip():
            bad["name"] += 1
            print(f"FAIL: {where}: name {name!r}")
        if not a1:
            bad["admin1"] += 1
        if feature == "country" and a1 != "-":
            bad["admin1"] += 1
        try:
            la, lo = float(lat), float(lon)
            if not (COORD.match(lat) and COORD.match(lon) and -90 <= la <= 90 and -180 <= lo <= 180):
                raise ValueError
        except ValueError:
            bad["coords"] += 1
            print(f"FAIL: {where}: coords {lat},{lon}")
        if not pop.isdigit():
            bad["population"] += 1
            print(f"FAIL: {where}: population {pop!r}")
        alts = [] if names == "-" else names.split("|")
        if any(not a or a != a.strip() for a in alts) or name in alts or len(set(alts)) != len(alts):
            bad["names"] += 1
            print(f"FAIL: {where}: names field malformed")
        if alts != sorted(alts):
            bad["names_sorted"] += 1
        allnames = [name] + alts
        present = set(allnames)
        for n in allnames:
            fn = fold(n)
            if fn and fn != n and fn not in present:
                bad["ascii_fold_missing"] += 1
                print(f"FAIL: {where}: folded variant {fn!r} of {n!r} missing")
        row = (gid, name, feature, iso3, a1, float(lat), float(lon), int(pop) if pop.isdigit() else 0)
        for n in present:
            by_name[n].append(row)
    for k in ["feature", "iso3", "name", "admin1", "coords", "population", "names", "names_sorted",
              "ascii_fold_missing", "geonames_id"]:
        check(bad[k] == 0, f"{bad[k]} rows with bad {k}")
    dups = [g for g, c in ids.items() if c > 1]
    check(not dups, f"duplicate geonames_id: {dups[:10]}")
    countries = {r[3] for rs in by_name.values() for r in rs if r[2] == "country"}
    check(len(countries) >= 245, f"only {len(countries)} countries")
    check(feat_counts["admin1"] >= 3500, f"only {feat_counts['admin1']} admin1 rows")
    check(feat_counts["city"] >= 30000, f"only {feat_counts['city']} city rows")

    def resolves(alias, iso3, feature=None, canonical=None, admin1=None):
        for gid, name, feat, c, a1, *_ in by_name.get(alias, []):
            if c != iso3:
                continue
            if feature and feat != feature:
                continue
            if canonical and name != canonical:
                continue
            if admin1 and a1 != admin1:
                continue
            return True
        return False

    # Exonyms: (alias, iso3, feature, canonical GeoNames name)
    exonyms = [
        ("Bakou", "AZE", "city", "Baku"), ("Baku", "AZE", "city", "Baku"),
        ("Erevan", "ARM", "city", "Yerevan"), ("Yerevan", "ARM", "city", "Yerevan"),
        ("Moscou", "RUS", "city", "Moscow"), ("Kharkov", "UKR", "city", "Kharkiv"),
        ("Kharkiv", "UKR", "city", "Kharkiv"), ("Charkiw", "UKR", "city", "Kharkiv"),
        ("Kiev", "UKR", "city", "Kyiv"), ("Kyiv", "UKR", "city", "Kyiv"),
        ("Pékin", "CHN", "city", "Beijing"), ("Pekin", "CHN", "city", "Beijing"),
        ("Londres", "GBR", "city", "London"), ("Varsovie", "POL", "city", "Warsaw"),
        ("Le Caire", "EGY", "city", "Cairo"), ("Alger", "DZA", "city", "Algiers"),
        ("Tripoli", "LBY", "city", "Tripoli"), ("Tripoli", "LBN", "city", "Tripoli"),
        ("Beyrouth", "LBN", "city", "Beirut"), ("Damas", "SYR", "city", "Damascus"),
        ("Jérusalem", "ISR", "city", "Jerusalem"), ("Jerusalem", "ISR", "city", "Jerusalem"),
        ("La Havane", "CUB", "city", "Havana"), ("Mexico", "MEX", "city", "Mexico City"),
        ("Bruxelles", "BEL", "city", "Brussels"), ("Vienne", "AUT", "city", "Vienna"),
        ("Genève", "CHE", "city", "Geneva"), ("Geneve", "CHE", "city", "Geneva"),
        ("Dacca", "BGD", "city", "Dhaka"), ("Lomé", "TGO", "city", "Lomé"), ("Lome", "TGO", "city", "Lomé"),
        ("Zaporijia", "UKR", "city", "Zaporizhzhya"), ("Marioupol", "UKR", "city", "Mariupol"),
        ("Odessa", "UKR", "city", "Odesa"), ("Bakhmout", "UKR", "city", "Bakhmut"),
        ("Gaza", "PSE", "city", "Gaza"), ("Rafah", "PSE", "city", "Rafaḩ"),
        ("Khan Younès", "PSE", "city", "Khān Yūnis"), ("Le Cap", "ZAF", "city", "Cape Town"),
        ("Addis-Abeba", "ETH", "city", "Addis Ababa"), ("Mogadiscio", "SOM", "city", "Mogadishu"),
        ("Téhéran", "IRN", "city", "Tehran"), ("Bagdad", "IRQ", "city", "Baghdad"),
        ("Mossoul", "IRQ", "city", "Mosul"), ("Alep", "SYR", "city", "Aleppo"),
        ("Kaboul", "AFG", "city", "Kabul"), ("Tbilissi", "GEO", "city", "Tbilisi"),
        ("Washington", "USA", "city", "Washington"), ("Stepanakert", "AZE", None, None),
        ("Russie", "RUS", "country", "Russia"), ("Russia", "RUS", "country", "Russia"),
        ("Allemagne", "DEU", "country", "Germany"), ("États-Unis", "USA", "country", "United States"),
        ("Etats-Unis", "USA", "country", "United States"), ("Royaume-Uni", "GBR", "country", "United Kingdom"),
        ("RDC", "COD", "country", None), ("Côte d'Ivoire", "CIV", "country", None),
        ("Birmanie", "MMR", "country", None), ("Géorgie", "GEO", "country", "Georgia"),
        ("Arménie", "ARM", "country", "Armenia"), ("Azerbaïdjan", "AZE", "country", "Azerbaijan"),
        ("Tchad", "TCD", "country", "Chad"), ("Ukraine", "UKR", "country", "Ukraine"),
        ("Bavière", "DEU", "admin1", "Bavaria"), ("Catalogne", "ESP", "admin1", "Catalonia"),
        ("Californie", "USA", "admin1", "California"), ("Écosse", "GBR", "admin1", "Scotland"),
        ("Tchétchénie", "RUS", "admin1", "Chechnya"), ("Crimée", "UKR", "admin1", "Crimea"),
        ("Nord-Kivu", "COD", "admin1", "North Kivu"), ("région de Donetsk", "UKR", "admin1", "Donetsk"),
        ("Seine-Saint-Denis", "FRA", "admin2", "Seine-Saint-Denis"),
        # hand-written French admin1 names (ADMIN1_FRENCH_NAMES)
        ("Darfour-Nord", "SDN", "admin1", "Northern Darfur"), ("région de Zaporojie", "UKR", "admin1", "Zaporizhzhia"),
        ("région de Koursk", "RUS", "admin1", "Kursk Oblast"), ("province de Ninive", "IRQ", "admin1", "Nineveh"),
        ("Hodeïda", "YEM", "admin1", "Al Hudaydah"), ("État de Borno", "NGA", "admin1", "Borno State"),
        ("Sud-Kivu", "COD", "admin1", "South Kivu"), ("Pendjab", "PAK", "admin1", "Punjab"),
        ("Basse-Californie", "MEX", "admin1", "Baja California"), ("Floride", "USA", "admin1", "Florida"),
    ]
    for alias, iso3, feature, canonical in exonyms:
        check(resolves(alias, iso3, feature, canonical),
              f"exonym {alias!r} does not resolve to {canonical or '*'} ({feature or '*'}, {iso3})")

    # Homonyms that a geocoder must disambiguate
    check(resolves("Paris", "FRA", "city"), "Paris FRA missing")
    check(resolves("Paris", "USA", "city", admin1="Texas"), "Paris, Texas missing")
    check(resolves("Georgia", "GEO", "country"), "Georgia (country) missing")
    check(resolves("Georgia", "USA", "admin1"), "Georgia (US state) missing")
    check(resolves("Géorgie", "USA", "admin1"), "Géorgie (US state) missing")
    check(resolves("Congo", "COD", "country") and resolves("Congo", "COG", "country"), "Congo homonyms missing")

    # ------------------------------------------------------------------ regions
    rpath = os.path.join(data_dir, "regions.tsv")
    rrows = []
    rheader = None
    with open(rpath, encoding="utf-8") as rf:
        for lineno, line in enumerate(rf, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                if line.startswith("#name\t"):
                    rheader = line[1:].split("\t")
                continue
            parts = line.split("\t")
            if not check(len(parts) == 7, f"{rpath}:{lineno}: {len(parts)} columns"):
                continue
            rrows.append((lineno, parts))
    check(rheader == REGION_COLUMNS, f"regions column header {rheader}")
    check(len(rrows) >= 60, f"only {len(rrows)} region rows")
    rnames = defaultdict(list)
    seen = Counter()
    for lineno, (name, feature, iso3, lat, lon, names, note) in rrows:
        where = f"{rpath}:{lineno}"
        seen[(name, iso3)] += 1
        check(feature in REGION_FEATURES, f"{where}: feature {feature!r}")
        check(iso3 in ISO3, f"{where}: country {iso3!r}")
        ok = COORD.match(lat) and COORD.match(lon)
        check(bool(ok) and -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, f"{where}: coords {lat},{lon}")
        alts = [] if names == "-" else names.split("|")
        check(all(a and a == a.strip() for a in alts) and name not in alts and len(set(alts)) == len(alts),
              f"{where}: names malformed")
        check(bool(note.strip()), f"{where}: empty note")
        for n in [name] + alts:
            rnames[n].append((name, iso3))
            fn = fold(n)
            if fn and fn != n:
                check(fn in alts or fn == name, f"{where}: folded variant {fn!r} of {n!r} missing")
    check(all(c == 1 for c in seen.values()), "duplicate region rows")
    required = ["Donbass", "Donbas", "Transnistrie", "Transnistria", "Abkhazie", "Ossétie du Sud",
                "South Ossetia", "Crimée", "Haut-Karabakh", "Nagorno-Karabakh", "bande de Gaza",
                "Gaza Strip", "Cisjordanie", "West Bank", "plateau du Golan", "Golan Heights", "Darfour",
                "Kordofan", "Tigré", "Tigray", "Cachemire", "Kashmir", "Sahel", "Liptako-Gourma",
                "zone des trois frontières", "lac Tchad", "Cabo Delgado", "Ituri", "Nord-Kivu", "Kurdistan",
                "Rojava", "poche d'Idlib", "Sinaï", "Sahara occidental", "Balochistan", "Rakhine", "Mindanao",
                "Somaliland", "Puntland", "Jubaland", "Ambazonia", "Casamance", "Lachin corridor",
                "Tskhinvali", "Xinjiang", "Tibet"]
    for n in required:
        check(n in rnames, f"regions.tsv lacks {n!r}")

    print(f"gazetteer: {path}: {sum(feat_counts.values())} rows: " +
          ", ".join(f"{k}={feat_counts[k]}" for k in ["country", "admin1", "admin2", "city", "locality"]))
    print(f"regions: {len(rrows)} rows: " + ", ".join(f"{k}={v}" for k, v in
                                                     sorted(Counter(p[1] for _, p in rrows).items())))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
