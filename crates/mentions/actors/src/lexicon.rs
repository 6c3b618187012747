//! Actor lexicons: the data files under `data/<lang>/`, compiled into one
//! form matcher per language (`vigie-text`'s [`FormMatcher`], a trie walked
//! from word starts), built once on first use.
//!
//! The files and their columns are documented in `data/FORMAT.md`. Every form
//! becomes a pattern pointing at one or more [`Entry`]s (a form may name two
//! things: "congolais" is both Congos, "juge" a sector and a title). Case:
//! forms match as written; a form starting with a lower-case letter also
//! matches capitalised, which is valid at the start of a sentence only (and
//! for French demonyms, where the capitalised form is the noun "les
//! Arméniens"). Forms in capitals ("EU", "RSF") match exactly.

use std::collections::HashMap;
use std::sync::LazyLock;

use vigie_text::matcher::FormMatcher;

/// What a lexicon form names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A country name ("Russie", "the US").
    Country { iso3: String },
    /// A capital or seat of power used by metonymy ("Moscou", "Kremlin").
    Capital {
        iso3: String,
        sector: Option<String>,
        seat: bool,
    },
    /// A nationality adjective ("russe", "Ethiopian").
    DemonymAdj { iso3: String },
    /// A nationality noun ("les Russes", "Ukrainians").
    DemonymNoun { iso3: String },
    /// A generic sector noun ("armée", "protesters").
    Sector { sector: String, role: Option<String> },
    /// An international organisation or NGO.
    Igo {
        code: String,
        name: String,
        sector: String,
    },
    /// A non-state armed group.
    Group {
        name: String,
        country: Option<String>,
        sector: String,
    },
    /// A known person (`persons.tsv`): canonical name, country (None for
    /// heads of international organisations), sector, role and IGO code.
    Person {
        name: String,
        country: Option<String>,
        sector: String,
        role: String,
        igo: Option<String>,
    },
    /// A title of a person; `sector` None when it comes from the organisation;
    /// `counterpart` for "homologue"/"counterpart".
    Title {
        role: String,
        sector: Option<String>,
        counterpart: bool,
    },
}

/// A bit per kind of entry ([`Kind::bit`]), so that a form's meanings can be
/// tested for a kind without reading them.
pub mod kind_bits {
    pub const COUNTRY: u16 = 1 << 0;
    /// A capital used as a city ([`Kind::Capital`](super::Kind::Capital) with `seat` false).
    pub const CITY: u16 = 1 << 1;
    /// A seat of power ([`Kind::Capital`](super::Kind::Capital) with `seat` true).
    pub const SEAT: u16 = 1 << 2;
    pub const DEMONYM_ADJ: u16 = 1 << 3;
    pub const DEMONYM_NOUN: u16 = 1 << 4;
    pub const SECTOR: u16 = 1 << 5;
    pub const IGO: u16 = 1 << 6;
    pub const GROUP: u16 = 1 << 7;
    pub const PERSON: u16 = 1 << 8;
    pub const TITLE: u16 = 1 << 9;
}

impl Kind {
    /// This kind's bit in [`kind_bits`].
    pub fn bit(&self) -> u16 {
        match self {
            Kind::Country { .. } => kind_bits::COUNTRY,
            Kind::Capital { seat: false, .. } => kind_bits::CITY,
            Kind::Capital { seat: true, .. } => kind_bits::SEAT,
            Kind::DemonymAdj { .. } => kind_bits::DEMONYM_ADJ,
            Kind::DemonymNoun { .. } => kind_bits::DEMONYM_NOUN,
            Kind::Sector { .. } => kind_bits::SECTOR,
            Kind::Igo { .. } => kind_bits::IGO,
            Kind::Group { .. } => kind_bits::GROUP,
            Kind::Person { .. } => kind_bits::PERSON,
            Kind::Title { .. } => kind_bits::TITLE,
        }
    }
}

/// One meaning of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// Plural form of a sector noun or title ("ministres", "soldiers").
    pub plural: bool,
}

/// A pattern's link to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub entry: u32,
    /// Only valid at the start of a sentence (a capitalised common noun).
    pub initial_only: bool,
}

