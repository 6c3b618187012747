#!/usr/bin/env python3
"""Self-check for the Vigie country lexicons (countries, demonyms, capitals; en and fr).

Checks that every file parses (column counts, no empty cells, '-' only as a whole cell), that the
set of iso3 codes is identical across all six files, that no form maps to two iso3 codes within a
file (except the ambiguities kept on purpose, listed below), and prints counts.
Cross-file collisions within a language are printed as warnings.

Usage: python3 tools/lexicons/check_countries.py   (exit status 1 on error)
"""
import collections
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "crates", "mentions", "actors", "data")

# Columns (after iso3) holding '|'-separated forms, per file kind and language.
LAYOUT = {
    "countries": {"en": ["name", "forms"], "fr": ["name", "forms"]},
    "demonyms": {
        "en": ["adjective", "person_sg", "person_pl"],
        "fr": ["masc_sg", "fem_sg", "masc_pl", "fem_pl"],
    },
    "capitals": {"en": ["kind", "sector", "forms"], "fr": ["kind", "sector", "forms"]},
}
FORM_COLUMNS = {"countries": ["forms"], "capitals": ["forms"]}  # demonyms: all columns

# Forms deliberately kept for more than one iso3 code: (lang, file, form) -> codes.
KEPT_AMBIGUOUS = {
    ("en", "countries", "Congo"): {"COD", "COG"},
    ("en", "demonyms", "Congolese"): {"COD", "COG"},
    ("fr", "demonyms", "congolais"): {"COD", "COG"},
    ("fr", "demonyms", "congolaise"): {"COD", "COG"},
    ("fr", "demonyms", "congolaises"): {"COD", "COG"},
}

errors = []


def err(msg):
    errors.append(msg)


def load(lang, kind):
    path = os.path.join(DATA, lang, f"{kind}.tsv")
    cols = ["iso3"] + LAYOUT[kind][lang]
    rows = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("#"):
        err(f"{path}: no header")
    if "\u2019" in text:
        err(f"{path}: contains a curly apostrophe")
    for n, line in enumerate(text.split("\n"), 1):
        if line == "" or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{lang}/{kind}.tsv:{n}"
        if len(cells) != len(cols):
            err(f"{where}: {len(cells)} columns, expected {len(cols)}")
            continue
        row = dict(zip(cols, cells))
        for c, v in row.items():
            if v == "" or v != v.strip():
                err(f"{where}: empty or padded cell in column {c}")
            if v != "-":
                for form in v.split("|"):
                    if form == "" or form != form.strip() or form == "-" or "  " in form:
                        err(f"{where}: bad form {form!r} in column {c}")
        if len(row["iso3"]) != 3 or not row["iso3"].isupper():
            err(f"{where}: bad iso3 {row['iso3']!r}")
        if kind == "capitals":
            if row["kind"] not in ("capital", "seat"):
                err(f"{where}: bad kind {row['kind']!r}")
            if row["sector"] not in ("GOV", "MIL", "LEG"):
                err(f"{where}: bad sector {row['sector']!r}")
        elif row.get("name") == "-" or any(
            row[c] == "-" for c in LAYOUT[kind][lang]
        ):
            err(f"{where}: '-' not allowed in {kind}")
        rows.append((n, row))
    return rows


def forms_of(kind, lang, row):
    cols = FORM_COLUMNS.get(kind, LAYOUT[kind][lang])
    out = set()
    for c in cols:
        if row[c] != "-":
            out.update(row[c].split("|"))
    return out


def main():
    codes = {}
    index = {}  # (lang, kind) -> form -> set(iso3)
    for lang in ("en", "fr"):
        for kind in ("countries", "demonyms", "capitals"):
            rows = load(lang, kind)
            seen = collections.Counter(r["iso3"] for _, r in rows)
            if kind != "capitals":
                for iso3, k in seen.items():
                    if k > 1:
                        err(f"{lang}/{kind}.tsv: {iso3} has {k} rows")
            else:
                caps = {r["iso3"] for _, r in rows if r["kind"] == "capital"}
                for iso3 in seen:
                    if iso3 not in caps:
                        err(f"{lang}/capitals.tsv: {iso3} has no 'capital' row")
            if kind == "countries":
                for n, r in rows:
                    if r["name"] not in r["forms"].split("|"):
                        err(f"{lang}/countries.tsv:{n}: name {r['name']!r} not among the forms")
            codes[(lang, kind)] = set(seen)
            idx = collections.defaultdict(set)
            for _, r in rows:
                for form in forms_of(kind, lang, r):
                    idx[form].add(r["iso3"])
            index[(lang, kind)] = idx
            nforms = sum(len(forms_of(kind, lang, r)) for _, r in rows)
            print(f"{lang}/{kind}.tsv: {len(rows)} rows, {len(seen)} codes, {nforms} forms")

    ref = codes[("en", "countries")]
    for key, s in codes.items():
        if s != ref:
            err(f"{key[0]}/{key[1]}.tsv: code set differs: missing {sorted(ref - s)}, extra {sorted(s - ref)}")
    if "XKX" not in ref:
        err("XKX (Kosovo) missing")
    print(f"iso3 codes: {len(ref)} (identical across all six files: {all(s == ref for s in codes.values())})")

    print("forms mapping to several codes within a file:")
    for (lang, kind), idx in sorted(index.items()):
        for form, isos in sorted(idx.items()):
            if len(isos) > 1:
                kept = KEPT_AMBIGUOUS.get((lang, kind, form))
                if kept == isos:
                    print(f"  kept: {lang}/{kind} {form!r} -> {sorted(isos)}")
                else:
                    err(f"{lang}/{kind}.tsv: form {form!r} maps to {sorted(isos)}")
    print("warnings: same form for different codes across files of one language:")
    for lang in ("en", "fr"):
        kinds = ("countries", "demonyms", "capitals")
        for i, a in enumerate(kinds):
            for b in kinds[i + 1:]:
                ia, ib = index[(lang, a)], index[(lang, b)]
                for form in sorted(set(ia) & set(ib)):
                    if ia[form] != ib[form]:
                        print(f"  {lang}: {form!r} {a}->{sorted(ia[form])} {b}->{sorted(ib[form])}")

    if errors:
        print(f"{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
