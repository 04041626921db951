"""Demo tender plan: buyers, 40 purchases over the next 18 months, a buyer login, interest."""

import datetime

from stdnum.dk import cvr as cvr_number

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.groups import BUYERS
from accounts.models import Account
from directory.models import CpvCode, SupplierProfile

from .models import BuyerOrganisation, InterestExpression, TenderPlanEntry
from .queries import add_months

DEMO_BUYER = ("indkoeb@aarhus.example", "Mette Indkøber", "demo-koeber-1234")
STATE_BODIES = [
    ("Statens og Kommunernes Indkøbsservice", BuyerOrganisation.Kind.STATE),
    ("Bygningsstyrelsen", BuyerOrganisation.Kind.STATE),
    ("Kriminalforsorgen", BuyerOrganisation.Kind.STATE),
]
EU, NATIONAL, SMALL, DIRECT, DIALOGUE = (
    "eu_tender",
    "national_tender",
    "below_threshold",
    "direct_award",
    "market_dialogue",
)
WS = "res-ws"

# (buyer, title, summary, procedure, reservation, CPV codes, months ahead, DKK from, DKK to,
#  contract months)
ENTRIES = [
    (
        "Aarhus Kommune",
        "Rengøring af 14 daginstitutioner",
        "Daglig rengøring af børnehaver og vuggestuer i Aarhus Vest, opdelt i tre delaftaler.",
        EU,
        "none",
        ["90911200"],
        2,
        4_000_000,
        6_500_000,
        48,
    ),
    (
        "Aarhus Kommune",
        "Forplejning til byrådets møder",
        "Frokost og mødeforplejning til byråd og udvalg, ca. 60 møder om året.",
        SMALL,
        WS,
        ["55520000"],
        1,
        150_000,
        250_000,
        24,
    ),
    (
        "Aarhus Kommune",
        "Markedsdialog om socialøkonomisk kantinedrift",
        "Vi vil gerne høre fra virksomheder, der kan drive kantine med udsatte ledige.",
        DIALOGUE,
        "none",
        ["55512000"],
        0,
        None,
        None,
        None,
    ),
    (
        "Københavns Kommune",
        "Grøn pleje af parker på Nørrebro",
        "Græsslåning, beskæring og renhold i otte parker og pladser.",
        EU,
        "none",
        ["77310000", "77314000"],
        4,
        6_000_000,
        9_000_000,
        36,
    ),
    (
        "Københavns Kommune",
        "Istandsættelse af brugte pc'er til skoler",
        "Klargøring, datasletning og reparation af ca. 2.000 brugte computere om året.",
        NATIONAL,
        WS,
        ["50320000", "30213000"],
        3,
        800_000,
        1_500_000,
        24,
    ),
    (
        "Københavns Kommune",
        "Tryk af foldere og plakater",
        "Mindre tryksager til kultur- og fritidsforvaltningen.",
        SMALL,
        "none",
        ["79810000"],
        1,
        80_000,
        150_000,
        12,
    ),
    (
        "Odense Kommune",
        "Kantinedrift på rådhuset",
        "Drift af kantine for ca. 400 medarbejdere, gerne med praktikpladser.",
        EU,
        "none",
        ["55512000"],
        6,
        5_000_000,
        7_000_000,
        48,
    ),
    (
        "Odense Kommune",
        "Catering til ungdomsarrangementer",
        "Sund mad til 10–15 arrangementer om året for unge.",
        SMALL,
        WS,
        ["55520000", "79952000"],
        2,
        60_000,
        120_000,
        12,
    ),
    (
        "Aalborg Kommune",
        "Tekstilservice til plejehjem",
        "Vask og leje af linned og arbejdstøj til 12 plejehjem.",
        EU,
        "none",
        ["98310000", "18110000"],
        8,
        10_000_000,
        14_000_000,
        48,
    ),
    (
        "Aalborg Kommune",
        "Vedligehold af grønne arealer ved skoler",
        "Pleje af skolegårde og boldbaner i Aalborg Øst.",
        NATIONAL,
        "none",
        ["77314000"],
        5,
        1_200_000,
        2_000_000,
        36,
    ),
    (
        "Esbjerg Kommune",
        "Rengøring af kontorer i Rådhuset",
        "Rengøring af ca. 9.000 m² kontorer.",
        EU,
        "none",
        ["90919200"],
        9,
        3_500_000,
        5_000_000,
        48,
    ),
    (
        "Esbjerg Kommune",
        "Genbrug og reparation af møbler",
        "Opsamling, reparation og genudlevering af kontormøbler.",
        SMALL,
        WS,
        ["50850000"],
        3,
        200_000,
        400_000,
        24,
    ),
    (
        "Vejle Kommune",
        "Skolemad på fem skoler",
        "Produktion og levering af sund skolemad, gerne med elevinddragelse.",
        NATIONAL,
        "none",
        ["55523100"],
        7,
        2_000_000,
        2_800_000,
        36,
    ),
    (
        "Vejle Kommune",
        "Forplejning til borgermøder",
        "Kaffe, kage og let forplejning til borgermøder.",
        SMALL,
        "none",
        ["55520000"],
        1,
        None,
        90_000,
        12,
    ),
    (
        "Randers Kommune",
        "Pleje af kirkegårde og stier",
        "Beskæring, lugning og renhold på tre kirkegårde.",
        NATIONAL,
        WS,
        ["77310000"],
        4,
        900_000,
        1_400_000,
        36,
    ),
    (
        "Horsens Kommune",
        "Trykning af valgmateriale",
        "Trykning af valgkort og vejledninger.",
        SMALL,
        "none",
        ["79800000"],
        10,
        100_000,
        180_000,
        6,
    ),
    (
        "Kolding Kommune",
        "Markedsdialog om klargøring af it-udstyr",
        "Vi undersøger, om socialøkonomiske virksomheder kan klargøre og genbruge it-udstyr.",
        DIALOGUE,
        "none",
        ["50320000"],
        2,
        None,
        None,
        None,
    ),
    (
        "Silkeborg Kommune",
        "Rengøring af idrætshaller",
        "Rengøring af seks idrætshaller og omklædningsrum.",
        EU,
        "none",
        ["90911200"],
        11,
        3_000_000,
        4_500_000,
        48,
    ),
    (
        "Herning Kommune",
        "Vinduespolering på kommunale bygninger",
        "Vinduespolering 4 gange om året på 30 adresser.",
        SMALL,
        WS,
        ["90910000"],
        5,
        250_000,
        450_000,
        24,
    ),
    (
        "Roskilde Kommune",
        "Café i kulturhuset",
        "Drift af café med beskæftigelse af borgere på særlige vilkår.",
        DIRECT,
        WS,
        ["55511000"],
        3,
        300_000,
        600_000,
        36,
    ),
    (
        "Næstved Kommune",
        "Vedligehold af udearealer ved boliger",
        "Græsslåning og snerydning ved almene boliger.",
        NATIONAL,
        "none",
        ["77314000"],
        8,
        1_500_000,
        2_200_000,
        36,
    ),
    (
        "Slagelse Kommune",
        "Tekstilservice til daginstitutioner",
        "Vask af håndklæder, klude og sengetøj.",
        NATIONAL,
        "none",
        ["98310000"],
        12,
        900_000,
        1_300_000,
        36,
    ),
    (
        "Holbæk Kommune",
        "Catering til personaledage",
        "Mad og drikke til to årlige personaledage for 600 deltagere.",
        SMALL,
        "none",
        ["55520000"],
        6,
        150_000,
        200_000,
        12,
    ),
    (
        "Frederiksberg Kommune",
        "Istandsættelse af cykler til plejecentre",
        "Vedligehold af cykler og trehjulede cykler.",
        SMALL,
        WS,
        ["50850000"],
        2,
        70_000,
        120_000,
        24,
    ),
    (
        "Gladsaxe Kommune",
        "Rengøring af skoler",
        "Rengøring af fire folkeskoler, opdelt i to delaftaler.",
        EU,
        "none",
        ["90911200"],
        14,
        6_000_000,
        8_000_000,
        48,
    ),
    (
        "Hillerød Kommune",
        "Grafittifjernelse",
        "Fjernelse af grafitti fra kommunale bygninger efter behov.",
        SMALL,
        "none",
        ["90690000"],
        4,
        100_000,
        250_000,
        24,
    ),
    (
        "Helsingør Kommune",
        "Kantine på jobcentret",
        "Drift af kantine som led i beskæftigelsesindsatsen.",
        DIRECT,
        WS,
        ["55512000"],
        7,
        400_000,
        700_000,
        24,
    ),
    (
        "Sønderborg Kommune",
        "Tryk af kulturprogrammer",
        "Kvartalsvise programmer for kulturhusene.",
        SMALL,
        "none",
        ["79810000"],
        9,
        120_000,
        200_000,
        24,
    ),
    (
        "Svendborg Kommune",
        "Pleje af havnens grønne områder",
        "Pleje af beplantning langs havnefronten.",
        SMALL,
        "none",
        ["77310000"],
        13,
        300_000,
        450_000,
        24,
    ),
    (
        "Viborg Kommune",
        "Skolemad - markedsdialog",
        "Dialog om skolemadsordning med lokale producenter.",
        DIALOGUE,
        "none",
        ["55523100"],
        15,
        None,
        None,
        None,
    ),
    (
        "Region Midtjylland",
        "Tekstilservice til hospitaler",
        "Vask og leje af hospitalstekstiler til regionens hospitaler.",
        EU,
        "none",
        ["98310000", "18110000"],
        16,
        40_000_000,
        55_000_000,
        48,
    ),
    (
        "Region Midtjylland",
        "Forplejning til patientforeninger",
        "Forplejning ved arrangementer for patientforeninger.",
        SMALL,
        WS,
        ["55520000"],
        3,
        100_000,
        200_000,
        24,
    ),
    (
        "Region Hovedstaden",
        "Genbrug af it-udstyr",
        "Datasletning, istandsættelse og videresalg af brugt it.",
        EU,
        "none",
        ["50320000", "30200000"],
        10,
        8_000_000,
        12_000_000,
        48,
    ),
    (
        "Region Hovedstaden",
        "Grøn vedligeholdelse på hospitalsgrunde",
        "Pleje af udearealer ved fire hospitaler.",
        EU,
        "none",
        ["77310000"],
        17,
        12_000_000,
        18_000_000,
        48,
    ),
    (
        "Region Syddanmark",
        "Kantinedrift på psykiatrisk afdeling",
        "Drift af kantine med beskæftigelse af patienter i udslusning.",
        NATIONAL,
        WS,
        ["55512000"],
        5,
        1_500_000,
        2_500_000,
        36,
    ),
    (
        "Statens og Kommunernes Indkøbsservice",
        "Rammeaftale om rengøringsmidler",
        "Fælles rammeaftale om miljømærkede rengøringsmidler.",
        EU,
        "none",
        ["39830000"],
        12,
        80_000_000,
        120_000_000,
        48,
    ),
    (
        "Bygningsstyrelsen",
        "Rengøring af statslige kontorer i Jylland",
        "Rengøring af 20 statslige adresser.",
        EU,
        "none",
        ["90919200"],
        18,
        20_000_000,
        30_000_000,
        48,
    ),
    (
        "Bygningsstyrelsen",
        "Markedsdialog om sociale klausuler",
        "Dialog om praktik- og beskæftigelsesklausuler i serviceopgaver.",
        DIALOGUE,
        "none",
        ["98300000"],
        1,
        None,
        None,
        None,
    ),
    (
        "Kriminalforsorgen",
        "Tryk af informationsmateriale",
        "Trykning af pjecer på flere sprog.",
        SMALL,
        "none",
        ["79810000", "79530000"],
        4,
        90_000,
        160_000,
        24,
    ),
    (
        "Kriminalforsorgen",
        "Arbejdstøj til værksteder",
        "Levering af arbejdstøj til fængslernes værksteder.",
        NATIONAL,
        WS,
        ["18110000"],
        8,
        500_000,
        900_000,
        36,
    ),
]
# Entries taking interest for only a short while, and some finished ones for the archive.
DEADLINE_DAYS = {"Forplejning til byrådets møder": 21, "Catering til ungdomsarrangementer": 30}
FINISHED = {
    "Tryk af foldere og plakater": "awarded",
    "Forplejning til borgermøder": "cancelled",
}


