//! Small closed word lists of the geocoder: function words, locative cues,
//! type nouns ("ville", "province of"), compass words, verbs of speech.
//!
//! All lists are compared against lowercased tokens unless said otherwise.
//! Hand-written by the Vigie developers; French and English.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::gazetteer::FxSet;

/// Function words and everyday words that are never places on their own,
/// even capitalised at the start of a sentence, although GeoNames has towns
/// so named ("Il" in Kenya, "Selon" for Salon-de-Provence, "Of" in Turkey).
pub(crate) static STOP: WordSet = WordSet::new(&[
    // French
    "a",
    "à",
    "ai",
    "ainsi",
    "alors",
    "ans",
    "après",
    "au",
    "aucun",
    "aussi",
    "autre",
    "aux",
    "avait",
    "avant",
    "avec",
    "avoir",
    "but",
    "c'",
    "ça",
    "car",
    "ce",
    "cela",
    "ces",
    "cet",
    "cette",
    "chez",
    "comme",
    "contre",
    "d'",
    "dans",
    "de",
    "depuis",
    "des",
    "deux",
    "dit",
    "dix",
    "donc",
    "dont",
    "du",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "est",
    "et",
    "été",
    "être",
    "eux",
    "fait",
    "fin",
    "fois",
    "hier",
    "il",
    "ils",
    "j'",
    "je",
    "jusqu'",
    "l'",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lui",
    "m'",
    "ma",
    "mai",
    "mais",
    "malgré",
    "me",
    "même",
    "mes",
    "moi",
    "mon",
    "n'",
    "ne",
    "ni",
    "non",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "or",
    "ou",
    "où",
    "oui",
    "par",
    "parmi",
    "pas",
    "pendant",
    "peu",
    "plus",
    "pour",
    "près",
    "puis",
    "qu'",
    "quand",
    "que",
    "quel",
    "quelle",
    "qui",
    "rien",
    "s'",
    "sa",
    "sans",
    "se",
    "selon",
    "sera",
    "ses",
    "seul",
    "seule",
    "si",
    "sinon",
    "son",
    "sont",
    "sous",
    "sur",
    "ta",
    "te",
    "tes",
    "ton",
    "tous",
    "tout",
    "toute",
    "très",
    "trois",
    "tu",
    "un",
    "une",
    "vers",
    "via",
    "voici",
    "voilà",
    "vos",
    "votre",
    "vous",
    "y",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "aujourd'hui",
    "demain",
    "mme",
    "mlle",
    "m",
    "mm",
    "dr",
    // English
    "about",
    "after",
    "again",
    "against",
    "all",
    "along",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "by",
    "can",
    "come",
    "could",
    "did",
    "do",
    "does",
    "due",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "far",
    "few",
    "for",
    "from",
    "further",
    "got",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "least",
    "less",
    "made",
    "many",
    "may",
    "me",
    "meanwhile",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "never",
    "next",
    "no",
    "none",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "same",
    "say",
    "says",
    "see",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "tomorrow",
    "yesterday",
    "mr",
    "mrs",
    "ms",
]);

/// Strong locative prepositions directly before a place (determiners
/// skipped): "à Bakou", "en Ukraine", "in Sudan", "near Kharkiv".
pub(crate) static LOC_STRONG: WordSet = WordSet::new(&[
    "à",
    "au",
    "aux",
    "en",
    "dans",
    "chez",
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "within",
    "nearby",
    "across",
]);

/// Weak cues: prepositions that introduce places among other things
/// ("de Kharkiv", "from Sudan", "on Kyiv").
pub(crate) static LOC_WEAK: WordSet = WordSet::new(&[
    "de", "d'", "du", "des", "depuis", "vers", "sur", "pour", "contre", "entre", "jusqu'", "from", "to",
    "into", "towards", "toward", "on", "for", "between", "via", "over", "of", "par",
]);

/// Nouns that, followed by "de"/"of", make the next name a place: the
/// proximity and compass words ("près de", "au nord de", "outskirts of").
pub(crate) static NEAR_NOUNS: WordSet = WordSet::new(&[
    "près",
    "loin",
    "autour",
    "environs",
    "abords",
    "proximité",
    "alentours",
    "périphérie",
    "banlieue",
    "faubourgs",
    "portes",
    "large",
    "sortie",
    "entrée",
    "coeur",
    "cœur",
    "centre-ville",
    "nord",
    "sud",
    "est",
    "ouest",
    "nord-est",
    "nord-ouest",
    "sud-est",
    "sud-ouest",
    "centre",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "outskirts",
    "suburbs",
    "heart",
    "centre",
    "center",
    "edge",
    "west",
    "coast",
    "côtes",
    "côte",
    "kilomètres",
    "km",
    "miles",
    "kilometres",
    "kilometers",
]);

