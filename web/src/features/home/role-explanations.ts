import type { Role } from '@klachtpad/contracts';

/**
 * What each role will be able to do in Klachtpad, in plain words. Cases arrive in a later
 * release; until then the home page explains instead of showing placeholders.
 */
export const ROLE_EXPLANATIONS: Record<Role, string> = {
  client:
    'U kunt hier straks een klacht indienen en volgen wat ermee gebeurt: berichten, brieven, besluiten en de termijnen die gelden. U bepaalt zelf of een vertrouwenspersoon meekijkt, en u kunt zien wie uw dossier heeft bekeken.',
  confidant:
    'U kunt hier straks de klachten volgen van cliënten die u daarvoor toestemming geven, zolang die toestemming geldt. U ziet wat de cliënt ziet, nooit interne notities, en u doet alleen wat de cliënt u toestaat.',
  handler:
    'U kunt hier straks de klachten behandelen die aan u zijn toegewezen: gesprekken plannen, verslagen maken, bemiddelen en een uitkomst voorstellen, binnen de termijnen van de klachtenregeling.',
  manager:
    'U kunt hier straks klachten aan behandelaars toewijzen, besluiten nemen in de fase die bij u ligt, en afgesproken maatregelen vastleggen en opvolgen. U ziet ook het geanonimiseerde klachtenregister.',
  director:
    'U kunt hier straks besluiten nemen over klachten die bij de directie liggen, de klachtenregeling en de medewerkers van uw organisatie beheren, en nagaan wie welke dossiers heeft ingezien.',
  commission:
    'U kunt hier straks de klachten behandelen die naar de commissie zijn doorverwezen: informatie opvragen, hoorzittingen houden en per klachtonderdeel een oordeel of advies vastleggen.',
};