def _organisations(stdout):
    for name, kind in STATE_BODIES:
        BuyerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})
    names = {entry[0] for entry in ENTRIES}
    organisations = {o.name: o for o in BuyerOrganisation.objects.filter(name__in=names)}
    missing = names - set(organisations)
    if missing:
        stdout.write(f"Tender plan: buyer organisations not found, skipped: {sorted(missing)}")
    for organisation in sorted(organisations.values(), key=lambda o: o.pk):
        if not organisation.cvr:
            organisation.cvr = demo_cvr(organisation.pk)
            organisation.save(update_fields=["cvr"])
    return organisations


def demo_cvr(seed):
    """A made-up CVR number in the real format (valid modulus-11 check digit), not yet used by
    a buyer or a profile, derived from ``seed`` so reloading the demo gives the same numbers."""
    taken = set(BuyerOrganisation.objects.exclude(cvr="").values_list("cvr", flat=True))
    taken |= set(SupplierProfile.objects.values_list("cvr", flat=True))
    for base in range(4_100_000 + seed * 10, 10_000_000):
        for digit in range(10):
            number = f"{base}{digit}"
            if cvr_number.is_valid(number) and number not in taken:
                return number
    raise ValueError("no free demo CVR number")


def _buyer(organisation):
    email, full_name, password = DEMO_BUYER
    User = get_user_model()
    user = User.objects.filter(username=email).first()
    if user is None:
        first, _space, last = full_name.partition(" ")
        user = User.objects.create_user(
            username=email, email=email, password=password, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=BUYERS))
        Account.objects.create(
            user=user,
            kind=Account.Kind.BUYER,
            organisation_name=organisation.name,
            status=Account.Status.APPROVED,
            email_confirmed_at=timezone.now(),
            decided_at=timezone.now(),
        )
    organisation.members.add(user)
    return user


