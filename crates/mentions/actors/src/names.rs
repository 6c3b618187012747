//! Canonical English names of actors, in the style of ACLED's actor names
//! ("Military Forces of Sudan", "Protesters (Kenya)", "Government of Kenya").

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{LazyLock, RwLock};

/// Upper-cases the first letter of every word: "foreign minister" →
/// "Foreign Minister".
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Roles that name an institution: "defence ministry" → "Defence Ministry of Russia".
fn is_institution(role: &str) -> bool {
    [
        "ministry",
        "office",
        "department",
        "council",
        "staff",
        "command",
        "presidency",
        "cabinet",
    ]
    .iter()
    .any(|w| role.ends_with(w))
}

/// The name of a sector actor, with its country's English name when known.
pub fn sector_name(sector: &str, role: Option<&str>, country: Option<&str>) -> String {
    if let Some(r) = role {
        if is_institution(r) {
            return match country {
                Some(c) => format!("{} of {c}", title_case(r)),
                None => title_case(r),
            };
        }
        if r == "protester" {
            return with_country("Protesters", country, false);
        }
    }
    let (label, of) = match sector {
        "MIL" => ("Military Forces", true),
        "COP" => ("Police Forces", true),
        "GOV" => ("Government", true),
        "LEG" => ("Legislature", true),
        "JUD" => ("Judiciary", true),
        "SPY" => ("Intelligence Services", true),
        "CVL" => ("Civilians", false),
        "OPP" => ("Opposition", false),
        "PTY" => ("Political Party", false),
        "REB" => ("Rebels", false),
        "SEP" => ("Separatists", false),
        "INS" => ("Insurgents", false),
        "UAF" => ("Unidentified Armed Group", false),
        "CRM" => ("Criminals", false),
        "MED" => ("Journalists", false),
        "REF" => ("Refugees", false),
        "LAB" => ("Labour Group", false),
        "BUS" => ("Business", false),
        "EDU" => ("Students and Teachers", false),
        "HLH" => ("Health Workers", false),
        "HRI" => ("Human Rights Group", false),
        "NGO" => ("NGO", false),
        "IGO" => ("International Organisation", false),
        "AGR" => ("Farmers", false),
        "ELI" => ("Elites", false),
        "SET" => ("Settlers", false),
        "RAD" => ("Extremists", false),
        "ENV" => ("Environmental Group", false),
        "REL" => ("Religious Group", false),
        other => return with_country(other, country, false),
    };
    with_country(label, country, of)
}

fn with_country(label: &str, country: Option<&str>, of: bool) -> String {
    match (country, of) {
        (Some(c), true) => format!("{label} of {c}"),
        (Some(c), false) => format!("{label} ({c})"),
        (None, _) => label.to_string(),
    }
}

/// The name of a titled office without a person's name: "Foreign Minister of China".
pub fn title_name(role: &str, country: Option<&str>, igo: Option<&str>) -> String {
    match (country, igo) {
        (Some(c), _) => format!("{} of {c}", title_case(role)),
        (None, Some(i)) => format!("{} of {i}", title_case(role)),
        (None, None) => title_case(role),
    }
}

/// What a generated name is made of: whether it names a title, the sector
/// (or title role), the role, the country's name and the IGO code. The parts
/// are lexicon strings, which live as long as the program: their addresses
/// identify them, and hashing five words is cheaper than hashing the text.
#[derive(PartialEq, Eq)]
struct NameKey([usize; 5]);

impl std::hash::Hash for NameKey {
    /// Word by word: the derived hash would feed the words to the hasher as
    /// 40 bytes, one multiplication each.
    fn hash<H: Hasher>(&self, state: &mut H) {
        for w in self.0 {
            state.write_usize(w);
        }
    }
}

impl NameKey {
    fn new(
        title: bool,
        first: &'static str,
        role: Option<&'static str>,
        country: Option<&'static str>,
        igo: Option<&'static str>,
    ) -> NameKey {
        let addr = |s: Option<&'static str>| s.map_or(0, |s| s.as_ptr() as usize ^ (s.len() << 48));
        NameKey([
            usize::from(title),
            addr(Some(first)),
            addr(role),
            addr(country),
            addr(igo),
        ])
    }
}

/// A multiply-rotate hasher (as in rustc's FxHash): the keys are a few
/// machine words from the program itself, not input an attacker controls.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Names = HashMap<NameKey, &'static str, BuildHasherDefault<WordHasher>>;

/// The generated names given so far, shared by all threads. Their number is
/// bounded by the lexicons (sectors x roles x countries), not by the input,
/// so each is leaked once and then borrowed by every actor that bears it.
static NAMES: LazyLock<RwLock<Names>> = LazyLock::new(Default::default);

fn shared(key: NameKey, make: impl FnOnce() -> String) -> &'static str {
    if let Some(n) = NAMES.read().ok().and_then(|m| m.get(&key).copied()) {
        return n;
    }
    let mut names = NAMES.write().unwrap_or_else(|e| e.into_inner());
    names
        .entry(key)
        .or_insert_with(|| Box::leak(make().into_boxed_str()))
}

/// [`sector_name`], built once per combination.
pub fn shared_sector_name(
    sector: &'static str,
    role: Option<&'static str>,
    country: Option<&'static str>,
) -> &'static str {
    shared(NameKey::new(false, sector, role, country, None), || {
        sector_name(sector, role, country)
    })
}

/// [`title_name`], built once per combination.
pub fn shared_title_name(
    role: &'static str,
    country: Option<&'static str>,
    igo: Option<&'static str>,
) -> &'static str {
    shared(NameKey::new(true, role, None, country, igo), || {
        title_name(role, country, igo)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            sector_name("MIL", None, Some("Sudan")),
            "Military Forces of Sudan"
        );
        assert_eq!(
            sector_name("CVL", Some("protester"), Some("Kenya")),
            "Protesters (Kenya)"
        );
        assert_eq!(
            sector_name("MIL", Some("defence ministry"), Some("Russia")),
            "Defence Ministry of Russia"
        );
        assert_eq!(sector_name("REB", None, None), "Rebels");
        assert_eq!(
            shared_sector_name("MIL", None, Some("Sudan")),
            "Military Forces of Sudan"
        );
        assert!(std::ptr::eq(
            shared_sector_name("MIL", None, Some("Sudan")),
            shared_sector_name("MIL", None, Some("Sudan"))
        ));
        assert_eq!(
            shared_title_name("president", None, Some("UN")),
            "President of UN"
        );
        assert_eq!(
            title_name("foreign minister", Some("China"), None),
            "Foreign Minister of China"
        );
    }
}
