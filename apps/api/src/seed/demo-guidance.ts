import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { guidancePages } from '../modules/guidance/guidance.table'
import { organisations } from '../modules/organisations/organisations.table'
import { users } from '../modules/users/users.table'

const DAY = 86_400_000

/**
 * The pocket guide for civil servants ("zakboek voor ambtenaren"): how to take the right role towards
 * social entrepreneurs. Drawn from Social Enterprise NL's pocket guide and the PwC recommendations.
 */
export const ZAKBOEK_MARKDOWN = `Sociaal ondernemers dragen bij aan maatschappelijke opgaven van de gemeente: werk voor mensen met een afstand tot de arbeidsmarkt, minder eenzaamheid, een schonere stad. Dit zakboek helpt u als ambtenaar van Voorbeeldstad om de rol te kiezen die het beste past — en om ondernemers niet van het kastje naar de muur te sturen.

## De vier rollen van de gemeente

De gemeente is maar één van de spelers in het speelveld, maar kan wel een actieve rol pakken. Bepaal per vraag welke rol u speelt:

1. **Verbinder** — u creëert draagvlak, bestuurlijk en ambtelijk, en legt verbindingen met andere ondernemers, financiers en onderwijsinstellingen.
2. **Regisseur van ruimte** — via subsidie, regelgeving of experimenteerruimte maakt u het mogelijk dat een sociaal ondernemer iets nieuws probeert.
3. **Inkoper en opdrachtgever** — de gemeente koopt producten en diensten in, ook bij sociaal ondernemers.
4. **Partner in werk** — de gemeente levert (tijdelijke) medewerkers vanuit de Participatiewet of de Wmo en ondersteunt hen met bijvoorbeeld loonkostensubsidie en jobcoaching.

### Welke rol past?

- Vraagt de ondernemer om **contacten of steun**? Dan bent u verbinder.
- Loopt de ondernemer aan tegen **regels of geld**? Dan gaat het om de rol van regisseur van ruimte.
- Wil de ondernemer **leverancier** worden? Verwijs naar Team Inkoop.
- Gaat het om **mensen in dienst nemen**? Verwijs naar het Werkgeversservicepunt.

## Inkopen met maatschappelijke waarde

Inkoop is een van de sterkste instrumenten om sociaal ondernemerschap te stimuleren. U hebt twee middelen:

### Voorbehouden opdrachten (artikel 2.82 Aanbestedingswet 2012)

Met artikel 2.82 kunt u een opdracht voorbehouden aan ondernemingen waarvan **ten minste dertig procent van de medewerkers** een afstand tot de arbeidsmarkt heeft. Dit artikel wordt nog te weinig gebruikt. Overleg vóór de aanbesteding met Team Inkoop of een opdracht geschikt is.

### Social return

Bij opdrachten zonder voorbehoud kunt u **social return** vragen: een deel van de opdrachtwaarde wordt besteed aan werk, stages of leerplekken voor mensen met een afstand tot de arbeidsmarkt. Leg vooraf vast hoe de opdrachtnemer dit meet en rapporteert.

## Effectief accountmanagement

Sociaal ondernemers ervaren de gemeente vaak als complex. Zorg daarom voor:

- **één vast aanspreekpunt**: de accountmanager sociaal ondernemen, die de ondernemer de weg wijst in het hele huis;
- een korte lijn met inkoop, het sociaal domein en economische zaken;
- terugkoppeling binnen afgesproken termijnen, ook als het antwoord “nee” is.

## Een opgave als challenge in de markt zetten

Hebt u een maatschappelijke opgave waarvan u de oplossing nog niet kent? Zet haar dan als challenge op dit platform. U beschrijft het probleem en de gewenste uitkomst; ondernemers dragen oplossingen aan. Zie de [lopende uitdagingen](/uitdagingen).

## Zeven aanbevelingen voor duurzame samenwerking

Uit het onderzoek *Zicht op duurzame samenwerking* van Social Enterprise NL en PwC:

1. Versterk de interne organisatie: train ambtenaren in sociaal ondernemen.
2. Betrek sociaal ondernemers bij trainingen en bijeenkomsten, bijvoorbeeld met een concreet vraagstuk.
3. Sla een brug tussen portefeuillebudgetten, zodat maatschappelijk rendement in aanbestedingen meetelt.
4. Gebruik de SDG's om de beoogde impact voor beide partijen helder te maken.
5. Maak werk van artikel 2.82.
6. Breng mkb en sociale ondernemingen bij elkaar.
7. Wees creatief met financiële beperkingen: meer mensen aan het werk kan een besparing op uitkeringen opleveren.

## Meer weten

- Accountmanager sociaal ondernemen: [accountmanager@voorbeeldstad.nl](mailto:accountmanager@voorbeeldstad.nl)
- Team Inkoop: [inkoop@voorbeeldstad.nl](mailto:inkoop@voorbeeldstad.nl)
- Social Enterprise NL, de belangenorganisatie van sociaal ondernemers, publiceert het landelijke zakboek en de routekaart.
`