/// One language's compiled lexicon.
pub struct Lexicon {
    /// The forms, for [`Lexicon::longest_at`].
    matcher: FormMatcher,
    /// For each pattern, its meanings.
    pub links: Vec<Vec<Link>>,
    /// For each pattern, the [`kind_bits`] of its meanings: `[0]` of those
    /// valid anywhere, `[1]` of all (valid at the start of a sentence).
    pub kinds: Vec<[u16; 2]>,
    pub entries: Vec<Entry>,
    /// ISO alpha-3 → canonical English country name.
    /// ISO alpha-3 code and canonical English name of each country.
    country_names: Vec<(String, String)>,
    /// Index into `country_names` by code, the three letters read as a
    /// base-26 number: a look-up per coded actor, so no hashing.
    country_index: Vec<u16>,
    /// Per pattern: an actor only after a determiner (see `context.tsv`).
    pub after_determiner: Vec<bool>,
    /// Per pattern: an actor only with a nationality, a country or an
    /// organisation ("chars israéliens", "Russian warplanes"; see
    /// `context.tsv`): a machine or a people is no actor by itself.
    pub with_nationality: Vec<bool>,
    /// Determiners and possessives of the language (lower-case); number
    /// words (`vigie_text::words::NUMBER_WORDS`) count as determiners too.
    pub determiners: &'static [&'static str],
    /// Lower-case words that may follow an ambiguous form used as a noun.
    pub after_noun: &'static [&'static str],
    /// Per pattern: text that must not follow it ("pouvoir" → "d'achat").
    pub not_followed_by: Vec<Option<String>>,
}

/// A three-letter upper-case code as a number below 26³.
fn alpha3_key(code: &str) -> Option<usize> {
    match code.as_bytes() {
        [a, b, c] if code.bytes().all(|x| x.is_ascii_uppercase()) => {
            Some(usize::from(a - b'A') * 676 + usize::from(b - b'A') * 26 + usize::from(c - b'A'))
        }
        _ => None,
    }
}

/// Lower-case words after which an ambiguous form is still a noun ("the
/// military said", "les militaires ont tiré"); any other lower-case word
/// makes it an adjective ("a military base", "la lutte armée").
const FR_AFTER_NOUN: &[&str] = &[
    "a",
    "ont",
    "avait",
    "avaient",
    "avait-il",
    "est",
    "sont",
    "était",
    "étaient",
    "sera",
    "seront",
    "va",
    "vont",
    "doit",
    "doivent",
    "aurait",
    "auraient",
    "affirme",
    "affirment",
    "annonce",
    "annoncent",
    "dit",
    "disent",
    "de",
    "du",
    "des",
    "d'",
    "à",
    "au",
    "aux",
    "et",
    "ou",
    "en",
    "dans",
    "sur",
    "qui",
    "que",
    "ne",
    "n'",
    "se",
    "s'",
    "y",
    "pour",
    "contre",
    "avec",
    "selon",
    "lors",
    "par",
    "près",
    "ont-ils",
    "a-t-il",
    "a-t-elle",
    "l'",
    "le",
    "la",
    "les",
    "un",
    "une",
    "tués",
    "blessés",
    "morts",
];
const EN_AFTER_NOUN: &[&str] = &[
    "said",
    "says",
    "say",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "announced",
    "denied",
    "reported",
    "claimed",
    "told",
    "added",
    "confirmed",
    "accused",
    "warned",
    "launched",
    "opened",
    "fired",
    "killed",
    "ordered",
    "also",
    "and",
    "or",
    "on",
    "in",
    "at",
    "of",
    "for",
    "to",
    "with",
    "by",
    "from",
    "who",
    "that",
    "which",
    "later",
    "then",
    "had",
    "began",
    "struck",
    "seized",
    "took",
    "carried",
    "shot",
    "stormed",
    "arrested",
    "deployed",
    "withdrew",
];

/// Words after which an ambiguous noun ("militaires", "military") is a noun.
const FR_DETERMINERS: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d'",
    "ces",
    "cet",
    "cette",
    "ce",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "nos",
    "vos",
    "notre",
    "votre",
    "aux",
    "au",
    "plusieurs",
    "quelques",
    "nombreux",
    "certains",
    "autres",
    "aucun",
    "aucune",
    "tout",
    "tous",
    "dont",
    "et",
];
const EN_DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these", "those",
    "several", "some", "many", "other", "no", "any", "all", "both", "and", "top", "senior",
];

