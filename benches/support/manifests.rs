//! Realistic manifests for benchmarks: varied names, dates, passports with unique
//! numbers, BINs with valid control digits, some work permits, every case at stage
//! notification (all seven documents render), placeholder scans beside each manifest.
//!
//! Shared by `benches/*.rs` (`mod support;`) and `examples/gen_manifests.rs`
//! (`#[path]`), so the script and the benches measure the same data.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use time::{Date, Duration, Month};

/// The reference date manifests are generated around; pass it as `--today`.
pub const TODAY: &str = "2026-01-15";

pub fn today() -> Date {
    Date::from_calendar_date(2026, Month::January, 15).unwrap_or(Date::MIN)
}

/// A manifest and the scans it names (paths relative to its folder).
pub struct Generated {
    pub file_name: String,
    pub yaml: String,
    pub scans: Vec<(String, Vec<u8>)>,
}

/// A small deterministic generator (splitmix64): the same `index` gives the same case.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn days(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::days(lo + (self.next() % (hi - lo + 1) as u64) as i64)
    }
}

const REGIONS: &[&str] = &[
    "abai",
    "akmola",
    "aktobe",
    "almaty-region",
    "atyrau",
    "west-kazakhstan",
    "jambyl",
    "jetisu",
    "karaganda",
    "kostanay",
    "kyzylorda",
    "mangystau",
    "pavlodar",
    "north-kazakhstan",
    "turkistan",
    "ulytau",
    "east-kazakhstan",
    "astana",
    "almaty-city",
    "shymkent",
];

const COMPANIES: &[(&str, &str)] = &[
    (
        "ТОО «Казахстанская строительная компания»",
        "Kazakhstan Construction Company LLP",
    ),
    ("АО «КазМунайСервис»", "KazMunaiService JSC"),
    (
        "ТОО «Степной энергомонтаж»",
        "Steppe Energy Installation LLP",
    ),
    ("ТОО «Алтын Дала Агро»", "Altyn Dala Agro LLP"),
    ("АО «Каспий Логистика»", "Caspian Logistics JSC"),
    ("ТОО «Жетісу Құрылыс»", "Zhetysu Qurylys LLP"),
    ("ТОО «Сарыарка Металл»", "Saryarka Metal LLP"),
    ("АО «Тенгиз Инжиниринг»", "Tengiz Engineering JSC"),
];

const SIGNATORIES: &[(&str, &str)] = &[
    ("Иванов Иван Иванович", "Генеральный директор"),
    ("Сейткали Нурлан Ерланович", "Директор"),
    ("Ким Ольга Викторовна", "Председатель правления"),
    ("Абдрахманов Ержан Бауыржанович", "Исполнительный директор"),
    ("Жұмабекова Әсел Қайратқызы", "Бас директор"),
];

const CONTACTS: &[&str] = &[
    "Ахметова Айгуль Сериковна",
    "Петров Сергей Николаевич",
    "Омарова Дана Маратовна",
    "Тұрсынов Ғалым Болатұлы",
];

/// Partner name, country, address, visa post city.
const PARTNERS: &[(&str, &str, &str, &str)] = &[
    (
        "China Road and Bridge Corporation",
        "CN",
        "88 Andingmenwai Street, Dongcheng District, Beijing",
        "Beijing",
    ),
    (
        "Siemens Energy AG",
        "DE",
        "Otto-Hahn-Ring 6, 81739 Munich",
        "Berlin",
    ),
    (
        "Hyundai Engineering Co., Ltd.",
        "KR",
        "75 Yulgok-ro, Jongno-gu, Seoul",
        "Seoul",
    ),
    (
        "Tekfen Construction",
        "TR",
        "Tekfen Tower, Buyukdere Cad. 209, Istanbul",
        "Istanbul",
    ),
    (
        "Saipem S.p.A.",
        "IT",
        "Via Martiri di Cefalonia 67, San Donato Milanese",
        "Rome",
    ),
    (
        "Larsen & Toubro Limited",
        "IN",
        "L&T House, Ballard Estate, Mumbai",
        "New Delhi",
    ),
    (
        "Bechtel Corporation",
        "US",
        "12011 Sunset Hills Road, Reston, Virginia",
        "Washington",
    ),
    (
        "Uzbekneftegaz JSC",
        "UZ",
        "21 Istiqbol Street, Tashkent",
        "Tashkent",
    ),
];

const CHECKPOINTS: &[&str] = &[
    "Khorgos",
    "Nur Zholy",
    "Dostyk",
    "Almaty Airport",
    "Astana Airport",
    "Хоргос",
    "Бахты",
];

