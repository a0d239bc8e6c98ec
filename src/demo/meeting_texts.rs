//! What was said at the demo's meetings: agendas, minutes, decisions and actions, written
//! as a contract manager writes them. Dates are days from the meeting, so the texts stay
//! true whatever day the demo is loaded on.

use crate::domain::meeting::{ActionStatus, Side};

/// One action as decided: text, owner, side, due (days after the meeting; None: no date)
/// and where it stands today.
pub(super) type ActionSpec = (&'static str, &'static str, Side, Option<i64>, ActionStatus);

pub(super) struct Content {
    pub place: &'static str,
    pub agenda: &'static [&'static str],
    pub minutes: &'static str,
    pub decisions: &'static [&'static str],
    pub actions: &'static [ActionSpec],
}

use ActionStatus::{Cancelled, Done, Open};
use Side::{Buyer, Supplier};

/// Stands for the supplier's account manager, named as the agreement names them.
pub(super) const MANAGER: &str = "@kundansvarig";

const ROOM: &str = "Stadshuset, sal Rådmannen";
const TEAMS: &str = "Teams";

pub(super) const INTERNAL: Content = Content {
    place: ROOM,
    agenda: &[
        "Avtalets innehåll: anbudsområden, rangordning och svarstid",
        "Avropsrutin och avropsbrevlådan",
        "Avtalstrohet och köp utanför avtalet",
        "Sanktioner: viten, skadestånd och hävning",
    ],
    minutes: "Maria Lindqvist gick igenom avtalet: två anbudsområden, Systemutveckling med fyra \
rangordnade leverantörer och Projektledning med tre. Svarstiden är två arbetsdagar; den \
som inte svarar med anbud i tid hoppas över och förfrågan går vidare i rangordningen.\n\
\n\
Sofia Nyström påminde om att uppdrag över 500 timmar ska avropas genom förnyad \
konkurrensutsättning med mallen för avropsinstruktion. Per Ek frågade om pågående \
uppdrag får förlängas med samma konsult; svaret är ja inom det ursprungliga avropets \
ram, annars är det ett nytt avrop.\n\
\n\
Beställarna ombeds skicka alla avrop via avropsbrevlådan så att avtalsförvaltaren kan \
följa rangordningen och svarstiderna.",
    decisions: &[
        "Alla avrop skickas via avrop.it@kommunen.example.se",
        "Avtalsförvaltaren följer upp avtalstroheten kvartalsvis",
    ],
    actions: &[
        (
            "Skicka presentation och minnesanteckningar till alla beställare",
            "Maria Lindqvist",
            Buyer,
            Some(5),
            Done,
        ),
        (
            "Publicera avropsrutinen på intranätet",
            "Sofia Nyström",
            Buyer,
            Some(10),
            Done,
        ),
    ],
};

pub(super) const START: Content = Content {
    place: ROOM,
    agenda: &[
        "Presentation av parterna",
        "Målbild och ambitioner med affären",
        "Avropsrutin, svarstid och statistikrapportering",
        "Kontaktvägar och eskaleringsmodell",
    ],
    minutes: "Parterna presenterade sig. Maria Lindqvist gick igenom målbilden: rätt \
IT-kompetens inom två veckor från behov och minst 90 % av uppdragen avropade enligt \
rangordning eller förnyad konkurrensutsättning.\n\
\n\
Leverantören berättade om sitt kundteam och att förfrågningar besvaras från en gemensam \
brevlåda som bevakas varje arbetsdag. Eskaleringsmodellens tre nivåer gicks igenom och \
kontaktuppgifter utväxlades.\n\
\n\
Statistik ska rapporteras kvartalsvis: antal förfrågningar, svar i tid, antal konsulter \
och utbytta konsulter.",
    decisions: &[
        "Samverkansmöten hålls kvartalsvis under avtalets första år",
        "Leverantören rapporterar statistik senast den 15:e månaden efter varje kvartal",
    ],
    actions: &[
        (
            "Skicka kontaktlista för kundteam och eskaleringskontakter",
            MANAGER,
            Supplier,
            Some(7),
            Done,
        ),
        (
            "Skicka mall för kvartalsstatistik",
            "Maria Lindqvist",
            Buyer,
            Some(14),
            Done,
        ),
    ],
};

pub(super) const CONTRACT_DAY: Content = Content {
    place: "Kulturhuset, stora salen",
    agenda: &[
        "Leverantörerna presenterar sig för beställarna",
        "Så avropar du: rangordning och förnyad konkurrensutsättning",
        "Frågor och mingel",
    ],
    minutes: "Ett fyrtiotal beställare från alla förvaltningar deltog. Varje leverantör \
presenterade sitt erbjudande i tio minuter. Flest frågor gällde hur snabbt en konsult \
kan starta och hur en förnyad konkurrensutsättning går till.",
    decisions: &["En ny avtalsdag hålls efter ett år"],
    actions: &[(
        "Lägg ut presentationerna på intranätet",
        "Sofia Nyström",
        Buyer,
        Some(7),
        Done,
    )],
};