def _entry(spec, organisation, cpv, today, user):
    (_buyer_name, title, summary, procedure, reservation, codes, months, low, high, duration) = spec
    if TenderPlanEntry.objects.filter(organisation=organisation, title=title).exists():
        return None
    publication = add_months(today, months)
    entry = TenderPlanEntry(
        organisation=organisation,
        title=title,
        summary=summary,
        description=f"<p>{summary}</p><p>Kontakt os gerne, hvis I har spørgsmål til opgaven.</p>",
        procedure=procedure,
        reservation=reservation,
        social_clauses=(
            "Leverandøren skal tilbyde mindst én praktikplads til en borger på kanten af "
            "arbejdsmarkedet."
            if reservation == "none" and procedure in (EU, NATIONAL)
            else ""
        ),
        value_min=low,
        value_max=high,
        expected_publication=publication,
        contract_start=add_months(publication, 3) if duration else None,
        contract_duration_months=duration,
        interest_deadline=today
        + datetime.timedelta(days=DEADLINE_DAYS.get(title, 45 + 20 * months)),
        contact_name="Indkøbsafdelingen",
        contact_email=f"indkoeb@{organisation.pk}.example",
    )
    entry.cpv_codes = [cpv[code] for code in codes if code in cpv]
    entry.save()
    entry.save_revision(user=user, log_action=True).publish(user=user)
    if title in FINISHED:  # announced first, then awarded or cancelled: a history in OCDS
        entry.status = FINISHED[title]
        entry.save_revision(user=user, log_action=True).publish(user=user)
    return entry


