//! Domain reference data (reference.md): regions, state bodies, visa categories,
//! checkpoints. One table each, read by code and templates alike.

use serde::Serialize;

/// A region or city of registration: its akimat receives the request.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Region {
    pub code: &'static str,
    pub iso: &'static str,
    pub ru: &'static str,
    pub kk: &'static str,
    pub en: &'static str,
    /// Russian genitive, for "Акиму …" and "Департамента полиции …".
    pub ru_genitive: &'static str,
    /// Kazakh genitive, for "… әкіміне".
    pub kk_genitive: &'static str,
}

const fn region(
    code: &'static str,
    iso: &'static str,
    ru: &'static str,
    kk: &'static str,
    en: &'static str,
    ru_genitive: &'static str,
    kk_genitive: &'static str,
) -> Region {
    Region {
        code,
        iso,
        ru,
        kk,
        en,
        ru_genitive,
        kk_genitive,
    }
}

#[rustfmt::skip]
pub const REGIONS: &[Region] = &[
    region("abai", "KZ-10", "Абайская область", "Абай облысы", "Abai Region", "Абайской области", "Абай облысының"),
    region("akmola", "KZ-11", "Акмолинская область", "Ақмола облысы", "Akmola Region", "Акмолинской области", "Ақмола облысының"),
    region("aktobe", "KZ-15", "Актюбинская область", "Ақтөбе облысы", "Aktobe Region", "Актюбинской области", "Ақтөбе облысының"),
    region("almaty-region", "KZ-19", "Алматинская область", "Алматы облысы", "Almaty Region", "Алматинской области", "Алматы облысының"),
    region("atyrau", "KZ-23", "Атырауская область", "Атырау облысы", "Atyrau Region", "Атырауской области", "Атырау облысының"),
    region("west-kazakhstan", "KZ-27", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "West Kazakhstan Region", "Западно-Казахстанской области", "Батыс Қазақстан облысының"),
    region("jambyl", "KZ-31", "Жамбылская область", "Жамбыл облысы", "Jambyl Region", "Жамбылской области", "Жамбыл облысының"),
    region("jetisu", "KZ-33", "область Жетісу", "Жетісу облысы", "Jetisu Region", "области Жетісу", "Жетісу облысының"),
    region("karaganda", "KZ-35", "Карагандинская область", "Қарағанды облысы", "Karaganda Region", "Карагандинской области", "Қарағанды облысының"),
    region("kostanay", "KZ-39", "Костанайская область", "Қостанай облысы", "Kostanay Region", "Костанайской области", "Қостанай облысының"),
    region("kyzylorda", "KZ-43", "Кызылординская область", "Қызылорда облысы", "Kyzylorda Region", "Кызылординской области", "Қызылорда облысының"),
    region("mangystau", "KZ-47", "Мангистауская область", "Маңғыстау облысы", "Mangystau Region", "Мангистауской области", "Маңғыстау облысының"),
    region("pavlodar", "KZ-55", "Павлодарская область", "Павлодар облысы", "Pavlodar Region", "Павлодарской области", "Павлодар облысының"),
    region("north-kazakhstan", "KZ-59", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "North Kazakhstan Region", "Северо-Казахстанской области", "Солтүстік Қазақстан облысының"),
    region("turkistan", "KZ-61", "Туркестанская область", "Түркістан облысы", "Turkistan Region", "Туркестанской области", "Түркістан облысының"),
    region("ulytau", "KZ-62", "область Ұлытау", "Ұлытау облысы", "Ulytau Region", "области Ұлытау", "Ұлытау облысының"),
    region("east-kazakhstan", "KZ-63", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "East Kazakhstan Region", "Восточно-Казахстанской области", "Шығыс Қазақстан облысының"),
    region("astana", "KZ-71", "город Астана", "Астана қаласы", "Astana", "города Астаны", "Астана қаласының"),
    region("almaty-city", "KZ-75", "город Алматы", "Алматы қаласы", "Almaty", "города Алматы", "Алматы қаласының"),
    region("shymkent", "KZ-79", "город Шымкент", "Шымкент қаласы", "Shymkent", "города Шымкента", "Шымкент қаласының"),
];