pub(super) const COLLABORATION: [Content; 4] = [
    Content {
        place: TEAMS,
        agenda: &[
            "Föregående minnesanteckningar",
            "Status för avrop",
            "Svarstider",
            "Övriga frågor",
        ],
        minutes: "Minnesanteckningarna från uppstartsmötet godkändes.\n\
\n\
Status för avrop: sedan starten har ett trettiotal förfrågningar skickats inom \
Systemutveckling, de flesta till rang 1. Leverantören har lämnat anbud på nästan alla.\n\
\n\
Svarstider: två förfrågningar besvarades först tredje arbetsdagen, båda under \
påskveckan. Leverantören förklarade att brevlådan inte bevakades under helgdagarna; det \
är åtgärdat med en jourlista.",
        decisions: &["Leverantören bevakar brevlådan även mellan helgdagar"],
        actions: &[(
            "Inför jourlista för avropsbrevlådan under helger",
            MANAGER,
            Supplier,
            Some(14),
            Done,
        )],
    },
    Content {
        place: "Nordkod, Kungsgatan 12",
        agenda: &[
            "Föregående minnesanteckningar",
            "Status för avrop",
            "Reklamation: konsult i socialförvaltningens projekt",
            "Statistik för kvartalet",
        ],
        minutes: "Status för avrop: volymen har ökat efter avtalsdagen, främst från \
utbildningsförvaltningen. Svarstiden har hållits i alla förfrågningar utom en.\n\
\n\
Reklamation: socialförvaltningen reklamerade i förra månaden en systemutvecklare vars \
kompetens inte motsvarade CV:t i anbudet. Leverantören bytte ut konsulten inom åtta \
arbetsdagar utan kostnad för kommunen. Per Ek bekräftade att ersättaren fungerar bra. \
Parterna var överens om att leverantören ska stämma av CV mot avropets krav före \
anbud.\n\
\n\
Statistiken för kvartalet kom två dagar efter överenskommet datum men var fullständig.",
        decisions: &[
            "Reklamationen är avslutad; utbytet sker utan kostnad för kommunen",
            "Leverantören stämmer av CV mot avropets krav före varje anbud",
        ],
        actions: &[
            (
                "Ta fram rutin för avstämning av CV före anbud",
                "Hanna Ström",
                Supplier,
                Some(30),
                Done,
            ),
            (
                "Följ upp ersättarens leverans med socialförvaltningen",
                "Maria Lindqvist",
                Buyer,
                Some(45),
                Done,
            ),
        ],
    },
    Content {
        place: TEAMS,
        agenda: &[
            "Föregående minnesanteckningar",
            "Status för avrop och svarstider",
            "Prisjustering enligt index",
            "Sjukfrånvaro bland konsulterna",
        ],
        minutes: "Status för avrop: jämn volym; alla förfrågningar besvarades inom två \
arbetsdagar.\n\
\n\
Prisjustering: leverantören begärde indexuppräkning enligt avtalets villkor. Sofia \
Nyström kontrollerar beräkningen mot avtalets index innan nya priser godkänns.\n\
\n\
Sjukfrånvaron var högre än normalt under hösten. Leverantören har ersatt konsulterna vid \
längre frånvaro utan avbrott i uppdragen.",
        decisions: &["Nya priser gäller först när kommunen har godkänt beräkningen"],
        actions: &[
            (
                "Kontrollera indexberäkningen för prisjusteringen",
                "Sofia Nyström",
                Buyer,
                Some(21),
                Done,
            ),
            (
                "Redovisa sjukfrånvaron per månad i kvartalsstatistiken",
                MANAGER,
                Supplier,
                Some(30),
                Cancelled,
            ),
        ],
    },
    Content {
        place: TEAMS,
        agenda: &[
            "Föregående minnesanteckningar",
            "Status för avrop",
            "Svarstider och leveransprecision",
            "Utbytt konsult efter reklamation",
            "Nästa steg",
        ],
        minutes: "Status för avrop: sedan förra mötet har ett fyrtiotal avrop gjorts enligt \
rangordning och två genom förnyad konkurrensutsättning. I tre avrop gick förfrågan \
vidare till rang 2 eftersom leverantören avböjde.\n\
\n\
Svarstider: 94 % av förfrågningarna besvarades inom två arbetsdagar, under målet på \
95 %. Förseningarna gällde förfrågningar som skickades på fredagar. Två leveranser \
startade en vecka efter avtalad dag; vite enligt avtalet har inte krävts eftersom \
förseningen berodde på beställarens säkerhetsprövning.\n\
\n\
Utbytt konsult: utbildningsförvaltningen reklamerade en projektledare för bristande \
närvaro i projektet. Leverantören bytte konsulten efter dialog och lämnade en skriftlig \
åtgärdsplan.\n\
\n\
Nästa steg: kommunen ska besluta om den första förlängningsoptionen. Leverantören \
redovisar hur svarstiderna ska nå målet, och kommunen ser över hur förfrågningar \
skickas före helger.",
        decisions: &[
            "Leverantören lämnar en åtgärdsplan för svarstiderna",
            "Förlängningsoptionen tas upp på nästa samverkansmöte",
        ],
        actions: &[
            (
                "Lämna åtgärdsplan för svarstider under 95 %",
                MANAGER,
                Supplier,
                Some(21),
                Open,
            ),
            (
                "Se över rutinen för förfrågningar som skickas på fredagar",
                "Maria Lindqvist",
                Buyer,
                Some(60),
                Open,
            ),
            (
                "Skicka skriftlig åtgärdsplan för den utbytta projektledaren",
                "Hanna Ström",
                Supplier,
                Some(10),
                Done,
            ),
        ],
    },
];

