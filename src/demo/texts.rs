//! The words the demo data are made of: real places and names of Kazakhstan, and campaign
//! descriptions written in Kazakh, Russian and English.

/// The main city of each region, with a point in it.
pub struct City {
    pub region: &'static str,
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub lat: f64,
    pub lon: f64,
}

const fn city(region: &'static str, kk: &'static str, ru: &'static str, en: &'static str, lat: f64, lon: f64) -> City {
    City { region, kk, ru, en, lat, lon }
}

pub const CITIES: [City; 20] = [
    city("KZ-10", "Семей", "Семей", "Semey", 50.41, 80.23),
    city("KZ-11", "Көкшетау", "Кокшетау", "Kokshetau", 53.28, 69.39),
    city("KZ-15", "Ақтөбе", "Актобе", "Aktobe", 50.28, 57.17),
    city("KZ-19", "Қонаев", "Конаев", "Konaev", 43.87, 77.07),
    city("KZ-23", "Атырау", "Атырау", "Atyrau", 47.09, 51.92),
    city("KZ-27", "Орал", "Уральск", "Oral", 51.23, 51.37),
    city("KZ-31", "Тараз", "Тараз", "Taraz", 42.90, 71.37),
    city("KZ-33", "Талдықорған", "Талдыкорган", "Taldykorgan", 45.02, 78.37),
    city("KZ-35", "Қарағанды", "Караганда", "Karaganda", 49.80, 73.10),
    city("KZ-39", "Қостанай", "Костанай", "Kostanay", 53.21, 63.63),
    city("KZ-43", "Қызылорда", "Кызылорда", "Kyzylorda", 44.85, 65.51),
    city("KZ-47", "Ақтау", "Актау", "Aktau", 43.65, 51.16),
    city("KZ-55", "Павлодар", "Павлодар", "Pavlodar", 52.29, 76.97),
    city("KZ-59", "Петропавл", "Петропавловск", "Petropavl", 54.87, 69.15),
    city("KZ-61", "Түркістан", "Туркестан", "Turkistan", 43.30, 68.25),
    city("KZ-62", "Жезқазған", "Жезказган", "Zhezkazgan", 47.79, 67.71),
    city("KZ-63", "Өскемен", "Усть-Каменогорск", "Oskemen", 49.95, 82.61),
    city("KZ-71", "Астана", "Астана", "Astana", 51.13, 71.43),
    city("KZ-75", "Алматы", "Алматы", "Almaty", 43.24, 76.89),
    city("KZ-79", "Шымкент", "Шымкент", "Shymkent", 42.32, 69.59),
];

pub struct OrganizationName {
    pub kk: &'static str,
    pub latin: &'static str,
    pub slug: &'static str,
}

const fn name(kk: &'static str, latin: &'static str, slug: &'static str) -> OrganizationName {
    OrganizationName { kk, latin, slug }
}

/// Names of the kind Kazakhstan's volunteer organisations carry; used as proper names in
/// every language.
pub const ORGANIZATION_NAMES: [OrganizationName; 24] = [
    name("Жарқын болашақ", "Zharkyn Bolashak", "zharkyn-bolashak"),
    name("Мейірім", "Meirim", "meirim"),
    name("Қамқорлық", "Qamqorlyq", "qamqorlyq"),
    name("Жасыл ел", "Zhasyl El", "zhasyl-el"),
    name("Ақ жүрек", "Ak Zhurek", "ak-zhurek"),
    name("Шапағат", "Shapagat", "shapagat"),
    name("Бірлік", "Birlik", "birlik"),
    name("Достық", "Dostyq", "dostyq"),
    name("Нұрлы жол", "Nurly Zhol", "nurly-zhol"),
    name("Үміт оты", "Umit Oty", "umit-oty"),
    name("Жанашыр", "Zhanashyr", "zhanashyr"),
    name("Ізгі ниет", "Izgi Niet", "izgi-niet"),
    name("Көмек қолы", "Komek Qoly", "komek-qoly"),
    name("Таза өлке", "Taza Olke", "taza-olke"),
    name("Жас қыран", "Zhas Qyran", "zhas-qyran"),
    name("Ақ ниет", "Ak Niet", "ak-niet"),
    name("Самұрық жастары", "Samuryq Youth", "samuryq-zhastary"),
    name("Ақбота", "Akbota", "akbota"),
    name("Дала қорғаны", "Dala Qorgany", "dala-qorgany"),
    name("Жүрек жылуы", "Zhurek Zhyluy", "zhurek-zhyluy"),
    name("Ел үміті", "El Umiti", "el-umiti"),
    name("Шуақ", "Shuaq", "shuaq"),
    name("Мұрагер", "Murager", "murager"),
    name("Қайырымды жандар", "Qaiyrymdy Zhandar", "qaiyrymdy-zhandar"),
];

