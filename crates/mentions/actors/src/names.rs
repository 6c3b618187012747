//! Canonical English names of actors, in the style of ACLED's actor names
//! ("Military Forces of Sudan", "Protesters (Kenya)", "Government of Kenya").

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
            title_name("foreign minister", Some("China"), None),
            "Foreign Minister of China"
        );
    }
}