/// The raw data files of one language.
struct Files {
    countries: &'static str,
    demonyms: &'static str,
    capitals: &'static str,
    sectors: &'static str,
    igos: &'static str,
    groups: &'static str,
    titles: &'static str,
    context: &'static str,
}

const EN_COUNTRIES: &str = include_str!("../data/en/countries.tsv");
/// Persons are named alike in French and English news: one file for both.
const PERSONS: &str = include_str!("../data/persons.tsv");

const FR: Files = Files {
    countries: include_str!("../data/fr/countries.tsv"),
    demonyms: include_str!("../data/fr/demonyms.tsv"),
    capitals: include_str!("../data/fr/capitals.tsv"),
    sectors: include_str!("../data/fr/sectors.tsv"),
    igos: include_str!("../data/fr/igos.tsv"),
    groups: include_str!("../data/fr/groups.tsv"),
    titles: include_str!("../data/fr/titles.tsv"),
    context: include_str!("../data/fr/context.tsv"),
};

const EN: Files = Files {
    countries: EN_COUNTRIES,
    demonyms: include_str!("../data/en/demonyms.tsv"),
    capitals: include_str!("../data/en/capitals.tsv"),
    sectors: include_str!("../data/en/sectors.tsv"),
    igos: include_str!("../data/en/igos.tsv"),
    groups: include_str!("../data/en/groups.tsv"),
    titles: include_str!("../data/en/titles.tsv"),
    context: include_str!("../data/en/context.tsv"),
};

static FR_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build("fr", &FR));
static EN_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build("en", &EN));

/// The lexicon of a language, if Vigie has one.
pub fn lexicon(lang: &str) -> Option<&'static Lexicon> {
    match lang {
        "fr" => Some(&FR_LEXICON),
        "en" => Some(&EN_LEXICON),
        _ => None,
    }
}

/// A data row: its cells, and its line number for error messages.
pub struct Row<'a> {
    pub line: usize,
    pub cells: Vec<&'a str>,
}

/// Parses a lexicon file: skips comments and blank lines, checks the column
/// count. A malformed row is a bug in a committed file, caught by the tests
/// that load every lexicon; at run time it is skipped.
pub fn rows(data: &str, columns: usize) -> Vec<Row<'_>> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|(i, l)| {
            let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
            (cells.len() == columns).then_some(Row { line: i + 1, cells })
        })
        .collect()
}

/// Checks a lexicon file's rows, for tests: every non-comment line has the
/// right number of cells and no empty cell.
pub fn malformed_rows(data: &str, columns: usize) -> Vec<usize> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|(_, l)| {
            let cells: Vec<&str> = l.split('\t').collect();
            cells.len() != columns || cells.iter().any(|c| c.trim().is_empty())
        })
        .map(|(i, _)| i + 1)
        .collect()
}

fn opt(cell: &str) -> Option<String> {
    (cell != "-").then(|| cell.to_string())
}

fn forms(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "-")
}