const CATEGORIES: &[&str] = &["C3", "B2", "B1", "B3"];
const ENTRIES: &[&str] = &["single", "double", "multiple"];

const PROJECTS: &[(&str, &str)] = &[
    (
        "Реконструкция автодороги «Алматы — Хоргос», участок км 120–180",
        "Алматинская область, Панфиловский район",
    ),
    (
        "Строительство газотурбинной электростанции мощностью 310 МВт",
        "г. Туркестан, промышленная зона",
    ),
    (
        "Модернизация нефтеперерабатывающего завода, установка гидрокрекинга",
        "Атырауская область, г. Атырау",
    ),
    (
        "Монтаж и пусконаладка оборудования элеватора на 60 тысяч тонн",
        "Костанайская область, Аулиекольский район",
    ),
    (
        "Строительство моста через реку Иртыш",
        "г. Семей, Абайская область",
    ),
    (
        "Расширение медно-обогатительной фабрики",
        "Улытауская область, г. Жезказган",
    ),
];

const DESCRIPTION_SENTENCES: &[&str] = &[
    "Проект предусматривает поставку, монтаж и пусконаладку технологического оборудования партнёра.",
    "Иностранные специалисты выполняют шеф-монтаж, наладку систем автоматики и обучение персонала заказчика.",
    "Без их участия ввод объекта в эксплуатацию в установленный контрактом срок невозможен.",
    "Работы ведутся в соответствии с утверждённой проектно-сметной документацией и графиком производства работ.",
    "Специалисты партнёра осуществляют авторский надзор и гарантийное обслуживание поставленного оборудования.",
    "Объект имеет важное социально-экономическое значение для региона и создаёт новые рабочие места.",
    "Заказчик обеспечивает проживание, питание и соблюдение санитарно-эпидемиологических требований.",
];

const SURNAMES: &[&str] = &[
    "WANG",
    "ZHANG",
    "LI",
    "LIU",
    "CHEN",
    "MUELLER",
    "SCHMIDT",
    "KIM",
    "PARK",
    "LEE",
    "YILMAZ",
    "KAYA",
    "ROSSI",
    "BIANCHI",
    "SHARMA",
    "PATEL",
    "SMITH",
    "JOHNSON",
    "KARIMOV",
    "RASHIDOV",
    "O'BRIEN",
    "GARCIA-LOPEZ",
    "NGUYEN",
    "TANAKA",
];

const GIVEN_M: &[&str] = &[
    "LEI", "WEI", "HANS", "KLAUS", "MIN JUN", "JI HOON", "MEHMET", "MARCO", "RAHUL", "JOHN",
    "BOBUR", "SEAN", "CARLOS", "HIROSHI",
];
const GIVEN_F: &[&str] = &[
    "MIN", "FANG", "ANNA", "SABINE", "SEO YEON", "AYSE", "GIULIA", "PRIYA", "MARY", "DILNOZA",
    "MARIA", "YUKI",
];

/// Positions as a contract writes them (English), in Russian and in Kazakh.
const POSITIONS: &[(&str, &str, &str)] = &[
    (
        "Bridge engineer",
        "Инженер-мостостроитель",
        "Көпір салу инженері",
    ),
    (
        "Asphalt plant technician",
        "Техник асфальтобетонного завода",
        "Асфальтбетон зауытының технигі",
    ),
    (
        "Welding inspector",
        "Инспектор по сварке",
        "Дәнекерлеу жөніндегі инспектор",
    ),
    ("Site manager", "Начальник участка", "Учаске бастығы"),
    (
        "Commissioning engineer",
        "Инженер-наладчик",
        "Іске қосу-реттеу инженері",
    ),
    ("Electrical engineer", "Инженер-электрик", "Электр инженері"),
    (
        "Turbine specialist",
        "Специалист по турбинам",
        "Турбиналар жөніндегі маман",
    ),
    ("Process engineer", "Инженер-технолог", "Технолог инженер"),
    ("Crane operator", "Машинист крана", "Кран машинисі"),
    (
        "Quality control specialist",
        "Специалист по контролю качества",
        "Сапаны бақылау жөніндегі маман",
    ),
    (
        "Automation engineer",
        "Инженер по автоматизации",
        "Автоматтандыру инженері",
    ),
    ("Geodesist", "Геодезист", "Геодезист"),
];

const CITIZENSHIPS: &[&str] = &["CN", "DE", "KR", "TR", "IT", "IN", "US", "UZ", "FR", "GB"];