/// Compass adjectives directly before a name: "northern Syria", "eastern
/// Ukraine" (a strong cue).
pub(crate) static COMPASS_ADJ: WordSet = WordSet::new(&[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "occupied",
]);

/// Capitalised words allowed just before a place name without making it part
/// of a larger proper name ("Eastern Ukraine", "Northern Gaza").
pub(crate) static CAP_BEFORE_OK: WordSet = WordSet::new(&[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Greater",
    "Occupied", "Upper", "Lower",
]);

/// Capitalised words allowed just after a place name ("Kharkiv Governor
/// Oleh Syniehubov", "Donetsk Oblast").
pub(crate) static CAP_AFTER_OK: WordSet = WordSet::new(&[
    "Governor",
    "Gov",
    "Mayor",
    "Oblast",
    "Region",
    "Province",
    "Governorate",
    "Regional",
    "Police",
    "Airport",
    "Mayor's",
    "City",
    "District",
    "County",
    "Prosecutor",
    "Prosecutor's",
    "Military",
    "Administration",
    "On",
    "In",
    "At",
    "And",
    "Or",
    "But",
    "The",
]);

/// What a type noun says of the name after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeHint {
    /// "ville de", "the city of", "village de": a settlement.
    Settlement,
    /// "région de", "province of", "État de", "X region": an administrative
    /// division or a region.
    Area,
}

/// Type nouns that come before "de"/"of" ("la ville de", "the province of").
pub(crate) fn type_noun(w: &str) -> Option<TypeHint> {
    Some(match w {
        "ville" | "villes" | "localité" | "village" | "villages" | "commune" | "cité" | "bourgade"
        | "hameau" | "agglomération" | "métropole" | "city" | "cities" | "town" | "towns" | "hamlet"
        | "port" | "capitale" | "capital" | "quartier" | "neighbourhood" | "neighborhood" | "suburb"
        | "settlement" | "localities" | "locality" | "municipality" | "municipalité" | "stronghold"
        | "bastion" => TypeHint::Settlement,
        "région" | "régions" | "province" | "provinces" | "oblast" | "oblasts" | "gouvernorat"
        | "governorate" | "département" | "district" | "état" | "state" | "comté" | "county"
        | "préfecture" | "prefecture" | "wilaya" | "territoire" | "territory" | "canton" | "raion"
        | "rayon" | "kraï" | "krai" | "region" | "regions" | "émirat" | "emirate" | "zone" | "bande"
        | "enclave" | "plateau" | "vallée" | "valley" | "péninsule" | "peninsula" | "île" | "island"
        | "archipel" | "archipelago" | "désert" | "desert" | "plaine" | "massif" | "corridor" | "strip"
        | "republic" | "république" | "pays" | "country" => TypeHint::Area,
        _ => return None,
    })
}

/// Type nouns after a name: "Borno state", "Kherson region", "Idlib province".
pub(crate) fn type_noun_after(w: &str) -> Option<TypeHint> {
    Some(match w {
        "region" | "province" | "oblast" | "Oblast" | "governorate" | "state" | "district" | "county"
        | "prefecture" | "territory" | "Region" | "Province" | "Governorate" | "State" | "District"
        | "County" => TypeHint::Area,
        _ => return None,
    })
}

/// Determiners skipped between a cue and a name ("dans la région", "in the").
pub(crate) static DETERMINERS: WordSet =
    WordSet::new(&["le", "la", "les", "l'", "the", "un", "une", "a", "an"]);

/// Verbs of speech and stance around a capital name that make it a
/// metonymy for a government ("Moscou dénonce", "Washington warned
/// Beijing"), not a place.
pub(crate) static SPEECH_VERBS: WordSet = WordSet::new(&[
    "dit",
    "affirme",
    "accuse",
    "annonce",
    "dément",
    "estime",
    "juge",
    "menace",
    "répond",
    "refuse",
    "rejette",
    "veut",
    "condamne",
    "dénonce",
    "appelle",
    "exige",
    "assure",
    "considère",
    "souhaite",
    "réclame",
    "avertit",
    "prévient",
    "promet",
    "salue",
    "soutient",
    "said",
    "says",
    "warned",
    "warns",
    "denied",
    "denies",
    "accused",
    "accuses",
    "announced",
    "announces",
    "rejected",
    "rejects",
    "insisted",
    "insists",
    "wants",
    "wanted",
    "hopes",
    "claims",
    "claimed",
    "threatened",
    "threatens",
    "urged",
    "urges",
    "condemned",
    "condemns",
    "responded",
    "responds",
    "demanded",
    "demands",
    "blamed",
    "blames",
    "called",
    "calls",
    "believes",
    "fears",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "told",
    "tells",
    "refused",
    "refuses",
    "welcomed",
    "welcomes",
    "backed",
    "backs",
    "supports",
    "supported",
    "signalled",
    "signaled",
    "pressed",
    "presses",
    "thanked",
    "thanks",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "slammed",
    "slams",
    "remercié",
    "remercie",
    "critiqué",
    "critique",
    "soutenu",
    "sanctioned",
    "sanctions",
    "sanctionne",
    "recognised",
    "recognized",
    "reconnaît",
    "reconnu",
]);