pub fn region_by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// A state body's name in the three languages (addressee blocks).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Body {
    pub id: &'static str,
    pub ru: &'static str,
    pub kk: &'static str,
    pub en: &'static str,
    /// Case forms, for running text ("на рассмотрение Межведомственной комиссии",
    /// "Шекара қызметіне"): Russian genitive, dative, accusative; Kazakh ілік,
    /// барыс, табыс. Stored, never inflected in code.
    pub ru_gen: &'static str,
    pub ru_dat: &'static str,
    pub ru_acc: &'static str,
    pub kk_gen: &'static str,
    pub kk_dat: &'static str,
    pub kk_acc: &'static str,
}

#[rustfmt::skip]
pub const BODIES: &[Body] = &[
    Body {
        id: "ic",
        ru: "Межведомственная комиссия по недопущению возникновения и распространения коронавирусной инфекции на территории Республики Казахстан",
        kk: "Қазақстан Республикасының аумағында коронавирустық инфекцияның пайда болуы мен таралуының алдын алу жөніндегі ведомствоаралық комиссия",
        en: "Interdepartmental Commission on preventing the emergence and spread of coronavirus infection in the Republic of Kazakhstan",
        ru_gen: "Межведомственной комиссии по недопущению возникновения и распространения коронавирусной инфекции на территории Республики Казахстан",
        ru_dat: "Межведомственной комиссии по недопущению возникновения и распространения коронавирусной инфекции на территории Республики Казахстан",
        ru_acc: "Межведомственную комиссию по недопущению возникновения и распространения коронавирусной инфекции на территории Республики Казахстан",
        kk_gen: "Қазақстан Республикасының аумағында коронавирустық инфекцияның пайда болуы мен таралуының алдын алу жөніндегі ведомствоаралық комиссияның",
        kk_dat: "Қазақстан Республикасының аумағында коронавирустық инфекцияның пайда болуы мен таралуының алдын алу жөніндегі ведомствоаралық комиссияға",
        kk_acc: "Қазақстан Республикасының аумағында коронавирустық инфекцияның пайда болуы мен таралуының алдын алу жөніндегі ведомствоаралық комиссияны",
    },
    Body {
        id: "border",
        ru: "Пограничная служба Комитета национальной безопасности Республики Казахстан",
        kk: "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Шекара қызметі",
        en: "Border Service of the National Security Committee of the RK",
        ru_gen: "Пограничной службы Комитета национальной безопасности Республики Казахстан",
        ru_dat: "Пограничной службе Комитета национальной безопасности Республики Казахстан",
        ru_acc: "Пограничную службу Комитета национальной безопасности Республики Казахстан",
        kk_gen: "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Шекара қызметінің",
        kk_dat: "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Шекара қызметіне",
        kk_acc: "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Шекара қызметін",
    },
    Body {
        id: "health",
        ru: "Министерство здравоохранения Республики Казахстан",
        kk: "Қазақстан Республикасының Денсаулық сақтау министрлігі",
        en: "Ministry of Health of the RK",
        ru_gen: "Министерства здравоохранения Республики Казахстан",
        ru_dat: "Министерству здравоохранения Республики Казахстан",
        ru_acc: "Министерство здравоохранения Республики Казахстан",
        kk_gen: "Қазақстан Республикасының Денсаулық сақтау министрлігінің",
        kk_dat: "Қазақстан Республикасының Денсаулық сақтау министрлігіне",
        kk_acc: "Қазақстан Республикасының Денсаулық сақтау министрлігін",
    },
    Body {
        id: "consular",
        ru: "Департамент консульской службы Министерства иностранных дел Республики Казахстан",
        kk: "Қазақстан Республикасы Сыртқы істер министрлігінің Консулдық қызмет департаменті",
        en: "Consular Service Department of the Ministry of Foreign Affairs of the RK",
        ru_gen: "Департамента консульской службы Министерства иностранных дел Республики Казахстан",
        ru_dat: "Департаменту консульской службы Министерства иностранных дел Республики Казахстан",
        ru_acc: "Департамент консульской службы Министерства иностранных дел Республики Казахстан",
        kk_gen: "Қазақстан Республикасы Сыртқы істер министрлігінің Консулдық қызмет департаментінің",
        kk_dat: "Қазақстан Республикасы Сыртқы істер министрлігінің Консулдық қызмет департаментіне",
        kk_acc: "Қазақстан Республикасы Сыртқы істер министрлігінің Консулдық қызмет департаментін",
    },
];

pub fn body(id: &str) -> Option<&'static Body> {
    BODIES.iter().find(|b| b.id == id)
}

