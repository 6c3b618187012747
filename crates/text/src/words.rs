//! Word lists shared by the mention and event stages.

/// Words that can start a number written in letters, in French and English
/// ("vingt-trois", "twenty-three", "a hundred"): the death counts read a
/// number from them, and the actor stage knows that a capitalised one
/// opening a sentence ("Three US soldiers") begins no name.
pub const NUMBER_WORDS: &[&str] = &[
    "un",
    "une",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "mille",
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
];

/// The days of the week in French, lower-case.
pub const FR_WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// The days of the week in English, lower-case.
pub const EN_WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `lower` (a lower-case word) is a day of the week in French or
/// English: the stages read days as dates, never as names or places.
pub fn is_weekday(lower: &str) -> bool {
    FR_WEEKDAYS.contains(&lower) || EN_WEEKDAYS.contains(&lower)
}