/// Auxiliaries after a capital name: a metonymy ("Moscou a dénoncé", "Moscou
/// a de son côté affirmé") unless a passive follows ("Kyiv has been hit").
pub(crate) static AUXILIARIES: WordSet = WordSet::new(&[
    "a", "avait", "aura", "ont", "va", "doit", "peut", "pourrait", "has", "have", "had", "will", "would",
    "should", "could", "may", "might", "also", "aussi",
]);

/// Past participles of speech verbs ("a dit", "has warned").
pub(crate) static SPEECH_PARTICIPLES: WordSet = WordSet::new(&[
    "dit",
    "annoncé",
    "déclaré",
    "accusé",
    "affirmé",
    "dénoncé",
    "condamné",
    "rejeté",
    "menacé",
    "exigé",
    "appelé",
    "demandé",
    "assuré",
    "estimé",
    "répondu",
    "démenti",
    "averti",
    "promis",
    "salué",
    "refusé",
    "said",
    "warned",
    "accused",
    "announced",
    "rejected",
    "insisted",
    "threatened",
    "urged",
    "condemned",
    "responded",
    "demanded",
    "blamed",
    "called",
    "refused",
    "denied",
    "vowed",
    "pledged",
    "told",
    "welcomed",
    "backed",
    "signalled",
    "signaled",
    "repeatedly",
    "already",
    "long",
]);

/// Words before a capital name that make it an actor: "entre Moscou et
/// Kiev", "sanctions décidées par Bruxelles", "talks between".
pub(crate) static ACTOR_BEFORE: WordSet = WordSet::new(&["entre", "between", "par", "by", "avec", "with"]);

/// Words that open a new clause inside a sentence (for event location).
pub(crate) static CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "que", "qu'", "qui", "où", "dont", "tandis", "lorsque", "quand", "puisque", "mais", "car", "that",
    "which", "where", "while", "whereas", "but", "when", "because", "although", "though", "after", "before",
    "après", "avant", "since", "until", "alors", "pendant",
]);

/// Qualifiers of "capitale"/"capital" that do not mean the seat of
/// government ("la capitale économique ivoirienne" is Abidjan).
pub(crate) static CAPITAL_QUALIFIERS: WordSet = WordSet::new(&[
    "économique",
    "economic",
    "financière",
    "financial",
    "culturelle",
    "cultural",
    "historique",
    "historic",
    "religieuse",
    "religious",
    "spirituelle",
    "spiritual",
    "régionale",
    "regional",
    "provinciale",
    "provincial",
    "commerciale",
    "commercial",
    "administrative",
    "symbolique",
    "mondiale",
    "européenne",
    "european",
    "world",
    "former",
    "ancienne",
    "old",
    "de facto",
    "intellectuelle",
    "touristique",
]);

/// A fixed word list, compiled on first use into a hash set: the geocoder
/// asks several lists about every place span and its neighbours, and linear
/// scans of up to a few hundred words per question were a good part of its
/// cost. Short lists stay linear (a hash costs more than a few compares).
pub(crate) struct WordSet {
    words: &'static [&'static str],
    /// Longest word, in bytes.
    max_len: usize,
    /// For each length (lengths from 15 bytes up share the last row), the
    /// first bytes (bits 0 to 255) and the last bytes (bits 256 to 511) of
    /// the words of that length: most tokens are answered by these, without
    /// hashing.
    ends: [[u64; 8]; 16],
    set: OnceLock<FxSet<&'static str>>,
}