/// Native spellings the embedded fonts can draw (Latin, Cyrillic).
const NATIVE: &[&str] = &[
    "Müller",
    "Ростислав",
    "Çağlar",
    "Jürgen",
    "Алишер",
    "François",
];

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A BIN derived from `index` with a valid control digit.
pub fn bin(index: usize) -> String {
    let mut n = index as u64 * 7919 + 1;
    loop {
        // YYMM + 4 (legal entity) + 6 digits.
        let first11 = format!(
            "{:02}{:02}4{:06}",
            5 + n % 20,
            1 + n % 12,
            (n * 37) % 1_000_000
        );
        if let Some(d) = kzinvite::rules::bin::control_digit(first11.as_bytes()) {
            return format!("{first11}{d}");
        }
        n += 1;
    }
}

/// Case number `index` (from 1) with `specialists` specialists, at stage notification.
pub fn manifest(index: usize, specialists: usize) -> Generated {
    let mut r = Rng::new(index as u64);
    let today = today();
    let stem = format!("case-{index:05}");
    let (company, company_en) = *r.pick(COMPANIES);
    let (signatory, position) = *r.pick(SIGNATORIES);
    let (partner, country, address, city) = *r.pick(PARTNERS);
    let (title, location) = *r.pick(PROJECTS);
    let language = if index.is_multiple_of(3) { "kk" } else { "ru" };
    let ic_date = today + r.days(2, 10);
    let support_date = ic_date + r.days(5, 15);
    let entry = support_date + r.days(15, 60);
    let exit = entry + r.days(60, 300);
    let contract_date = today - r.days(30, 400);

    let mut description = String::new();
    let mut k = r.below(DESCRIPTION_SENTENCES.len());
    while description.chars().count() < 320 {
        if !description.is_empty() {
            description.push('\n');
        }
        description.push_str(DESCRIPTION_SENTENCES[k % DESCRIPTION_SENTENCES.len()]);
        k += 1;
    }

    let mut y = String::with_capacity(1024 + specialists * 420);
    let w = &mut y;
    let _ = writeln!(
        w,
        "# Generated by examples/gen_manifests.rs for benchmarks (case {index})."
    );
    let _ = writeln!(w, "manifest_version: 1");
    let _ = writeln!(w, "id: BENCH-{index:05}");
    let _ = writeln!(w, "language: {language}\n");
    let _ = writeln!(w, "inviting_party:");
    let _ = writeln!(w, "  name: {company}");
    let _ = writeln!(w, "  name_en: {company_en}");
    let _ = writeln!(w, "  bin: \"{}\"", bin(index));
    let _ = writeln!(w, "  region: {}", REGIONS[index % REGIONS.len()]);
    let _ = writeln!(
        w,
        "  address: \"0{:05}, {location}, ул. Абая, {}\"",
        10000 + r.below(89999),
        1 + r.below(200)
    );
    let _ = writeln!(
        w,
        "  phone: \"+7 7{:02} {:03} {:02} {:02}\"",
        r.below(100),
        r.below(1000),
        r.below(100),
        r.below(100)
    );
    let _ = writeln!(w, "  email: office{index}@example.kz");
    let _ = writeln!(w, "  socially_significant: true");
    let _ = writeln!(
        w,
        "  signatory:\n    name: {signatory}\n    position: {position}"
    );
    let _ = writeln!(
        w,
        "  contact:\n    name: {}\n    phone: \"+7 701 {:03} {:02} {:02}\"\n",
        r.pick(CONTACTS),
        r.below(1000),
        r.below(100),
        r.below(100)
    );
    let _ = writeln!(w, "foreign_partner:");
    let _ = writeln!(w, "  name: \"{partner}\"");
    let _ = writeln!(w, "  country: {country}");
    let _ = writeln!(w, "  address: \"{address}\"");
    let _ = writeln!(
        w,
        "  contact: {{ name: Partner Contact {index}, email: contact{index}@example.com }}\n"
    );
    let _ = writeln!(w, "project:");
    let _ = writeln!(w, "  title: {title}");
    let _ = writeln!(w, "  description: |");
    for line in description.lines() {
        let _ = writeln!(w, "    {line}");
    }
    let _ = writeln!(w, "  location: {location}");
    let _ = writeln!(
        w,
        "  contract: {{ number: \"C-{index}-{}\", date: {} }}",
        r.below(100),
        iso(contract_date)
    );
    let _ = writeln!(w, "  entry_date: {}", iso(entry));
    let _ = writeln!(w, "  exit_date: {}", iso(exit));
    let _ = writeln!(w, "  visa_post: {{ country: {country}, city: {city} }}");
    let _ = writeln!(w, "  entry_checkpoint: {}", r.pick(CHECKPOINTS));
    let _ = writeln!(
        w,
        "  visa: {{ category: {}, entries: {} }}\n",
        r.pick(CATEGORIES),
        r.pick(ENTRIES)
    );

    let mut scans = Vec::new();
    let _ = writeln!(w, "specialists:");
    for j in 0..specialists {
        let female = r.below(3) == 0;
        let surname = *r.pick(SURNAMES);
        let given = if female {
            *r.pick(GIVEN_F)
        } else {
            *r.pick(GIVEN_M)
        };
        let born = today - r.days(25 * 365, 62 * 365);
        let issued = today - r.days(100, 3000);
        let expires = exit + r.days(200, 3000);
        // Unique within and across cases: the case index and the position in the list.
        let number = format!("{}{index:05}{j:03}", (b'A' + (index % 26) as u8) as char);
        let scan = format!("scans/{stem}-{j:03}.pdf");
        let _ = writeln!(w, "  - surname: {surname}");
        let _ = writeln!(w, "    given_names: {given}");
        if r.below(4) == 0 {
            let _ = writeln!(w, "    native_name: {}", r.pick(NATIVE));
        }
        let _ = writeln!(w, "    sex: {}", if female { "F" } else { "M" });
        let _ = writeln!(w, "    date_of_birth: {}", iso(born));
        let _ = writeln!(
            w,
            "    citizenship: {}",
            if r.below(4) == 0 {
                *r.pick(CITIZENSHIPS)
            } else {
                country
            }
        );
        let (position, position_ru, position_kk) = *r.pick(POSITIONS);
        let _ = writeln!(w, "    position: {position}");
        let _ = writeln!(w, "    position_ru: {position_ru}");
        let _ = writeln!(w, "    position_kk: {position_kk}");
        let _ = writeln!(w, "    passport:");
        let _ = writeln!(w, "      number: {number}");
        let _ = writeln!(w, "      issued: {}", iso(issued));
        let _ = writeln!(w, "      expires: {}", iso(expires));
        let _ = writeln!(w, "      scan: {scan}");
        if r.below(3) == 0 {
            let permit = ic_date - r.days(1, 30);
            let _ = writeln!(
                w,
                "    work_permit:\n      required: true\n      number: \"{}-{}-{:06}\"\n      date: {}",
                &REGIONS[index % REGIONS.len()][..2].to_uppercase(),
                entry.year(),
                index * 1000 + j,
                iso(permit)
            );
        } else {
            let _ = writeln!(w, "    work_permit:\n      required: false");
        }
        let label = format!("Passport scan of {surname} {given} ({number})");
        scans.push((scan, kzinvite::placeholder::pdf(&[&label])));
    }
    let _ = writeln!(w, "\nic_decision:");
    let _ = writeln!(w, "  minutes_number: \"{}\"", 1 + r.below(99));
    let _ = writeln!(w, "  date: {}", iso(ic_date));
    let _ = writeln!(w, "  approved: all\n");
    let _ = writeln!(w, "visa_support:");
    let _ = writeln!(w, "  number: \"{:010}\"", index * 7 + 1_000_000);
    let _ = writeln!(w, "  date: {}", iso(support_date));
    if index.is_multiple_of(2) {
        let copy = format!("scans/{stem}-visa-support.pdf");
        let _ = writeln!(w, "  copy: {copy}");
        scans.push((
            copy,
            kzinvite::placeholder::pdf(&["Visa support (invitation) copy"]),
        ));
    }
    let _ = writeln!(w, "\nletters:");
    let _ = writeln!(
        w,
        "  akimat-request: {{ number: \"01-12/{}\", date: {} }}",
        index,
        iso(today - r.days(0, 10))
    );
    let _ = writeln!(
        w,
        "  migration-petition: {{ number: \"01-12/{}\", date: {} }}",
        index + 1,
        iso(ic_date + Duration::days(1))
    );
    let _ = writeln!(
        w,
        "  partner-notice: {{ number: \"01-12/{}\", date: {} }}",
        index + 2,
        iso(support_date + Duration::days(1))
    );
    Generated {
        file_name: format!("{stem}.yaml"),
        yaml: y,
        scans,
    }
}

/// Writes cases `1..=n` flat into `dir` (`case-00001.yaml`, `scans/case-00001-000.pdf`, …);
/// returns the manifest paths.
pub fn write_all(dir: &Path, n: usize, specialists: usize) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir.join("scans"))?;
    let mut paths = Vec::with_capacity(n);
    for i in 1..=n {
        let g = manifest(i, specialists);
        for (rel, bytes) in &g.scans {
            std::fs::write(dir.join(rel), bytes)?;
        }
        let path = dir.join(&g.file_name);
        std::fs::write(&path, &g.yaml)?;
        paths.push(path);
    }
    Ok(paths)
}
