"""Names and figures of the Mission Insertion Culture's demo (seed p. 50-52, year 2017).

Partner and employer names are the public organisations the report cites; the report
gives 117 partners (46 insertion, 71 culture et arts), so the lists are completed with
plainly generic names. Which actions they took part in is invented.
"""

from maillage.insertion_culture.models import ActionKind as K
from maillage.insertion_culture.models import PartnerCategory as C

#: The report's 2017 figures the demo aims at.
PARTICIPANTS = 1141
LYON_SHARE = 0.44
PARTNERS_INSERTION = 46
PARTNERS_CULTURE = 71
#: Probability of each public flag (report: 21 % RSA, 19 % PLIE, 11 % DELD, 18 % FLE,
#: 500 of 1 141 aged 16-25, 21 % QPV, 4 % QVA).
#: PLIE: the Lyon participants with a demo PLIE parcours running in 2017 (≈ 19 % of all).
#: Rates per registration, a little under the report's shares per person (≈ 10 % of the
#: participants are registered twice, and a person counts under a public once).
PUBLIC_RATES = {"is_rsa": 0.19, "is_deld": 0.1, "is_fle": 0.17, "is_qva": 0.035}
#: Share of 16-25-year-olds among the new people of the communes (the Lyon demo people are
#: mostly older), so that about 44 % of all participants are 16-25.
COMMUNE_YOUNG_SHARE = 0.75
#: Share of QPV residents among the new people of the communes (the reference list holds
#: Lyon's QPVs only, so it is a flag at registration): with the Lyon residents' ≈ 31 %,
#: about 21 % overall.
COMMUNE_QPV_SHARE = 0.13
#: The 12 communes of the Métropole outside Lyon named by the report, postcode and weight.
COMMUNES = {
    "Villeurbanne": ("69100", 22),
    "Vénissieux": ("69200", 16),
    "Vaulx-en-Velin": ("69120", 15),
    "Saint-Fons": ("69190", 8),
    "Rillieux-la-Pape": ("69140", 8),
    "Givors": ("69700", 8),
    "Saint-Priest": ("69800", 7),
    "Bron": ("69500", 6),
    "Oullins": ("69600", 4),
    "Mions": ("69780", 3),
    "Feyzin": ("69320", 2),
    "Tassin-la-Demi-Lune": ("69160", 1),
}

INSERTION_PARTNERS = (
    ("MIRLY Solidarité", C.ASSOCIATION, "Lyon"),
    ("IFRA", C.TRAINING, "Lyon"),
    ("Tremplin ANEPA", C.ASSOCIATION, "Lyon"),
    ("CEFI Givors", C.TRAINING, "Givors"),
    ("Espace créateur de solidarité", C.ASSOCIATION, "Saint-Fons"),
    ("O'Totem — PIF", C.ASSOCIATION, "Rillieux-la-Pape"),
    ("Mission Locale de Lyon", C.MISSION_LOCALE, "Lyon"),
    ("Mission Locale de Vaulx-en-Velin", C.MISSION_LOCALE, "Vaulx-en-Velin"),
    ("Mission Locale de Vénissieux", C.MISSION_LOCALE, "Vénissieux"),
    ("Mission Locale de Villeurbanne", C.MISSION_LOCALE, "Villeurbanne"),
    ("Maison de la Métropole Lyon 3e/6e", C.SOCIAL_SERVICE, "Lyon"),
    ("Maison de la Métropole de Vaulx-en-Velin", C.SOCIAL_SERVICE, "Vaulx-en-Velin"),
    ("UFCS", C.TRAINING, "Lyon"),
    ("ALIS", C.PLIE, "Lyon"),
    ("Sauvegarde69", C.ASSOCIATION, "Lyon"),
    ("SAFORE", C.TRAINING, "Lyon"),
    ("ALPES-MEDIALYS", C.TRAINING, "Lyon"),
    ("Côté Projets", C.SIAE, "Lyon"),
    ("ECS Saint-Fons", C.ASSOCIATION, "Saint-Fons"),
    ("Elantiel", C.PLIE, "Lyon"),
    ("CIDFF du Rhône", C.PLIE, "Lyon"),
    ("ESTIME", C.TRAINING, "Lyon"),
    ("ACI ICARE-ITEM", C.SIAE, "Lyon"),
    ("Forum Réfugiés — Garantie Jeunes", C.ASSOCIATION, "Villeurbanne"),
)
CULTURE_PARTNERS = (
    ("Opéra de Lyon", C.MUSIC),
    ("Les Enfants du Rhône", C.MEDIA),
    ("SAVL — archéologie", C.HERITAGE),
    ("Compagnie Traversant3", C.THEATRE),
    ("Théâtre de l'Iris", C.THEATRE),
    ("Les Asphodèles", C.THEATRE),
    ("Théâtre de la Croix-Rousse", C.THEATRE),
    ("Théâtre de la Renaissance", C.THEATRE),
    ("Compagnie nomade in France", C.THEATRE),
    ("Festival Sens Interdit", C.FESTIVAL),
    ("Archives municipales de Lyon", C.HERITAGE),
    ("Archives métropolitaines", C.HERITAGE),
    ("ENSBA Lyon", C.VISUAL_ARTS),
    ("Musée de l'imprimerie et de la communication graphique", C.MUSEUM),
    ("Compagnie Hallet Eghayan", C.DANCE),
    ("CRA.P — poésie sonore", C.BOOKS),
    ("Musée des Confluences", C.MUSEUM),
    ("MEDIATONE", C.MUSIC),
    ("Le Transbordeur", C.MUSIC),
    ("Le Rize", C.HERITAGE),
    ("Arty Farty — Nuits sonores", C.FESTIVAL),
    ("Festival Lumière", C.CINEMA),
    ("Musée des Beaux-Arts de Lyon", C.MUSEUM),
    ("Musées Gadagne", C.MUSEUM),
    ("Nuits de Fourvière", C.FESTIVAL),
    ("Auditorium — Orchestre national de Lyon", C.MUSIC),
    ("TNP Villeurbanne", C.THEATRE),
    ("Théâtre des Célestins", C.THEATRE),
    ("Maison de la Danse", C.DANCE),
    ("CCO Villeurbanne", C.CULTURAL_OTHER),
    ("Bibliothèque municipale de Lyon", C.BOOKS),
)
#: Generic names completing the lists to the report's counts.
GENERIC_CULTURE = (
    (C.THEATRE, "Compagnie de théâtre"),
    (C.MUSIC, "Salle de musiques actuelles"),
    (C.MUSEUM, "Musée"),
    (C.VISUAL_ARTS, "Atelier d'artistes"),
    (C.BOOKS, "Médiathèque"),
    (C.CINEMA, "Cinéma de quartier"),
    (C.DANCE, "Compagnie de danse"),
    (C.FESTIVAL, "Festival"),
    (C.HERITAGE, "Site patrimonial"),
)
GENERIC_INSERTION = (
    (C.ASSOCIATION, "Centre social"),
    (C.SOCIAL_SERVICE, "Maison de la Métropole"),
    (C.SIAE, "Atelier et chantier d'insertion"),
    (C.TRAINING, "Organisme de formation linguistique"),
)