/// Lists up to this length are scanned rather than hashed.
const LINEAR_MAX: usize = 8;

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        let mut max_len = 0;
        let mut ends = [[0u64; 8]; 16];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            if w.len() > max_len {
                max_len = w.len();
            }
            if let (Some(&f), Some(&l)) = (w.first(), w.last()) {
                let row = &mut ends[Self::row(w.len())];
                row[(f >> 6) as usize] |= 1 << (f & 63);
                row[4 + (l >> 6) as usize] |= 1 << (l & 63);
            }
            i += 1;
        }
        WordSet {
            words,
            max_len,
            ends,
            set: OnceLock::new(),
        }
    }

    const fn row(len: usize) -> usize {
        if len < 15 {
            len
        } else {
            15
        }
    }

    /// Whether some word has this length and these first and last bytes.
    fn may_hold(&self, len: usize, first: u8, last: u8) -> bool {
        let row = &self.ends[Self::row(len)];
        row[(first >> 6) as usize] & (1 << (first & 63)) != 0
            && row[4 + (last >> 6) as usize] & (1 << (last & 63)) != 0
    }

    /// Whether `w` is one of the words (compared as is: callers lowercase
    /// first where the list is lowercase).
    pub(crate) fn contains(&self, w: &str) -> bool {
        if w.len() > self.max_len {
            return false;
        }
        let b = w.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else {
            return self.words.contains(&w);
        };
        if !self.may_hold(b.len(), f, l) {
            return false;
        }
        if self.words.len() <= LINEAR_MAX {
            return self.words.contains(&w);
        }
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(w)
    }

    /// Whether the lower case of `w` is one of the words: the same as
    /// `contains(&lower(w))`, but an ASCII token (lowercasing keeps its
    /// length, and each byte lowercases alone) is mostly answered from its
    /// length and end bytes, without lowercasing it.
    pub(crate) fn contains_lower(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return self.contains(&lower(w));
        }
        let b = w.as_bytes();
        if let (Some(f), Some(l)) = (b.first(), b.last()) {
            if b.len() > self.max_len
                || !self.may_hold(b.len(), f.to_ascii_lowercase(), l.to_ascii_lowercase())
            {
                return false;
            }
        }
        self.contains(&lower(w))
    }

    /// The words, in their written order.
    #[cfg(test)]
    pub(crate) fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// Lowercases a token for list comparison: borrowed when it is lower case
/// already (most tokens), so that asking a list allocates nothing. Same
/// result as `str::to_lowercase`: a lowercase or non-alphabetic character is
/// its own lower case (checked over all of Unicode in the tests), and the
/// only context-dependent mapping (final sigma) starts from a capital.
pub(crate) fn lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else if s.chars().all(|c| {
        // ASCII and the Latin-1 lower half (ß, à to ÿ, and ÷) first: the
        // accents of French words, without a Unicode table look-up.
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            ('\u{df}'..='\u{ff}').contains(&c) || c.is_lowercase() || !c.is_alphabetic()
        }
    }) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Whether a word is in a list.
pub(crate) fn is_in(list: &WordSet, w: &str) -> bool {
    list.contains(w)
}

/// The days of the week (`vigie_text::words`), as word sets.
static FR_WEEKDAYS: WordSet = WordSet::new(vigie_text::words::FR_WEEKDAYS);
static EN_WEEKDAYS: WordSet = WordSet::new(vigie_text::words::EN_WEEKDAYS);

/// Whether lower-case `w` is a [`STOP`] word or a day of the week
/// (`vigie_text::words`): never a place on its own.
pub(crate) fn is_stop(w: &str) -> bool {
    STOP.contains(w) || FR_WEEKDAYS.contains(w) || EN_WEEKDAYS.contains(w)
}

/// [`is_stop`] of the lower case of `w` (see [`WordSet::contains_lower`]).
pub(crate) fn is_stop_lower(w: &str) -> bool {
    STOP.contains_lower(w) || FR_WEEKDAYS.contains_lower(w) || EN_WEEKDAYS.contains_lower(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_to_lowercase() {
        for w in [
            "Paris", "près", "PRÈS", "Où", "ǅemal", "ΟΔΟΣ", "déjà", "l'", "Mayor's", "ÉTAT", "x", "",
        ] {
            assert_eq!(lower(w), w.to_lowercase(), "{w}");
        }
        assert!(matches!(lower("près"), Cow::Borrowed(_)));
        assert!(matches!(lower("Paris"), Cow::Owned(_)));
        // A lowercase or non-alphabetic character is its own lower case:
        // what lets `lower` borrow.
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if c.is_lowercase() || !c.is_alphabetic() {
                assert!(c.to_lowercase().eq(std::iter::once(c)), "{c:?}");
            }
        }
    }

    #[test]
    fn word_sets_answer_like_their_lists() {
        for set in [
            &STOP,
            &LOC_STRONG,
            &DETERMINERS,
            &SPEECH_VERBS,
            &CLAUSE_OPENERS,
            &CAP_AFTER_OK,
        ] {
            for w in set.words() {
                assert!(set.contains(w), "{w}");
            }
            assert!(!set.contains("zzzz"));
            assert!(!set.contains(""));
        }
        assert!(is_stop("lundi") && is_stop("il") && !is_stop("kyiv"));
        for w in ["Lundi", "IL", "Kyiv", "À", "Après", "APRÈS", "Où", "THE", "x", ""] {
            assert_eq!(is_stop_lower(w), is_stop(&lower(w)), "{w}");
            for set in [&LOC_STRONG, &CLAUSE_OPENERS, &NEAR_NOUNS] {
                assert_eq!(set.contains_lower(w), set.contains(&lower(w)), "{w}");
            }
        }
    }
}
