//! Counts in words, as letters write them: "12 (двенадцать)", "12 (он екі)".

const RU_UNITS: [&str; 20] = [
    "ноль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const RU_HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

const KK_UNITS: [&str; 10] = [
    "нөл",
    "бір",
    "екі",
    "үш",
    "төрт",
    "бес",
    "алты",
    "жеті",
    "сегіз",
    "тоғыз",
];
const KK_TENS: [&str; 10] = [
    "",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
];

const EN_UNITS: [&str; 20] = [
    "zero",
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
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The scales above a thousand, largest first: every `u32` has words (4 294 967 295 is
/// "четыре миллиарда …"), so no count a document prints can fail to be spelled.
const SCALES: [u32; 3] = [1_000_000_000, 1_000_000, 1_000];

/// Splits `n` into (group, scale) pairs from the largest scale down; the last pair is the
/// part below a thousand (scale 1). Groups that are zero are left out.
fn groups(n: u32) -> Vec<(u32, u32)> {
    let mut rest = n;
    let mut out = Vec::new();
    for scale in SCALES {
        if rest >= scale {
            out.push((rest / scale, scale));
            rest %= scale;
        }
    }
    if rest > 0 {
        out.push((rest, 1));
    }
    out
}

/// Russian, masculine (специалист, день), for any `u32`.
pub fn ru(n: u32) -> String {
    if n == 0 {
        return RU_UNITS[0].into();
    }
    let mut parts: Vec<&str> = Vec::new();
    for (group, scale) in groups(n) {
        let mut words = ru_below_thousand(group);
        let forms = match scale {
            1_000_000_000 => Some(["миллиард", "миллиарда", "миллиардов"]),
            1_000_000 => Some(["миллион", "миллиона", "миллионов"]),
            1_000 => {
                // Thousand is feminine: одна тысяча, две тысячи.
                if let Some(last) = words.last_mut() {
                    match *last {
                        "один" => *last = "одна",
                        "два" => *last = "две",
                        _ => {}
                    }
                }
                Some(["тысяча", "тысячи", "тысяч"])
            }
            _ => None,
        };
        parts.extend(words);
        if let Some(forms) = forms {
            parts.push(ru_plural(group, forms));
        }
    }
    parts.join(" ")
}

fn ru_below_thousand(n: u32) -> Vec<&'static str> {
    let mut out = Vec::new();
    let (h, rest) = (n / 100, n % 100);
    if h > 0 {
        out.push(RU_HUNDREDS[h as usize]);
    }
    if rest >= 20 {
        out.push(RU_TENS[(rest / 10) as usize]);
        if rest % 10 > 0 {
            out.push(RU_UNITS[(rest % 10) as usize]);
        }
    } else if rest > 0 {
        out.push(RU_UNITS[rest as usize]);
    }
    out
}

/// The Russian form for a count: 1 специалист, 2 специалиста, 5 специалистов.
pub fn ru_plural(n: u32, forms: [&str; 3]) -> &str {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        forms[0]
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        forms[1]
    } else {
        forms[2]
    }
}

/// Kazakh, for any `u32`.
pub fn kk(n: u32) -> String {
    if n == 0 {
        return KK_UNITS[0].into();
    }
    let mut parts: Vec<&str> = Vec::new();
    for (group, scale) in groups(n) {
        parts.extend(kk_below_thousand(group));
        match scale {
            1_000_000_000 => parts.push("миллиард"),
            1_000_000 => parts.push("миллион"),
            1_000 => parts.push("мың"),
            _ => {}
        }
    }
    parts.join(" ")
}

fn kk_below_thousand(n: u32) -> Vec<&'static str> {
    let mut out = Vec::new();
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    if h > 0 {
        if h > 1 {
            out.push(KK_UNITS[h as usize]);
        }
        out.push("жүз");
    }
    if t > 0 {
        out.push(KK_TENS[t as usize]);
    }
    if u > 0 {
        out.push(KK_UNITS[u as usize]);
    }
    out
}

/// English, for any `u32`.
pub fn en(n: u32) -> String {
    if n == 0 {
        return EN_UNITS[0].into();
    }
    groups(n)
        .into_iter()
        .map(|(group, scale)| {
            let words = en_below_thousand(group);
            match scale {
                1_000_000_000 => format!("{words} billion"),
                1_000_000 => format!("{words} million"),
                1_000 => format!("{words} thousand"),
                _ => words,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn en_below_thousand(n: u32) -> String {
    let (h, rest) = (n / 100, n % 100);
    let mut s = String::new();
    if h > 0 {
        s = format!("{} hundred", EN_UNITS[h as usize]);
        if rest > 0 {
            s.push_str(" and ");
        }
    }
    if rest >= 20 {
        s.push_str(EN_TENS[(rest / 10) as usize]);
        if rest % 10 > 0 {
            s.push('-');
            s.push_str(EN_UNITS[(rest % 10) as usize]);
        }
    } else if rest > 0 {
        s.push_str(EN_UNITS[rest as usize]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian() {
        assert_eq!(ru(12), "двенадцать");
        assert_eq!(ru(21), "двадцать один");
        assert_eq!(ru(100), "сто");
        assert_eq!(ru(342), "триста сорок два");
        assert_eq!(ru(2001), "две тысячи один");
        assert_eq!(
            ru_plural(1, ["специалист", "специалиста", "специалистов"]),
            "специалист"
        );
        assert_eq!(
            ru_plural(3, ["специалист", "специалиста", "специалистов"]),
            "специалиста"
        );
        assert_eq!(
            ru_plural(11, ["специалист", "специалиста", "специалистов"]),
            "специалистов"
        );
        assert_eq!(
            ru_plural(22, ["специалист", "специалиста", "специалистов"]),
            "специалиста"
        );
    }

    #[test]
    fn kazakh() {
        assert_eq!(kk(12), "он екі");
        assert_eq!(kk(100), "жүз");
        assert_eq!(kk(250), "екі жүз елу");
        assert_eq!(kk(1500), "бір мың бес жүз");
    }

    #[test]
    fn english() {
        assert_eq!(en(12), "twelve");
        assert_eq!(en(45), "forty-five");
        assert_eq!(en(500), "five hundred");
        assert_eq!(en(101), "one hundred and one");
        assert_eq!(en(1_000_001), "one million one");
        assert_eq!(en(2_500_000), "two million five hundred thousand");
    }

    /// Every number a document can print has words: a stay of millions of days, a count
    /// past a million (no index out of bounds, no "ten hundred thousand").
    #[test]
    fn every_u32_has_words() {
        for n in [
            999_999,
            1_000_000,
            1_000_001,
            2_500_000,
            21_000_000,
            1_000_000_000,
            u32::MAX,
        ] {
            for words in [ru(n), kk(n), en(n)] {
                assert!(!words.is_empty() && !words.contains("  "), "{n}: {words}");
            }
        }
        assert_eq!(ru(1_000_000), "один миллион");
        assert_eq!(ru(2_000_000), "два миллиона");
        assert_eq!(ru(5_021_000), "пять миллионов двадцать одна тысяча");
        assert_eq!(kk(2_000_000), "екі миллион");
        assert_eq!(
            ru(u32::MAX),
            "четыре миллиарда двести девяносто четыре миллиона девятьсот шестьдесят семь тысяч двести девяносто пять"
        );
        assert_eq!(
            en(u32::MAX),
            "four billion two hundred and ninety-four million nine hundred and sixty-seven thousand two hundred and ninety-five"
        );
    }
}