/// A visa category with what public guides say it is for (reference.md: verify).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct VisaCategory {
    pub code: &'static str,
    pub en: &'static str,
    pub ru: &'static str,
    pub kk: &'static str,
}

#[rustfmt::skip]
pub const VISA_CATEGORIES: &[VisaCategory] = &[
    VisaCategory { code: "B1", en: "business trip: conferences, meetings, lectures, exchange programmes", ru: "деловая поездка (конференции, встречи, лекции)", kk: "іссапар (конференциялар, кездесулер, дәрістер)" },
    VisaCategory { code: "B2", en: "business trip: installing, repairing and maintaining equipment; consulting or audit services", ru: "деловая поездка (монтаж, ремонт и обслуживание оборудования)", kk: "іссапар (жабдықты монтаждау, жөндеу және қызмет көрсету)" },
    VisaCategory { code: "B3", en: "business trip: negotiations and contracts on industrial and investment cooperation", ru: "деловая поездка (переговоры и заключение контрактов)", kk: "іссапар (келіссөздер және келісімшарттар жасасу)" },
    VisaCategory { code: "C3", en: "work visa: employment under a work permit or in a permit-exempt category", ru: "рабочая виза (трудовая деятельность)", kk: "жұмыс визасы (еңбек қызметі)" },
    VisaCategory { code: "C5", en: "business immigrant (entrepreneurial activity)", ru: "бизнес-иммиграция (предпринимательская деятельность)", kk: "бизнес-иммиграция (кәсіпкерлік қызмет)" },
];

pub fn visa_category(code: &str) -> Option<&'static VisaCategory> {
    VISA_CATEGORIES.iter().find(|v| v.code == code)
}

/// A known border checkpoint, for "did you mean" and for names in documents.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Checkpoint {
    pub en: &'static str,
    pub ru: &'static str,
    pub kk: &'static str,
}

#[rustfmt::skip]
pub const CHECKPOINTS: &[Checkpoint] = &[
    Checkpoint { en: "Khorgos", ru: "Хоргос", kk: "Қорғас" },
    Checkpoint { en: "Nur Zholy", ru: "Нур Жолы", kk: "Нұр Жолы" },
    Checkpoint { en: "Dostyk", ru: "Достык", kk: "Достық" },
    Checkpoint { en: "Bakhty", ru: "Бахты", kk: "Бақты" },
    Checkpoint { en: "Maikapchagai", ru: "Майкапчагай", kk: "Майқапшағай" },
    Checkpoint { en: "Kolzhat", ru: "Кольжат", kk: "Көлжат" },
    Checkpoint { en: "Almaty Airport", ru: "Аэропорт Алматы", kk: "Алматы әуежайы" },
    Checkpoint { en: "Astana Airport", ru: "Аэропорт Астана", kk: "Астана әуежайы" },
];

/// The checkpoint whose name in any language is exactly `name` (case-insensitive).
pub fn checkpoint(name: &str) -> Option<&'static Checkpoint> {
    let n = name.trim().to_lowercase();
    CHECKPOINTS
        .iter()
        .find(|c| [c.en, c.ru, c.kk].iter().any(|x| x.to_lowercase() == n))
}

/// Every name of every known checkpoint.
pub fn checkpoint_names() -> impl Iterator<Item = &'static str> {
    CHECKPOINTS.iter().flat_map(|c| [c.en, c.ru, c.kk])
}

/// A city with an RK foreign institution (embassy or consulate) where visas are applied
/// for, with its Russian and Kazakh names for documents (reference.md: verify the list).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct VisaPostCity {
    pub country: &'static str,
    pub en: &'static str,
    pub ru: &'static str,
    pub kk: &'static str,
}