/** The route map for entrepreneurs ("routekaart"): the right entrance at the municipality and who to contact for what. */
export const ROUTEKAART_MARKDOWN = `Wilt u als (sociaal) ondernemer samenwerken met Gemeente Voorbeeldstad? Deze routekaart wijst u de juiste ingang, zodat u meteen bij de goede persoon uitkomt.

## Uw vaste aanspreekpunt

Begin bij de **accountmanager sociaal ondernemen**. Die kent de weg in de gemeente, denkt met u mee en brengt u in contact met de juiste collega's.

- Aisha Accountmanager, Werkgeversservicepunt
- E-mail: [accountmanager@voorbeeldstad.nl](mailto:accountmanager@voorbeeldstad.nl)
- Telefoon: [14 020](tel:14020)

## Wie benadert u waarvoor?

| Uw vraag | Contact |
| --- | --- |
| Subsidie, loonkostensubsidie, mensen in dienst nemen | Aisha Accountmanager, Werkgeversservicepunt |
| Leverancier worden, aanbestedingen, social return | Ingrid Inkoop, Team Inkoop — [inkoop@voorbeeldstad.nl](mailto:inkoop@voorbeeldstad.nl) |
| Energiearmoede, isolatie, lokale energie | Dirk Duurzaam, Programma Energietransitie — [duurzaam@voorbeeldstad.nl](mailto:duurzaam@voorbeeldstad.nl) |
| Eenzaamheid, ontmoeting, wijkteams | Wendy Welzijn, team Wijkaanpak — [+31 30 123 4567](tel:+31301234567) |

## Meedoen met een opgave

De gemeente zet maatschappelijke opgaven als challenge in de markt. Zo doet u mee:

1. Bekijk de [open uitdagingen](/uitdagingen) en volg de opgaven die bij u passen.
2. Stel uw vragen vóór de vragendeadline; de antwoorden verschijnen voor iedereen in de nota van inlichtingen.
3. Dien uw voorstel in, alleen of samen met partners. Beschrijf welke SDG-doelen u dient en hoe u de impact meet.
4. Een jury beoordeelt de voorstellen; u krijgt altijd feedback.

## Leverancier worden van de gemeente

### Voorbehouden opdrachten

Heeft ten minste **dertig procent** van uw medewerkers een afstand tot de arbeidsmarkt? Dan kunt u meedingen naar opdrachten die de gemeente voorbehoudt op grond van artikel 2.82 van de Aanbestedingswet 2012. Laat het Team Inkoop weten dat u hiervoor in aanmerking komt.

### Social return

Bij veel opdrachten vraagt de gemeente social return: u zet een deel van de opdrachtwaarde in voor werk of leerplekken voor mensen met een afstand tot de arbeidsmarkt. Als sociaal ondernemer kunt u daarin ook partner zijn van andere leveranciers.

## Mensen in dienst nemen

Via het Werkgeversservicepunt vindt u kandidaten vanuit de Participatiewet. De gemeente kan ondersteunen met loonkostensubsidie, een jobcoach of een proefplaatsing.

## Tips voor een goede samenwerking

- Maak uw impact zichtbaar met de SDG's: dan spreekt u dezelfde taal als de gemeente.
- Zoek samenwerking met het mkb; de gemeente organiseert daarvoor ontmoetingen.
- Houd er rekening mee dat een gemeente binnen vaste kaders werkt: vraag vooraf naar termijnen.
`

/**
 * Two published guidance pages of Gemeente Voorbeeldstad: the pocket guide for civil servants and the
 * route map for entrepreneurs. Skips everything when the municipality is missing.
 */
export async function seedDemoGuidance(tx: DbOrTx, { now }: { now: Date }): Promise<void> {
  const [municipality] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'voorbeeldstad'))
  if (!municipality) return
  const [author] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'beheerder@voorbeeldstad.nl'))
  const at = new Date(now.getTime() - 7 * DAY)
  const common = { municipalityId: municipality.id, language: 'nl' as const, status: 'published' as const, publishedAt: at, updatedBy: author?.id ?? null, createdAt: at, updatedAt: at }
  await tx.insert(guidancePages).values([
    {
      ...common,
      slug: 'routekaart-voor-ondernemers',
      audience: 'entrepreneurs',
      title: 'Routekaart voor ondernemers',
      summary: 'De juiste ingang bij de gemeente: uw vaste aanspreekpunt, wie u benadert voor welke vraag en hoe u meedoet met een opgave.',
      markdown: ROUTEKAART_MARKDOWN,
    },
    {
      ...common,
      slug: 'zakboek-voor-ambtenaren',
      audience: 'civil_servants',
      title: 'Zakboek voor ambtenaren',
      summary: 'Hoe u de passende rol pakt richting sociaal ondernemers: verbinder, regisseur van ruimte, inkoper of partner in werk.',
      markdown: ZAKBOEK_MARKDOWN,
    },
  ])
}