#: Action templates: (kind, title, sessions (min, max), participants (min, max)).
ACTIONS = (
    (K.VISIT, "Visite de l'Opéra de Lyon", (1, 1), (10, 20)),
    (K.RADIO_WORKSHOP, "Web radio « Culture où es-tu ? »", (8, 12), (8, 14)),
    (K.THEATRE_WORKSHOP, "Théâtre en Je", (8, 12), (10, 16)),
    (K.THEATRE_WORKSHOP, "Entrez dans le jeu", (6, 10), (8, 14)),
    (K.THEATRE_WORKSHOP, "Français du futur", (6, 10), (10, 16)),
    (K.WRITING_WORKSHOP, "Jeunes reporters — Festival Sens Interdit", (4, 8), (8, 12)),
    (K.DOCUMENTARY, "Recherches documentaires aux archives", (3, 5), (6, 12)),
    (K.VISUAL_ARTS_WORKSHOP, "Atelier arts plastiques", (4, 8), (8, 14)),
    (K.VISUAL_ARTS_WORKSHOP, "Sérigraphie et typographie", (3, 6), (8, 12)),
    (K.DANCE_WORKSHOP, "Atelier danse", (4, 8), (8, 16)),
    (K.WRITING_WORKSHOP, "Poésie sonore", (3, 6), (6, 12)),
    (K.MUSIC_WORKSHOP, "Le duo des métiers — projet Opéra", (4, 8), (10, 16)),
    (K.CAFE_CULTURE, "Café culture", (2, 4), (12, 30)),
    (K.OUTINGS, "Parcours de sorties culturelles", (6, 10), (10, 20)),
    (K.URBAN_WALK, "Balade urbaine", (1, 2), (10, 25)),
    (K.SPECTATOR_SCHOOL, "École du spectateur", (4, 8), (10, 18)),
    (K.ARTIST_MEETING, "Rencontre avec une équipe artistique", (1, 2), (12, 30)),
    (K.VISIT, "Visite du Musée des Confluences", (1, 1), (10, 25)),
)
SESSION_PLACES = (
    "Opéra de Lyon",
    "Théâtre de l'Iris",
    "Les Asphodèles",
    "Musée des Confluences",
    "Le Rize",
    "Archives municipales",
    "Locaux du partenaire",
    "Maison de la Métropole",
)

#: The HR side in 2017 (seed p. 52): employer actions and results for people.
HR_ACTIONS = {"prospect": 41, "hr_advice": 15, "job_discovery": 6, "job_offer": 26}
HR_OUTCOMES = {
    "interview": 15,
    "sponsorship": 3,
    "internship": 27,
    "training": 4,
    "placement": 23,
}
EMPLOYERS = (
    "Musée des Beaux-Arts de Lyon",
    "Musées Gadagne",
    "Nuits de Fourvière",
    "Arty Farty",
    "Nuits Sonores",
    "Auditorium — Orchestre national de Lyon",
    "Les Enfants du Rhône",
    "Compagnie Hallet Eghayan",
    "TNP Villeurbanne",
    "Compagnie ACTE",
    "VEDUTA",
    "Théâtre des Célestins",
    "XLR Project",
    "Maison de la Danse",
    "CCO Villeurbanne",
    "Festival Lumière",
    "Fête des Lumières",
    "MEDIATONE",
    "OFF Prod — Reperkusound",
    "Le Transbordeur",
    "Le Rize",
    "Théâtre de l'Iris",
    "Rémy Ledudal, costumier",
    "SAVL",
    "Opéra de Lyon",
    "ENSBA Lyon",
)
EMPLOYERS_TOTAL = 45
JOB_TITLES = (
    "Agent d'accueil",
    "Agent de billetterie",
    "Technicien du spectacle",
    "Médiateur culturel",
    "Agent de sécurité événementielle",
    "Habilleuse",
    "Assistant de production",
)