pub(super) const ANNUAL: Content = Content {
    place: ROOM,
    agenda: &[
        "Avtalets första år mot målbilden",
        "Nyckeltal: svar i tid, leveransprecision och utbytta konsulter",
        "Avtalstrohet och köp utanför avtalet",
        "Samverkan under år två",
    ],
    minutes: "Året sammanfattades mot målbilden. De flesta uppdrag startade inom två \
veckor från behov och andelen avrop enligt rangordning eller förnyad \
konkurrensutsättning låg över 90 %.\n\
\n\
Nyckeltalen gicks igenom per kvartal. Svar i tid har legat mellan 93 och 97 %. En \
konsult byttes ut efter reklamation under året.\n\
\n\
Två köp utanför avtalet upptäcktes hos stadsbyggnadsförvaltningen; båda gällde \
kompetens som finns i avtalet. Beställarna har informerats igen.\n\
\n\
Från år två möts parterna tre gånger per år enligt prioritetsklass 1.",
    decisions: &[
        "Samverkansmöten hålls var fjärde månad från och med år två",
        "En ny avtalsdag hålls under hösten",
    ],
    actions: &[
        (
            "Informera stadsbyggnadsförvaltningen om avropsrutinen",
            "Maria Lindqvist",
            Buyer,
            Some(30),
            Done,
        ),
        (
            "Föreslå förbättringar i kvartalsstatistiken",
            MANAGER,
            Supplier,
            None,
            Open,
        ),
    ],
};

/// The agenda of the next collaboration meeting; the open actions are carried to it when
/// the demo is stored.
pub(super) const NEXT_AGENDA: &[&str] = &[
    "Föregående minnesanteckningar",
    "Status för avrop",
    "Förlängningsoptionen: leverantörens syn",
];

pub(super) const LATER_AGENDA: &[&str] = &["Status för avrop", "Statistik för perioden"];

pub(super) const ANNUAL_AGENDA: &[&str] = &[
    "Avtalets andra år mot målbilden",
    "Nyckeltal för året",
    "Lärdomar inför nästa upphandling",
];

pub(super) const STAFFING_INTERNAL: Content = Content {
    place: ROOM,
    agenda: &["Avtalets innehåll och svarstid", "Beställning via e-handel"],
    minutes: "Avtalet gicks igenom med förvaltningarnas bemanningsansvariga. Svarstiden \
är fyra timmar; vikarier beställs i e-handelssystemet från rang 1.",
    decisions: &["Beställningar görs endast i e-handelssystemet"],
    actions: &[(
        "Lägg upp leverantörerna i e-handelssystemet",
        "Sofia Nyström",
        Buyer,
        Some(10),
        Done,
    )],
};

pub(super) const STAFFING_START: Content = Content {
    place: TEAMS,
    agenda: &[
        "Presentation",
        "Svarstid och bemanning vid sjukdom",
        "Statistik",
    ],
    minutes: "Leverantören presenterade sin bemanningsorganisation. Vid akuta behov \
svarar leverantören inom fyra timmar även på helger.",
    decisions: &["Statistik rapporteras varje månad"],
    actions: &[(
        "Skicka jourtelefonnummer för helger",
        MANAGER,
        Supplier,
        Some(5),
        Done,
    )],
};