pub struct OrganizationKind {
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

pub const ORGANIZATION_KINDS: [OrganizationKind; 4] = [
    OrganizationKind { kk: "«{name}» қоғамдық бірлестігі", ru: "Общественное объединение «{name}»", en: "{name} Public Association" },
    OrganizationKind { kk: "«{name}» қайырымдылық қоры", ru: "Благотворительный фонд «{name}»", en: "{name} Charitable Foundation" },
    OrganizationKind { kk: "«{name}» волонтерлер клубы", ru: "Волонтёрский клуб «{name}»", en: "{name} Volunteer Club" },
    OrganizationKind { kk: "«{name}» бастамашыл тобы", ru: "Инициативная группа «{name}»", en: "{name} Initiative Group" },
];

pub fn organization_description_kk(city: &str) -> String {
    format!("{city} қаласында және өңірінде жұмыс істейтін волонтерлер ұйымы. Біз көмек қажет жандарға қолдау көрсетіп, жастарды игі істерге тартамыз.")
}

pub fn organization_description_ru(city: &str) -> String {
    format!("Волонтёрская организация, работающая в городе {city} и вокруг него. Мы поддерживаем тех, кому нужна помощь, и вовлекаем молодёжь в добрые дела.")
}

pub fn organization_description_en(city: &str) -> String {
    format!("A volunteer organisation working in {city} and the surrounding area. We support people who need help and bring young people into good causes.")
}

/// First names with whether the surname takes the feminine ending.
pub const FIRST_NAMES: [(&str, bool); 20] = [
    ("Айгерім", true), ("Нұрлан", false), ("Әсел", true), ("Ерлан", false), ("Дана", true),
    ("Бауыржан", false), ("Гүлнұр", true), ("Асхат", false), ("Мадина", true), ("Ержан", false),
    ("Жансая", true), ("Дәурен", false), ("Аружан", true), ("Нұрсұлтан", false), ("Қарлығаш", true),
    ("Арман", false), ("Сәуле", true), ("Тимур", false), ("Анна", true), ("Сергей", false),
];

pub const SURNAMES: [&str; 16] = [
    "Оспанов", "Сейітов", "Ахметов", "Жұмабаев", "Қасымов", "Нұрланов", "Серікбаев", "Төлеуов",
    "Бекенов", "Ермеков", "Әбдірахманов", "Мұратов", "Ибраев", "Смағұлов", "Иванов", "Ким",
];

pub const STREETS: [&str; 8] = [
    "Абай даңғылы", "Достық көшесі", "Тәуелсіздік даңғылы", "Бейбітшілік көшесі",
    "Наурыз көшесі", "Жамбыл көшесі", "Сәтпаев көшесі", "Республика даңғылы",
];

/// A kind of campaign; `{city}` is replaced by the city's name in each language.
pub struct Template {
    pub direction: &'static str,
    pub online: bool,
    pub min_age: Option<i32>,
    pub title_kk: &'static str,
    pub title_ru: &'static str,
    pub title_en: &'static str,
    pub description_kk: &'static str,
    pub description_ru: &'static str,
    pub description_en: &'static str,
}

pub const TEMPLATES: [Template; 17] = [
    Template {
        direction: "sabaqtastyq", online: false, min_age: None,
        title_kk: "{city}: балалар үйінің тәрбиеленушілеріне сабаққа көмек",
        title_ru: "{city}: помощь с уроками воспитанникам детского дома",
        title_en: "{city}: homework help for children in a children's home",
        description_kk: "Аптасына екі рет балалар үйінің тәрбиеленушілерімен математика мен ағылшын тілінен сабақ береміз.\n\nПедагогикалық тәжірибе міндетті емес, бастысы — шыдамдылық пен ықылас.",
        description_ru: "Дважды в неделю занимаемся с воспитанниками детского дома математикой и английским.\n\nПедагогический опыт не обязателен — важны терпение и желание помочь.",
        description_en: "Twice a week we study maths and English with the children of a children's home.\n\nNo teaching experience needed — patience and goodwill matter most.",
    },
    Template {
        direction: "sabaqtastyq", online: false, min_age: Some(18),
        title_kk: "{city}: жасөспірімдерге тәлімгер болу",
        title_ru: "{city}: наставничество для подростков",
        title_en: "{city}: mentoring teenagers",
        description_kk: "Қиын жағдайдағы жасөспірімдерге кәсіп таңдауға және өзіне сенуге көмектесетін тәлімгерлер іздейміз.\n\nАйына кемінде төрт кездесу.",
        description_ru: "Ищем наставников для подростков в трудной жизненной ситуации: помочь выбрать профессию и поверить в себя.\n\nНе менее четырёх встреч в месяц.",
        description_en: "We are looking for mentors for teenagers in difficult circumstances, to help them choose a career and believe in themselves.\n\nAt least four meetings a month.",
    },
    Template {
        direction: "saulyq", online: false, min_age: Some(18),
        title_kk: "{city}: хоспис науқастарына күтім жасауға көмек",
        title_ru: "{city}: помощь в уходе за пациентами хосписа",
        title_en: "{city}: helping care for hospice patients",
        description_kk: "Хоспис қызметкерлеріне науқастарды серуендетуге, кітап оқып беруге және тамақтандыруға көмектесеміз.\n\nЖұмыс алдында нұсқама беріледі.",
        description_ru: "Помогаем персоналу хосписа: прогулки с пациентами, чтение вслух, помощь при кормлении.\n\nПеред началом — инструктаж.",
        description_en: "We help hospice staff with walks, reading aloud and mealtimes.\n\nA briefing is given before the first shift.",
    },
    Template {
        direction: "saulyq", online: false, min_age: None,
        title_kk: "{city}: донорлар күні",
        title_ru: "{city}: день донора",
        title_en: "{city}: blood donor day",
        description_kk: "Қан орталығымен бірге донорлық шара өткіземіз: тіркеу, донорларды қарсы алу, шай мен кеңес.\n\nДонор болу міндетті емес.",
        description_ru: "Вместе с центром крови проводим донорскую акцию: регистрация, встреча доноров, чай и консультации.\n\nБыть донором не обязательно.",
        description_en: "Together with the blood centre we run a donor day: registration, welcoming donors, tea and advice.\n\nYou do not have to donate yourself.",
    },
    Template {
        direction: "taza-alem", online: false, min_age: None,
        title_kk: "{city}: өзен жағалауын тазалау",
        title_ru: "{city}: субботник на берегу реки",
        title_en: "{city}: riverbank clean-up",
        description_kk: "Өзен жағалауын қоқыстан тазартып, пластик пен шыныны бөлек жинаймыз.\n\nҚолғап пен қаптар беріледі, ыңғайлы киім киіп келіңіз.",
        description_ru: "Очищаем берег реки от мусора и отдельно собираем пластик и стекло.\n\nПерчатки и мешки выдадим, приходите в удобной одежде.",
        description_en: "We clear the riverbank of litter and collect plastic and glass separately.\n\nGloves and bags are provided; wear comfortable clothes.",
    },
    Template {
        direction: "taza-alem", online: false, min_age: None,
        title_kk: "{city}: мың ағаш отырғызамыз",
        title_ru: "{city}: сажаем тысячу деревьев",
        title_en: "{city}: planting a thousand trees",
        description_kk: "Қала әкімдігімен бірге жаңа саябаққа көшет отырғызамыз.\n\nКүрек пен су бар, тек жақсы көңіл-күй керек.",
        description_ru: "Вместе с акиматом высаживаем саженцы в новом парке.\n\nЛопаты и вода есть — нужно только хорошее настроение.",
        description_en: "With the city administration we plant saplings in a new park.\n\nSpades and water are provided — just bring a good mood.",
    },
    Template {
        direction: "taza-alem", online: true, min_age: None,
        title_kk: "Онлайн: ауыл мектептеріне қоқысты сұрыптау сабағы",
        title_ru: "Онлайн: урок о сортировке мусора для сельских школ",
        title_en: "Online: a lesson on waste sorting for village schools",
        description_kk: "Ауыл мектептерінің оқушыларына қоқысты дұрыс сұрыптау туралы онлайн сабақ жүргіземіз.\n\nДайын презентация беріледі.",
        description_ru: "Проводим онлайн-уроки о правильной сортировке мусора для учеников сельских школ.\n\nГотовая презентация прилагается.",
        description_en: "We give online lessons on sorting waste to pupils of village schools.\n\nA ready-made presentation is provided.",
    },
    Template {
        direction: "asyl-mura", online: false, min_age: None,
        title_kk: "{city}: өлкетану мұражайына экскурсия жүргізетін волонтерлер",
        title_ru: "{city}: волонтёры-экскурсоводы в краеведческий музей",
        title_en: "{city}: volunteer guides at the local history museum",
        description_kk: "Мұражайға келушілерге қазақ және орыс тілдерінде экскурсия жүргізуге көмектесесіз.\n\nОқыту екі күнге созылады.",
        description_ru: "Вы будете помогать проводить экскурсии для посетителей музея на казахском и русском языках.\n\nОбучение займёт два дня.",
        description_en: "You will help guide museum visitors in Kazakh and Russian.\n\nTraining takes two days.",
    },
    Template {
        direction: "asyl-mura", online: false, min_age: None,
        title_kk: "{city}: тарихи ескерткіштерді күтіп-баптау",
        title_ru: "{city}: уход за историческими памятниками",
        title_en: "{city}: caring for historic monuments",
        description_kk: "Тарихи ескерткіштердің айналасын тазалап, ақпараттық тақталарды жаңартамыз.\n\nТарихшы әр ескерткіш туралы әңгімелеп береді.",
        description_ru: "Приводим в порядок территорию у исторических памятников и обновляем информационные таблички.\n\nИсторик расскажет о каждом памятнике.",
        description_en: "We tidy the grounds of historic monuments and renew the information boards.\n\nA historian tells the story of each one.",
    },
    Template {
        direction: "qamqor", online: false, min_age: None,
        title_kk: "{city}: жалғызілікті қарттарға азық-түлік жеткізу",
        title_ru: "{city}: доставка продуктов одиноким пожилым людям",
        title_en: "{city}: delivering groceries to older people living alone",
        description_kk: "Жалғызілікті қарттарға апта сайын азық-түлік пен дәрі-дәрмек жеткізіп, олармен әңгімелесеміз.\n\nКөлігі бар волонтерлер әсіресе қажет.",
        description_ru: "Еженедельно доставляем продукты и лекарства одиноким пожилым людям и общаемся с ними.\n\nОсобенно нужны волонтёры с автомобилем.",
        description_en: "Every week we bring groceries and medicine to older people who live alone, and stay for a chat.\n\nVolunteers with a car are especially welcome.",
    },
    Template {
        direction: "qamqor", online: false, min_age: None,
        title_kk: "{city}: қарттар үйінде мерекелік концерт",
        title_ru: "{city}: праздничный концерт в доме престарелых",
        title_en: "{city}: a festive concert at a care home",
        description_kk: "Қарттар үйінің тұрғындарына арнап концерт ұйымдастырамыз.\n\nМузыканттар, әншілер және ұйымдастыруға көмектескісі келетіндер қажет.",
        description_ru: "Организуем концерт для жителей дома престарелых.\n\nНужны музыканты, певцы и те, кто хочет помочь с организацией.",
        description_en: "We are putting on a concert for the residents of a care home.\n\nMusicians, singers and helpers are all welcome.",
    },
    Template {
        direction: "bilim", online: false, min_age: None,
        title_kk: "{city}: ауыл балаларына арналған ағылшын тілі клубы",
        title_ru: "{city}: разговорный клуб английского для сельских детей",
        title_en: "{city}: English conversation club for village children",
        description_kk: "Апта сайын ағылшын тілінде сөйлесу клубын өткіземіз.\n\nB1 деңгейі жеткілікті.",
        description_ru: "Каждую неделю проводим разговорный клуб английского языка.\n\nДостаточно уровня B1.",
        description_en: "Every week we run an English conversation club.\n\nB1 level is enough.",
    },
    Template {
        direction: "bilim", online: true, min_age: None,
        title_kk: "Онлайн: шалғай ауыл түлектерін ҰБТ-ға дайындау",
        title_ru: "Онлайн: подготовка выпускников из отдалённых сёл к ЕНТ",
        title_en: "Online: preparing school leavers from remote villages for the UNT",
        description_kk: "Шалғай ауылдардағы түлектерге математика мен физикадан ҰБТ-ға дайындалуға көмектесеміз.\n\nСабақтар кешкі уақытта онлайн өтеді.",
        description_ru: "Помогаем выпускникам из отдалённых сёл готовиться к ЕНТ по математике и физике.\n\nЗанятия проходят онлайн по вечерам.",
        description_en: "We help school leavers in remote villages prepare for the UNT in maths and physics.\n\nLessons are online in the evenings.",
    },
    Template {
        direction: "umit", online: false, min_age: Some(18),
        title_kk: "{city}: іздеу-құтқару жұмыстарына дайындық",
        title_ru: "{city}: подготовка к поисково-спасательным работам",
        title_en: "{city}: training for search and rescue",
        description_kk: "Хабар-ошарсыз кеткен адамдарды іздеуге қатысатын волонтерлерге арналған оқу: картамен жұмыс, байланыс, қауіпсіздік.\n\nТек 18 жасқа толғандар қатыса алады.",
        description_ru: "Обучение для волонтёров, которые будут участвовать в поисках пропавших людей: работа с картой, связь, безопасность.\n\nТолько с 18 лет.",
        description_en: "Training for volunteers who will join searches for missing people: map reading, radio, safety.\n\nAges 18 and over only.",
    },
    Template {
        direction: "umit", online: false, min_age: Some(18),
        title_kk: "{city}: су тасқынына дайындық — қаптарға құм толтыру",
        title_ru: "{city}: противопаводковые работы — заполнение мешков песком",
        title_en: "{city}: flood prevention — filling sandbags",
        description_kk: "Көктемгі су тасқынына дайындаламыз: қаптарға құм толтырып, бөгеттерді нығайтамыз.\n\nАуыр дене жұмысы, тек ересектер қатыса алады.",
        description_ru: "Готовимся к весеннему паводку: наполняем мешки песком и укрепляем дамбы.\n\nТяжёлая физическая работа, только для взрослых.",
        description_en: "Getting ready for the spring floods: filling sandbags and reinforcing embankments.\n\nHeavy physical work, adults only.",
    },
    Template {
        direction: "ayala", online: false, min_age: None,
        title_kk: "{city}: жануарлар баспанасында серуен күні",
        title_ru: "{city}: день прогулок в приюте для животных",
        title_en: "{city}: dog-walking day at the animal shelter",
        description_kk: "Баспанадағы иттерді серуендетіп, вольерлерді тазалаймыз.\n\nЖануарларды жақсы көрсеңіз болғаны.",
        description_ru: "Выгуливаем собак из приюта и убираем вольеры.\n\nДостаточно любить животных.",
        description_en: "We walk the shelter's dogs and clean the enclosures.\n\nAll you need is to love animals.",
    },
    Template {
        direction: "ayala", online: false, min_age: None,
        title_kk: "{city}: мектептерде жануарларға жауапкершілік туралы дәріс",
        title_ru: "{city}: уроки об ответственном обращении с животными в школах",
        title_en: "{city}: school talks on responsible pet ownership",
        description_kk: "Мектептерде үй жануарларына жауапкершілікпен қарау туралы дәріс өткіземіз.\n\nВетеринар-волонтерлер әсіресе қажет.",
        description_ru: "Проводим в школах уроки об ответственном обращении с домашними животными.\n\nОсобенно нужны волонтёры-ветеринары.",
        description_en: "We give talks in schools on responsible pet ownership.\n\nVolunteer vets are especially welcome.",
    },
];