#[rustfmt::skip]
pub const VISA_POST_CITIES: &[VisaPostCity] = &[
    VisaPostCity { country: "CN", en: "Beijing", ru: "Пекин", kk: "Бейжің" },
    VisaPostCity { country: "CN", en: "Shanghai", ru: "Шанхай", kk: "Шанхай" },
    VisaPostCity { country: "CN", en: "Urumqi", ru: "Урумчи", kk: "Үрімжі" },
    VisaPostCity { country: "CN", en: "Hong Kong", ru: "Гонконг", kk: "Гонконг" },
    VisaPostCity { country: "CN", en: "Xi'an", ru: "Сиань", kk: "Сиань" },
    VisaPostCity { country: "CN", en: "Guangzhou", ru: "Гуанчжоу", kk: "Гуанчжоу" },
    // Beyond China (reference.md lists China only): the capitals and consulate cities of the
    // partners' usual countries, so a letter does not print "Rome қ." (names to verify).
    VisaPostCity { country: "DE", en: "Berlin", ru: "Берлин", kk: "Берлин" },
    VisaPostCity { country: "DE", en: "Frankfurt am Main", ru: "Франкфурт-на-Майне", kk: "Майндағы Франкфурт" },
    VisaPostCity { country: "KR", en: "Seoul", ru: "Сеул", kk: "Сеул" },
    VisaPostCity { country: "TR", en: "Ankara", ru: "Анкара", kk: "Анкара" },
    VisaPostCity { country: "TR", en: "Istanbul", ru: "Стамбул", kk: "Ыстамбұл" },
    VisaPostCity { country: "IT", en: "Rome", ru: "Рим", kk: "Рим" },
    VisaPostCity { country: "IN", en: "New Delhi", ru: "Нью-Дели", kk: "Нью-Дели" },
    VisaPostCity { country: "US", en: "Washington", ru: "Вашингтон", kk: "Вашингтон" },
    VisaPostCity { country: "US", en: "New York", ru: "Нью-Йорк", kk: "Нью-Йорк" },
    VisaPostCity { country: "UZ", en: "Tashkent", ru: "Ташкент", kk: "Ташкент" },
    VisaPostCity { country: "FR", en: "Paris", ru: "Париж", kk: "Париж" },
    VisaPostCity { country: "GB", en: "London", ru: "Лондон", kk: "Лондон" },
    VisaPostCity { country: "JP", en: "Tokyo", ru: "Токио", kk: "Токио" },
];

/// The known visa-post city of `country` named `city` in any language (case-insensitive).
pub fn visa_post_city(country: &str, city: &str) -> Option<&'static VisaPostCity> {
    let n = city.trim().to_lowercase();
    VISA_POST_CITIES
        .iter()
        .find(|c| c.country == country && [c.en, c.ru, c.kk].iter().any(|x| x.to_lowercase() == n))
}

/// A country's short name in the three languages of the documents.
#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub code: String,
    pub en: String,
    pub ru: String,
    pub kk: String,
}

const COUNTRIES_TSV: &str = include_str!("countries.tsv");

fn countries() -> &'static [Country] {
    static COUNTRIES: std::sync::OnceLock<Vec<Country>> = std::sync::OnceLock::new();
    COUNTRIES.get_or_init(|| {
        COUNTRIES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Country {
                    code: f.next()?.to_owned(),
                    en: f.next()?.to_owned(),
                    ru: f.next()?.to_owned(),
                    kk: f.next()?.to_owned(),
                })
            })
            .collect()
    })
}

pub fn country(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete() {
        assert_eq!(REGIONS.len(), 20);
        assert_eq!(country("CN").map(|c| c.ru.as_str()), Some("Китай"));
        assert_eq!(country("KZ").map(|c| c.kk.as_str()), Some("Қазақстан"));
        // Every country code the schema accepts has names.
        let schema: serde_json::Value =
            serde_json::from_str(crate::schema::MANIFEST_V1).unwrap_or_default();
        let codes = schema["$defs"]["country"]["enum"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(codes.len() > 240);
        for code in codes {
            let code = code.as_str().unwrap_or_default();
            assert!(country(code).is_some(), "no names for {code}");
        }
        // Every state body has its case forms, distinct where the language inflects.
        for b in BODIES {
            for form in [b.ru_gen, b.ru_dat, b.ru_acc, b.kk_gen, b.kk_dat, b.kk_acc] {
                assert!(!form.is_empty(), "{}", b.id);
            }
            assert_ne!(b.kk_dat, b.kk, "{}", b.id);
            assert_ne!(b.ru_gen, b.ru, "{}", b.id);
        }
        assert_eq!(
            body("border").map(|b| b.ru_acc),
            Some("Пограничную службу Комитета национальной безопасности Республики Казахстан")
        );
        assert_eq!(
            visa_post_city("CN", "beijing").map(|c| c.kk),
            Some("Бейжің")
        );
        assert!(visa_post_city("KR", "Beijing").is_none());
        // Region codes in the schema and the table agree.
        let regions = schema["properties"]["inviting_party"]["properties"]["region"]["enum"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(regions.len(), REGIONS.len());
        for r in regions {
            assert!(region_by_code(r.as_str().unwrap_or_default()).is_some());
        }
    }
}
