"""Demo content for the editorial pages, in Danish with English translations.

Each entry is one page: the Danish version is created first, then the English one through
wagtail-localize, so both stay linked as translations of each other.
"""

from django.conf import settings

HOME = {
    "da": {
        "title": "Find socialøkonomiske leverandører",
        "intro": (
            "Socialøkonomisk samler socialøkonomiske virksomheder og offentlige indkøbere ét sted. "
            "Søg i leverandørlisten, se kommende udbud og mindre indkøb, og mød hinanden til workshops. "
            "Det er gratis for alle."
        ),
        "body": [
            ("heading", {"text": "Til offentlige indkøbere", "level": "h2"}),
            (
                "paragraph",
                "<p>Har I et konkret indkøb – kantinedrift i Aarhus, rengøring af tre daginstitutioner "
                "i Vejle eller ompolstring af 200 stole? Søg på ydelse, CPV-kode og område, og se med "
                "det samme, hvilke socialøkonomiske virksomheder der kan levere.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Søg i leverandørlisten",
                    "text": "Find leverandører efter ydelse, CPV-kode, kommune og målgruppe.",
                    "button_label": "Gå til leverandørlisten",
                    "page": "directory",
                },
            ),
            ("heading", {"text": "Til socialøkonomiske virksomheder", "level": "h2"}),
            (
                "paragraph",
                "<p>Opret en gratis profil, så indkøberne kan finde jer, og hold øje med kommende udbud "
                "og mindre indkøb under tærskelværdierne, hvor I har de bedste chancer.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Kom på leverandørlisten",
                    "text": "Det tager omkring ti minutter at oprette en profil.",
                    "button_label": "Læs vejledningen",
                    "page": "guide_suppliers",
                },
            ),
        ],
    },
    "en": {
        "title": "Find social enterprise suppliers",
        "intro": (
            "Socialøkonomisk brings social enterprises and public buyers together in one place. "
            "Search the supplier list, see upcoming tenders and smaller purchases, and meet at "
            "workshops. It is free for everyone."
        ),
        "body": [
            ("heading", {"text": "For public buyers", "level": "h2"}),
            (
                "paragraph",
                "<p>Do you have a concrete purchase – canteen operation in Aarhus, cleaning of three "
                "daycare centres in Vejle or upholstery for 200 chairs? Search by service, CPV code "
                "and area, and see at once which social enterprises can deliver.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Search the supplier list",
                    "text": "Find suppliers by service, CPV code, municipality and target group.",
                    "button_label": "Go to the supplier list",
                    "page": "directory",
                },
            ),
            ("heading", {"text": "For social enterprises", "level": "h2"}),
            (
                "paragraph",
                "<p>Create a free profile so buyers can find you, and keep an eye on upcoming tenders "
                "and smaller purchases below the thresholds, where your chances are best.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Get on the supplier list",
                    "text": "Creating a profile takes about ten minutes.",
                    "button_label": "Read the guide",
                    "page": "guide_suppliers",
                },
            ),
        ],
    },
}

