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

/// Russian, masculine (специалист, день): 0 ≤ n < 1 000 000.
pub fn ru(n: u32) -> String {
    if n == 0 {
        return RU_UNITS[0].into();
    }
    let mut parts: Vec<String> = Vec::new();
    let thousands = n / 1000;
    if thousands > 0 {
        let mut t = ru_below_thousand(thousands);
        // Thousand is feminine: одна тысяча, две тысячи.
        if let Some(last) = t.last_mut() {
            match *last {
                "один" => *last = "одна",
                "два" => *last = "две",
                _ => {}
            }
        }
        parts.extend(t.into_iter().map(str::to_owned));
        parts.push(ru_plural(thousands, ["тысяча", "тысячи", "тысяч"]).to_owned());
    }
    parts.extend(ru_below_thousand(n % 1000).into_iter().map(str::to_owned));
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

/// Kazakh: 0 ≤ n < 1 000 000.
pub fn kk(n: u32) -> String {
    if n == 0 {
        return KK_UNITS[0].into();
    }
    let mut parts: Vec<&str> = Vec::new();
    let thousands = n / 1000;
    if thousands > 0 {
        parts.extend(kk_below_thousand(thousands));
        parts.push("мың");
    }
    parts.extend(kk_below_thousand(n % 1000));
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

/// English: 0 ≤ n < 1 000 000.
pub fn en(n: u32) -> String {
    if n == 0 {
        return EN_UNITS[0].into();
    }
    let mut parts: Vec<String> = Vec::new();
    if n >= 1000 {
        parts.push(format!("{} thousand", en_below_thousand(n / 1000)));
    }
    if !n.is_multiple_of(1000) {
        parts.push(en_below_thousand(n % 1000));
    }
    parts.join(" ")
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
    }
}