def _interests(entries, stdout):
    profiles = list(SupplierProfile.objects.live().order_by("name")[:4])
    if not profiles:
        stdout.write("Tender plan: no live supplier profiles yet, so no demo interest.")
        return 0
    roles = ["main_supplier", "consortium_partner", "subcontractor", "consortium_partner"]
    created = 0
    for entry in entries[:3]:
        for index, profile in enumerate(profiles):
            _interest, new = InterestExpression.objects.get_or_create(
                entry=entry,
                supplier=profile,
                defaults={
                    "user": profile.owners.first(),
                    "role": roles[index % len(roles)],
                    "message": "Vi har erfaring med lignende opgaver og vil gerne høre mere.",
                    "visible_to_others": index != 2,
                },
            )
            created += new
    return created


def load_demo_tender_plan(pages, stdout):
    organisations = _organisations(stdout)
    today = timezone.localdate()
    cpv = CpvCode.objects.in_bulk({code for spec in ENTRIES for code in spec[5]})
    buyer = _buyer(organisations["Aarhus Kommune"]) if "Aarhus Kommune" in organisations else None
    created = 0
    for spec in ENTRIES:
        if spec[0] in organisations and _entry(spec, organisations[spec[0]], cpv, today, buyer):
            created += 1
    open_entries = list(
        TenderPlanEntry.objects.live()
        .filter(title__in=[spec[1] for spec in ENTRIES[:3] + ENTRIES[7:8]], status="planned")
        .order_by("pk")
    )
    interests = _interests(open_entries, stdout)
    buyers = len({spec[0] for spec in ENTRIES})
    stdout.write(
        f"Tender plan: {created} new entries for {buyers} buyer organisations, "
        f"{interests} new expressions of interest."
    )
    if buyer:
        stdout.write(
            f"Demo buyer login at /admin/: {DEMO_BUYER[0]} / {DEMO_BUYER[2]} (Aarhus Kommune)"
        )