ABOUT = {
    "key": "about",
    "type": "StandardPage",
    "slug": "om",
    "parent": "home",
    "menu": True,
    "da": {
        "title": "Om platformen",
        "intro": (
            "Socialøkonomisk er et gratis mødested, hvor offentlige indkøbere finder "
            "socialøkonomiske virksomheder, og hvor virksomhederne ser, hvad det offentlige skal købe."
        ),
        "body": [
            ("heading", {"text": "Hvorfor platformen findes", "level": "h2"}),
            (
                "paragraph",
                "<p>Mange kommuner og regioner vil gerne købe hos socialøkonomiske virksomheder, men "
                "kan ikke finde dem. De socialøkonomiske virksomheder har sjældent tid og penge til "
                "salg, og meget få byder på offentlige udbud. Platformen bygger bro mellem de to.</p>",
            ),
            ("heading", {"text": "Det får I", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Leverandørlisten: en offentlig, søgbar liste over socialøkonomiske "
                "virksomheder med kompetencer (CPV-koder), ydelser, socialt formål og leveringsområde."
                "</li><li>Udbudsplanen: offentlige indkøbere annoncerer kommende udbud og mindre "
                "indkøb, og virksomhederne kan vise interesse – alene, i konsortium, som "
                "underleverandør eller til markedsdialog.</li><li>Vejledninger og nyheder om "
                "socialøkonomiske indkøb og reserverede kontrakter.</li><li>Workshops og "
                "netværksmøder, hvor virksomheder og indkøbere mødes.</li><li>Åbne data: et "
                "dokumenteret API og eksport, så listen også kan vises i kommunernes egne "
                "indkøbssystemer.</li></ul>",
            ),
            ("heading", {"text": "Det er gratis", "level": "h2"}),
            (
                "paragraph",
                "<p>Alt på platformen er gratis – for virksomheder, for indkøbere og for alle andre, "
                "der vil se listen. Der er ingen annoncer og ingen sporing.</p>",
            ),
            ("heading", {"text": "Partnerne bag", "level": "h2"}),
            (
                "paragraph",
                "<p>Platformen drives af et partnerskab mellem:</p><ul><li><b>Hus Forbi</b> – "
                "socialøkonomisk virksomhed og gadeavis, der skaber arbejde og indtægt for hjemløse "
                "og socialt udsatte.</li><li><b>Advokatpartnerselskabet Foldschack, Forchhammer, "
                "Dahlager &amp; Barfod</b> – advokater med erfaring i udbudsret og socialøkonomi."
                "</li><li><b>Comdia ApS</b> – udvikling og drift af digitale løsninger.</li></ul>",
            ),
        ],
    },
    "en": {
        "title": "About the platform",
        "intro": (
            "Socialøkonomisk is a free meeting place where public buyers find social enterprises, "
            "and where the enterprises see what the public sector is going to buy."
        ),
        "body": [
            ("heading", {"text": "Why the platform exists", "level": "h2"}),
            (
                "paragraph",
                "<p>Many municipalities and regions want to buy from social enterprises but cannot "
                "find them. Social enterprises rarely have time and money for sales, and very few bid "
                "on public tenders. The platform builds the bridge between the two.</p>",
            ),
            ("heading", {"text": "What you get", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>The supplier list: a public, searchable list of social enterprises with "
                "competences (CPV codes), services, social purpose and delivery area.</li><li>The "
                "tender plan: public buyers announce upcoming tenders and smaller purchases, and the "
                "enterprises can express interest – alone, in a consortium, as a subcontractor or for "
                "market dialogue.</li><li>Guides and news on social procurement and reserved "
                "contracts.</li><li>Workshops and networking meetings where enterprises and buyers "
                "meet.</li><li>Open data: a documented API and exports, so the list can also be shown "
                "in the municipalities' own procurement systems.</li></ul>",
            ),
            ("heading", {"text": "It is free", "level": "h2"}),
            (
                "paragraph",
                "<p>Everything on the platform is free – for enterprises, for buyers and for anyone "
                "else who wants to see the list. There are no ads and no tracking.</p>",
            ),
            ("heading", {"text": "The partners behind it", "level": "h2"}),
            (
                "paragraph",
                "<p>The platform is run by a partnership between:</p><ul><li><b>Hus Forbi</b> – "
                "social enterprise and street newspaper creating work and income for homeless and "
                "socially vulnerable people.</li><li><b>Advokatpartnerselskabet Foldschack, "
                "Forchhammer, Dahlager &amp; Barfod</b> – lawyers experienced in procurement law and "
                "the social economy.</li><li><b>Comdia ApS</b> – development and operation of "
                "digital solutions.</li></ul>",
            ),
        ],
    },
}

GUIDES = {
    "key": "guides",
    "type": "GuideIndexPage",
    "slug": "vejledninger",
    "parent": "home",
    "menu": True,
    "da": {
        "title": "Vejledninger",
        "intro": "Trin-for-trin-vejledninger til socialøkonomiske virksomheder og offentlige indkøbere.",
        "body": [],
    },
    "en": {
        "title": "Guides",
        "intro": "Step-by-step guides for social enterprises and public buyers.",
        "body": [],
    },
}

GUIDE_SUPPLIERS = {
    "key": "guide_suppliers",
    "type": "GuidePage",
    "slug": "opret-jeres-virksomhed",
    "parent": "guides",
    "fields": {"audience": "suppliers"},
    "da": {
        "title": "Sådan opretter I jeres virksomhed på leverandørlisten",
        "intro": (
            "En profil på leverandørlisten gør jer synlige for indkøbere i kommuner, regioner og "
            "staten. Den er gratis og tager omkring ti minutter at oprette."
        ),
        "body": [
            ("heading", {"text": "Før I starter", "level": "h2"}),
            (
                "paragraph",
                "<p>Hav jeres CVR-nummer, en kort beskrivelse af jeres ydelser og jeres logo klar. "
                "Det er en fordel at kende de CPV-koder, jeres ydelser hører under – men I kan også "
                "søge efter dem med almindelige ord, når I udfylder profilen.</p>",
            ),
            (
                "steps",
                {
                    "steps": [
                        {
                            "title": "Opret en bruger med jeres CVR-nummer",
                            "text": "<p>Vælg <i>Opret profil</i> og indtast CVR-nummer, navn, e-mail "
                            "og en adgangskode. Findes jeres virksomhed allerede på listen, kan I bede "
                            "om adgang til den eksisterende profil i stedet for at oprette en ny.</p>",
                        },
                        {
                            "title": "Bekræft jeres e-mailadresse",
                            "text": "<p>Klik på linket i den e-mail, vi sender. Linket virker i tre "
                            "døgn.</p>",
                        },
                        {
                            "title": "Vent på godkendelse",
                            "text": "<p>En redaktør tjekker, at I er en socialøkonomisk virksomhed. I "
                            "får besked på e-mail, normalt inden for to hverdage.</p>",
                        },
                        {
                            "title": "Udfyld profilen",
                            "text": "<p>Beskriv jeres socialt formål, ydelser, CPV-koder og hvor I "
                            "leverer. Skriv et kort resumé på højst 300 tegn – det er det, "
                            "indkøberne ser i søgeresultatet.</p>",
                        },
                        {
                            "title": "Send profilen til godkendelse",
                            "text": "<p>Når profilen er godkendt, er den offentlig og kan findes i "
                            "søgningen. Ændringer, I laver senere, godkendes på samme måde.</p>",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Gode råd til en stærk profil", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Vælg de mest specifikke CPV-koder, der passer – og hellere fem præcise end "
                "tyve brede.</li><li>Nævn konkrete referencer: hvem har I leveret til, hvornår og "
                "hvad.</li><li>Oplys antal ansatte og ansatte på særlige vilkår. Er mindst 30 % "
                "ansat på særlige vilkår, kan I byde på reserverede kontrakter.</li><li>Angiv, om I "
                "er åbne for konsortier og for at være underleverandør.</li></ul>",
            ),
            (
                "faq",
                {
                    "title": "Ofte stillede spørgsmål",
                    "questions": [
                        {
                            "question": "Koster det noget at være på listen?",
                            "answer": "<p>Nej. Platformen er gratis for alle.</p>",
                        },
                        {
                            "question": "Skal vi være registreret som socialøkonomisk virksomhed (RSV)?",
                            "answer": "<p>Nej, men registrerede virksomheder kan få et RSV-mærke på "
                            "profilen, når en redaktør har bekræftet registreringen hos "
                            "Erhvervsstyrelsen.</p>",
                        },
                        {
                            "question": "Hvem kan se vores oplysninger?",
                            "answer": "<p>Alle kan se den offentlige profil. Jeres brugeroplysninger og "
                            "jeres interessetilkendegivelser er private. Læs mere i "
                            "privatlivspolitikken.</p>",
                        },
                    ],
                },
            ),
        ],
    },
    "en": {
        "title": "How to add your enterprise to the supplier list",
        "intro": (
            "A profile on the supplier list makes you visible to buyers in municipalities, regions "
            "and the state. It is free and takes about ten minutes to create."
        ),
        "body": [
            ("heading", {"text": "Before you start", "level": "h2"}),
            (
                "paragraph",
                "<p>Have your CVR number, a short description of your services and your logo ready. "
                "It helps to know the CPV codes your services belong to – but you can also search for "
                "them in plain words when you fill in the profile.</p>",
            ),
            (
                "steps",
                {
                    "steps": [
                        {
                            "title": "Create a user with your CVR number",
                            "text": "<p>Choose <i>Create profile</i> and enter your CVR number, name, "
                            "e-mail and a password. If your enterprise is already on the list, you can "
                            "ask for access to the existing profile instead of creating a new one.</p>",
                        },
                        {
                            "title": "Confirm your e-mail address",
                            "text": "<p>Click the link in the e-mail we send you. The link works for "
                            "three days.</p>",
                        },
                        {
                            "title": "Wait for approval",
                            "text": "<p>An editor checks that you are a social enterprise. You will "
                            "hear from us by e-mail, usually within two working days.</p>",
                        },
                        {
                            "title": "Fill in the profile",
                            "text": "<p>Describe your social purpose, services, CPV codes and where you "
                            "deliver. Write a short summary of at most 300 characters – that is what "
                            "buyers see in the search results.</p>",
                        },
                        {
                            "title": "Submit the profile for approval",
                            "text": "<p>Once approved, the profile is public and can be found in "
                            "search. Later changes are approved the same way.</p>",
                        },
                    ]
                },
            ),
            ("heading", {"text": "Tips for a strong profile", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Choose the most specific CPV codes that fit – five precise ones rather than "
                "twenty broad ones.</li><li>Mention concrete references: whom you have delivered to, "
                "when and what.</li><li>State the number of employees and employees on special terms. "
                "If at least 30 % are employed on special terms, you can bid on reserved contracts."
                "</li><li>Say whether you are open to consortia and to being a subcontractor.</li></ul>",
            ),
            (
                "faq",
                {
                    "title": "Frequently asked questions",
                    "questions": [
                        {
                            "question": "Does it cost anything to be on the list?",
                            "answer": "<p>No. The platform is free for everyone.</p>",
                        },
                        {
                            "question": "Do we have to be a registered social enterprise (RSV)?",
                            "answer": "<p>No, but registered enterprises can get an RSV badge on their "
                            "profile once an editor has confirmed the registration with the Danish "
                            "Business Authority.</p>",
                        },
                        {
                            "question": "Who can see our information?",
                            "answer": "<p>Anyone can see the public profile. Your user details and your "
                            "expressions of interest are private. Read more in the privacy policy.</p>",
                        },
                    ],
                },
            ),
        ],
    },
}

GUIDE_BUYERS = {
    "key": "guide_buyers",
    "type": "GuidePage",
    "slug": "koeb-hos-socialoekonomiske-virksomheder",
    "parent": "guides",
    "fields": {"audience": "buyers"},
    "da": {
        "title": "Sådan køber I hos socialøkonomiske virksomheder",
        "intro": (
            "Sådan finder I som offentlig indkøber de rette socialøkonomiske leverandører – og giver "
            "dem en reel chance i jeres indkøb."
        ),
        "body": [
            (
                "steps",
                {
                    "steps": [
                        {
                            "title": "Søg i leverandørlisten",
                            "text": "<p>Søg på ydelsen med almindelige ord eller på CPV-kode, og "
                            "afgræns til jeres kommune eller region. Eksportér listen som CSV eller "
                            "Excel til jeres indkøbsnotat.</p>",
                        },
                        {
                            "title": "Annoncér indkøbet tidligt i udbudsplanen",
                            "text": "<p>Jo tidligere virksomhederne kender til et kommende udbud eller "
                            "indkøb, jo bedre kan de forberede sig og finde partnere.</p>",
                        },
                        {
                            "title": "Inviter til markedsdialog",
                            "text": "<p>En markedsdialog før udbuddet hjælper jer med at skære "
                            "opgaven, så mindre leverandører kan byde – for eksempel ved at dele den "
                            "i delkontrakter.</p>",
                        },
                        {
                            "title": "Overvej en reserveret kontrakt",
                            "text": "<p>Efter udbudslovens § 20 kan I reservere en kontrakt til "
                            "virksomheder, hvor mindst 30 % af de ansatte er handicappede eller "
                            "dårligt stillede. Filtrér på <i>kan byde på reserverede kontrakter</i>.</p>",
                        },
                    ]
                },
            ),
            (
                "faq",
                {
                    "title": "Ofte stillede spørgsmål",
                    "questions": [
                        {
                            "question": "Må vi kontakte en leverandør direkte?",
                            "answer": "<p>Ja. Under tærskelværdierne kan I ofte indhente tilbud "
                            "direkte, så længe I overholder jeres egne indkøbsregler og "
                            "ligebehandlingsprincippet.</p>",
                        },
                        {
                            "question": "Hvad betyder RSV-mærket?",
                            "answer": "<p>At en redaktør har bekræftet, at virksomheden er registreret "
                            "som socialøkonomisk virksomhed hos Erhvervsstyrelsen.</p>",
                        },
                    ],
                },
            ),
        ],
    },
    "en": {
        "title": "How to buy from social enterprises",
        "intro": (
            "How you as a public buyer find the right social enterprise suppliers – and give them a "
            "real chance in your purchases."
        ),
        "body": [
            (
                "steps",
                {
                    "steps": [
                        {
                            "title": "Search the supplier list",
                            "text": "<p>Search for the service in plain words or by CPV code, and "
                            "narrow it to your municipality or region. Export the list as CSV or Excel "
                            "for your procurement file.</p>",
                        },
                        {
                            "title": "Announce the purchase early in the tender plan",
                            "text": "<p>The earlier enterprises know about an upcoming tender or "
                            "purchase, the better they can prepare and find partners.</p>",
                        },
                        {
                            "title": "Invite to market dialogue",
                            "text": "<p>A market dialogue before the tender helps you shape the task "
                            "so smaller suppliers can bid – for example by splitting it into lots.</p>",
                        },
                        {
                            "title": "Consider a reserved contract",
                            "text": "<p>Under section 20 of the Danish Public Procurement Act you can "
                            "reserve a contract for enterprises where at least 30 % of employees are "
                            "disabled or disadvantaged. Filter on <i>eligible for reserved contracts"
                            "</i>.</p>",
                        },
                    ]
                },
            ),
            (
                "faq",
                {
                    "title": "Frequently asked questions",
                    "questions": [
                        {
                            "question": "May we contact a supplier directly?",
                            "answer": "<p>Yes. Below the thresholds you can often ask for quotes "
                            "directly, as long as you follow your own procurement rules and the "
                            "principle of equal treatment.</p>",
                        },
                        {
                            "question": "What does the RSV badge mean?",
                            "answer": "<p>That an editor has confirmed the enterprise is registered as "
                            "a social enterprise with the Danish Business Authority.</p>",
                        },
                    ],
                },
            ),
        ],
    },
}

DIRECTORY = {
    "key": "directory",
    "type": "directory.DirectoryIndexPage",
    "slug": "leverandoerer",
    "parent": "home",
    "menu": True,
    "da": {
        "title": "Leverandører",
        "intro": "Søg blandt socialøkonomiske virksomheder efter ydelse, CPV-kode, område og målgruppe.",
    },
    "en": {
        "title": "Suppliers",
        "intro": "Search social enterprises by service, CPV code, area and target group.",
    },
}

TENDER_PLAN = {
    "key": "tender_plan",
    "type": "procurement.TenderPlanIndexPage",
    "slug": "udbudsplan",
    "parent": "home",
    "menu": True,
    "da": {
        "title": "Udbudsplan",
        "intro": "Kommende udbud og mindre indkøb fra offentlige indkøbere.",
        "body": [],
    },
    "en": {
        "title": "Tender plan",
        "intro": "Upcoming tenders and smaller purchases from public buyers.",
        "body": [],
    },
}

EVENTS = {
    "key": "events",
    "type": "events.EventIndexPage",
    "slug": "arrangementer",
    "parent": "home",
    "menu": True,
    "da": {
        "title": "Arrangementer",
        "intro": "Workshops og netværksmøder, hvor socialøkonomiske virksomheder og indkøbere mødes.",
    },
    "en": {
        "title": "Events",
        "intro": "Workshops and networking meetings where social enterprises and buyers meet.",
    },
}

TERMS = {
    "key": "terms",
    "type": "StandardPage",
    "slug": "vilkaar",
    "parent": "home",
    "footer": True,
    "da": {
        "title": "Vilkår for brug",
        "intro": "De vilkår, der gælder, når du opretter en konto på Socialøkonomisk.",
        "body": [
            ("heading", {"text": "Hvem kan oprette en konto", "level": "h2"}),
            (
                "paragraph",
                "<p>Socialøkonomiske virksomheder og offentlige ordregivere kan oprette en konto. "
                "En redaktør godkender hver konto, før den kan bruges.</p>",
            ),
            ("heading", {"text": "Dine oplysninger", "level": "h2"}),
            (
                "paragraph",
                "<p>Du står inde for, at det, du offentliggør, er korrekt, og at du må vise det. "
                "Redaktørerne kan rette eller fjerne indhold, der er forkert eller i strid med "
                "formålet.</p>",
            ),
            ("heading", {"text": "Ophør", "level": "h2"}),
            (
                "paragraph",
                "<p>Du kan til enhver tid tage din profil offline eller slette din konto.</p>",
            ),
        ],
    },
    "en": {
        "title": "Terms of use",
        "intro": "The terms that apply when you create an account on Socialøkonomisk.",
        "body": [
            ("heading", {"text": "Who can create an account", "level": "h2"}),
            (
                "paragraph",
                "<p>Social enterprises and public buyers can create an account. An editor approves "
                "each account before it can be used.</p>",
            ),
            ("heading", {"text": "Your information", "level": "h2"}),
            (
                "paragraph",
                "<p>You vouch that what you publish is correct and that you may show it. The "
                "editors can correct or remove content that is wrong or against the purpose.</p>",
            ),
            ("heading", {"text": "Ending", "level": "h2"}),
            (
                "paragraph",
                "<p>You can take your profile offline or delete your account at any time.</p>",
            ),
        ],
    },
}

PRIVACY = {
    "key": "privacy",
    "type": "StandardPage",
    "slug": "privatlivspolitik",
    "parent": "home",
    "footer": True,
    "da": {
        "title": "Privatlivspolitik",
        "intro": "Sådan behandler vi personoplysninger på Socialøkonomisk.",
        "body": [
            ("heading", {"text": "Dataansvarlig", "level": "h2"}),
            (
                "paragraph",
                "<p>Partnerskabet bag Socialøkonomisk er dataansvarlig. Du kan kontakte os på den "
                "e-mailadresse, der står nederst på siden.</p>",
            ),
            ("heading", {"text": "Hvad vi gemmer og hvorfor", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Brugerkonti</b>: navn, e-mail og en krypteret adgangskode, så du kan "
                "logge ind og vedligeholde din organisations oplysninger.</li><li><b>Profiler</b>: "
                "de oplysninger, virksomheden selv offentliggør, herunder en kontaktperson. "
                "Formålet er at gøre virksomheden synlig for indkøbere.</li><li><b>"
                "Interessetilkendegivelser</b>: hvem der har vist interesse for et indkøb. De ses kun "
                "af virksomheden selv, indkøberen og redaktørerne.</li><li><b>Tilmeldinger</b> til "
                "arrangementer: navn, e-mail, organisation og eventuelle behov, så vi kan afholde "
                "arrangementet. Linket i bekræftelsesmailen viser, hvad vi har gemt om dig, og "
                "der kan du også afmelde dig. "
                f"{settings.REGISTRATION_RETENTION_DAYS} dage efter arrangementet sletter vi navn, "
                "e-mail, organisation og behov; vi gemmer kun antallet af deltagere.</li><li><b>"
                "Logfiler</b>: tekniske oplysninger, som er nødvendige for "
                "drift og sikkerhed, slettes efter 30 dage.</li></ul>",
            ),
            ("heading", {"text": "Cookies", "level": "h2"}),
            (
                "paragraph",
                "<p>Vi bruger kun de cookies, der er nødvendige for, at siden virker (login og "
                "sikkerhed). Vi bruger ingen statistik-, reklame- eller sporingscookies og henter "
                "intet fra tredjeparter.</p>",
            ),
            ("heading", {"text": "Dine rettigheder", "level": "h2"}),
            (
                "paragraph",
                "<p>Du har ret til indsigt, berigtigelse, sletning og dataportabilitet. Som bruger "
                "kan du selv hente dine data, tage profilen offline og slette din konto. Du kan "
                "klage til Datatilsynet.</p>",
            ),
        ],
    },
    "en": {
        "title": "Privacy policy",
        "intro": "How we process personal data on Socialøkonomisk.",
        "body": [
            ("heading", {"text": "Data controller", "level": "h2"}),
            (
                "paragraph",
                "<p>The partnership behind Socialøkonomisk is the data controller. You can contact us "
                "at the e-mail address at the bottom of the page.</p>",
            ),
            ("heading", {"text": "What we store and why", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>User accounts</b>: name, e-mail and an encrypted password, so you can log "
                "in and maintain your organisation's information.</li><li><b>Profiles</b>: the "
                "information the enterprise itself publishes, including a contact person. The purpose "
                "is to make the enterprise visible to buyers.</li><li><b>Expressions of interest</b>: "
                "who has expressed interest in a purchase. Only the enterprise itself, the buyer and "
                "the editors see them.</li><li><b>Event registrations</b>: name, e-mail, "
                "organisation and any needs, so we can hold the event. The link in the confirmation "
                "e-mail shows what we store about you, and you can cancel your registration there. "
                f"{settings.REGISTRATION_RETENTION_DAYS} days after the event we delete the name, "
                "e-mail, organisation and needs; we keep only the number of participants."
                "</li><li><b>Log files</b>: "
                "technical information needed for operation and security, deleted after 30 days."
                "</li></ul>",
            ),
            ("heading", {"text": "Cookies", "level": "h2"}),
            (
                "paragraph",
                "<p>We only use the cookies needed for the site to work (login and security). We use "
                "no statistics, advertising or tracking cookies and load nothing from third parties."
                "</p>",
            ),
            ("heading", {"text": "Your rights", "level": "h2"}),
            (
                "paragraph",
                "<p>You have the right of access, rectification, erasure and data portability. As a "
                "user you can download your data, take your profile offline and delete your account "
                "yourself. You can complain to the Danish Data Protection Agency (Datatilsynet).</p>",
            ),
        ],
    },
}

ACCESSIBILITY = {
    "key": "accessibility",
    "type": "StandardPage",
    "slug": "tilgaengelighedserklaering",
    "parent": "home",
    "footer": True,
    "da": {
        "title": "Tilgængelighedserklæring",
        "intro": "Vi vil gerne have, at alle kan bruge Socialøkonomisk.",
        "body": [
            (
                "paragraph",
                "<p>Siden er bygget efter WCAG 2.1 niveau AA og Det Fælles Designsystem. Den kan bruges "
                "med tastatur alene og med skærmlæser, virker uden JavaScript, og vi tester hver side "
                "automatisk med axe-core.</p>",
            ),
            ("heading", {"text": "Kendte begrænsninger", "level": "h2"}),
            (
                "paragraph",
                "<p>Dokumenter, som indkøbere og virksomheder selv uploader, er ikke altid "
                "tilgængelige. Kontakt os, hvis du har brug for et dokument i en anden form.</p>",
            ),
            ("heading", {"text": "Giv os besked", "level": "h2"}),
            (
                "paragraph",
                "<p>Oplever du problemer med tilgængeligheden, så skriv til os på e-mailadressen "
                "nederst på siden. Du kan også klage til Digitaliseringsstyrelsen.</p>",
            ),
        ],
    },
    "en": {
        "title": "Accessibility statement",
        "intro": "We want everyone to be able to use Socialøkonomisk.",
        "body": [
            (
                "paragraph",
                "<p>The site is built to WCAG 2.1 level AA and Det Fælles Designsystem. It can be used "
                "with a keyboard alone and with a screen reader, works without JavaScript, and we test "
                "every page automatically with axe-core.</p>",
            ),
            ("heading", {"text": "Known limitations", "level": "h2"}),
            (
                "paragraph",
                "<p>Documents that buyers and enterprises upload themselves are not always accessible. "
                "Contact us if you need a document in another form.</p>",
            ),
            ("heading", {"text": "Tell us", "level": "h2"}),
            (
                "paragraph",
                "<p>If you have problems with accessibility, write to us at the e-mail address at the "
                "bottom of the page. You can also complain to the Danish Agency for Digital Government."
                "</p>",
            ),
        ],
    },
}

# Created in this order, so a page is there before a call to action links to it.
PAGES = [
    DIRECTORY,
    TENDER_PLAN,
    EVENTS,
    GUIDES,
    GUIDE_SUPPLIERS,
    GUIDE_BUYERS,
    ABOUT,
    TERMS,
    PRIVACY,
    ACCESSIBILITY,
]