fn is_all_caps(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn capitalise(form: &str) -> Option<String> {
    let mut chars = form.chars();
    let first = chars.next()?;
    if !first.is_lowercase() {
        return None;
    }
    Some(first.to_uppercase().chain(chars).collect())
}

/// French plural detection for sector nouns and titles: the last letter of
/// the head word.
fn is_plural(form: &str, lang: &str) -> bool {
    let head = match lang {
        // French heads come first: "ministres des Affaires étrangères".
        "fr" => form.split(' ').next().unwrap_or(form),
        // English heads come last: "foreign ministers".
        _ => form.rsplit(' ').next().unwrap_or(form),
    };
    let head = head.to_lowercase();
    match lang {
        "fr" => head.ends_with('s') || head.ends_with('x'),
        _ => {
            (head.ends_with('s') && !head.ends_with("ss") && !head.ends_with("us"))
                || matches!(
                    head.as_str(),
                    "police" | "military" | "people" | "gunmen" | "men" | "women"
                )
        }
    }
}

struct Builder {
    patterns: Vec<String>,
    index: HashMap<String, usize>,
    links: Vec<Vec<Link>>,
    entries: Vec<Entry>,
}

impl Builder {
    fn add_entry(&mut self, entry: Entry) -> u32 {
        self.entries.push(entry);
        (self.entries.len() - 1) as u32
    }

    fn link(&mut self, form: &str, entry: u32, initial_only: bool) {
        let i = *self.index.entry(form.to_string()).or_insert_with(|| {
            self.patterns.push(form.to_string());
            self.links.push(Vec::new());
            self.patterns.len() - 1
        });
        let links = &mut self.links[i];
        match links.iter_mut().find(|l| l.entry == entry) {
            // Written form wins over a capitalised variant of another form.
            Some(l) => l.initial_only &= initial_only,
            None => links.push(Link { entry, initial_only }),
        }
    }

    /// Adds a form with its case variants: a capitalised variant of a
    /// lower-case form is valid at the start of a sentence only.
    fn add_form(&mut self, form: &str, entry: u32) {
        self.link(form, entry, false);
        if is_all_caps(form) {
            return;
        }
        if let Some(cap) = capitalise(form) {
            self.link(&cap, entry, true);
        }
    }

    /// The adjective and noun entries of a country's demonyms.
    fn demonym_entries(&mut self, iso3: &str) -> (u32, u32) {
        let adj = self.add_entry(Entry {
            kind: Kind::DemonymAdj {
                iso3: iso3.to_string(),
            },
            plural: false,
        });
        let noun = self.add_entry(Entry {
            kind: Kind::DemonymNoun {
                iso3: iso3.to_string(),
            },
            plural: false,
        });
        (adj, noun)
    }
}

impl Lexicon {
    fn build(lang: &str, files: &Files) -> Lexicon {
        let mut b = Builder {
            patterns: Vec::new(),
            index: HashMap::new(),
            links: Vec::new(),
            entries: Vec::new(),
        };
        for row in rows(files.countries, 3) {
            let e = b.add_entry(Entry {
                kind: Kind::Country {
                    iso3: row.cells[0].to_string(),
                },
                plural: false,
            });
            for f in forms(row.cells[2]) {
                b.add_form(f, e);
            }
        }
        if lang == "fr" {
            for row in rows(files.demonyms, 5) {
                let (adj, noun) = b.demonym_entries(row.cells[0]);
                for cell in &row.cells[1..] {
                    for f in forms(cell) {
                        // Lower case: the adjective; capitalised: the noun ("les Arméniens").
                        b.link(f, adj, false);
                        if let Some(cap) = capitalise(f) {
                            b.link(&cap, noun, false);
                        }
                    }
                }
            }
        } else {
            for row in rows(files.demonyms, 4) {
                let (adj, noun) = b.demonym_entries(row.cells[0]);
                for f in forms(row.cells[1]) {
                    b.add_form(f, adj);
                }
                for cell in &row.cells[2..] {
                    for f in forms(cell) {
                        b.add_form(f, noun);
                    }
                }
            }
        }
        for row in rows(files.capitals, 4) {
            let seat = row.cells[1] == "seat";
            let e = b.add_entry(Entry {
                kind: Kind::Capital {
                    iso3: row.cells[0].to_string(),
                    sector: opt(row.cells[2]),
                    seat,
                },
                plural: false,
            });
            for f in forms(row.cells[3]) {
                b.add_form(f, e);
            }
        }
        for row in rows(files.sectors, 3) {
            for f in forms(row.cells[2]) {
                let e = b.add_entry(Entry {
                    kind: Kind::Sector {
                        sector: row.cells[0].to_string(),
                        role: opt(row.cells[1]),
                    },
                    plural: is_plural(f, lang),
                });
                b.add_form(f, e);
            }
        }
        for row in rows(files.igos, 4) {
            let e = b.add_entry(Entry {
                kind: Kind::Igo {
                    code: row.cells[0].to_string(),
                    name: row.cells[1].to_string(),
                    sector: row.cells[2].to_string(),
                },
                plural: false,
            });
            for f in forms(row.cells[3]) {
                b.add_form(f, e);
            }
        }
        for row in rows(files.groups, 4) {
            let e = b.add_entry(Entry {
                kind: Kind::Group {
                    name: row.cells[0].to_string(),
                    country: opt(row.cells[1]),
                    sector: row.cells[2].to_string(),
                },
                plural: false,
            });
            for f in forms(row.cells[3]) {
                b.add_form(f, e);
            }
        }
        for row in rows(PERSONS, 7) {
            let (role, igo) = match row.cells[3].split_once(':') {
                Some((role, igo)) => (role, Some(igo.to_string())),
                None => (row.cells[3], None),
            };
            let e = b.add_entry(Entry {
                kind: Kind::Person {
                    name: row.cells[0].to_string(),
                    country: opt(row.cells[1]),
                    sector: row.cells[2].to_string(),
                    role: role.to_string(),
                    igo,
                },
                plural: false,
            });
            // Names are written as they appear: no sentence-initial variant.
            for f in forms(row.cells[6]) {
                b.link(f, e, false);
            }
        }
        for row in rows(files.titles, 3) {
            let counterpart = row.cells[1] == "=counterpart";
            let sector = if counterpart { None } else { opt(row.cells[1]) };
            for f in forms(row.cells[2]) {
                let e = b.add_entry(Entry {
                    kind: Kind::Title {
                        role: row.cells[0].to_string(),
                        sector: sector.clone(),
                        counterpart,
                    },
                    plural: is_plural(f, lang),
                });
                b.add_form(f, e);
            }
        }
        let matcher = FormMatcher::new(&b.patterns).expect("actor lexicon compiles");
        let mut country_names: Vec<(String, String)> = rows(EN_COUNTRIES, 3)
            .into_iter()
            .map(|r| (r.cells[0].to_string(), r.cells[1].to_string()))
            .collect();
        country_names.sort();
        let mut country_index = vec![u16::MAX; 26 * 26 * 26];
        for (i, (code, _)) in country_names.iter().enumerate() {
            if let Some(k) = alpha3_key(code) {
                country_index[k] = i as u16;
            }
        }
        let mut after_determiner = vec![false; b.patterns.len()];
        let mut not_followed_by = vec![None; b.patterns.len()];
        let mut with_nationality = vec![false; b.patterns.len()];
        // Each pattern is compared once, lower-cased, with the rules of its
        // form (a rule applies to every case variant of its form).
        let mut rules: HashMap<String, Vec<&str>> = HashMap::new();
        for r in rows(files.context, 2) {
            rules
                .entry(r.cells[0].to_lowercase())
                .or_default()
                .push(r.cells[1]);
        }
        for (i, p) in b.patterns.iter().enumerate() {
            let Some(rs) = rules.get(&p.to_lowercase()) else {
                continue;
            };
            for rule in rs {
                match rule.strip_prefix("not_followed_by:") {
                    Some(w) => not_followed_by[i] = Some(w.to_string()),
                    None if *rule == "after_determiner" => after_determiner[i] = true,
                    None if *rule == "with_nationality" => with_nationality[i] = true,
                    None => {}
                }
            }
        }
        let after_noun = if lang == "fr" {
            FR_AFTER_NOUN
        } else {
            EN_AFTER_NOUN
        };
        let determiners = if lang == "fr" {
            FR_DETERMINERS
        } else {
            EN_DETERMINERS
        };
        let kinds = b
            .links
            .iter()
            .map(|links| {
                let bits = |initial: bool| {
                    links
                        .iter()
                        .filter(|l| !l.initial_only || initial)
                        .fold(0, |k, l| k | b.entries[l.entry as usize].kind.bit())
                };
                [bits(false), bits(true)]
            })
            .collect();
        Lexicon {
            matcher,
            kinds,
            links: b.links,
            entries: b.entries,
            country_names,
            country_index,
            after_determiner,
            with_nationality,
            determiners,
            after_noun,
            not_followed_by,
        }
    }

    /// The longest form starting at byte `s` of `text`: its pattern index
    /// and end (see [`FormMatcher::longest_at`]).
    #[inline]
    pub fn longest_at(&self, text: &[u8], s: usize) -> Option<(usize, usize)> {
        self.matcher.longest_at(text, s)
    }

    /// The longest form that is a prefix of `bytes` (see
    /// [`FormMatcher::longest_prefix`]).
    pub fn longest_prefix(&self, bytes: impl Iterator<Item = u8> + Clone) -> Option<(usize, usize)> {
        self.matcher.longest_prefix(bytes)
    }

    /// The canonical English name of a country code.
    pub fn country_name<'a>(&'a self, iso3: &'a str) -> &'a str {
        self.country(iso3).map_or(iso3, |(_, name)| name)
    }

    /// The code and canonical name of a country, as stored in the lexicon.
    pub fn country(&self, iso3: &str) -> Option<(&str, &str)> {
        let i = *self.country_index.get(alpha3_key(iso3)?)?;
        let (code, name) = self.country_names.get(usize::from(i))?;
        Some((code, name))
    }
}
