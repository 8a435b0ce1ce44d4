// The sentences the understanding of one typed request is measured against (test/understanding/corpus.test.ts),
// read against the demo practice (data/demo.json): what each must fill, as codes and ids.
//
// Conventions for `expect` (a Partial<Understanding>):
// - `intent` is always given.
// - `companies`: company ids in the order the sentence names them; left out when none is named.
// - `person`: the colleague the request is about, however named (full name, first name, e-mail);
//   `email`: a new person's address (an invitation), never a colleague's.
// - `from`: for 'copy', the colleague whose access is copied.
// - `product`: when the sentence names it, or the role implies it (a role that exists in one product
//   only: "Documents basic" → AutoEntry). A bare "Administrator" or "Standard" exists in several
//   products: without a product named, neither `product` nor `roleId` is filled.
// - `language`: the person's preferred language when the sentence names one ("English" alone → en-GB,
//   "français" alone → fr-FR).
// - `since` is never given here: it depends on today's date.
// - `ambiguous`: a part that matches more than one thing equally ("Dupont" is in "Boulangerie Dupont SARL"
//   and in "Dupont Frères"); the field itself is then left out, everything else the sentence names kept.
//   No two colleagues share a first name or a surname, so only companies are ambiguous in this practice.
//
// The demo practice, for reading the sentences: Claire Martin (Business Owner: her Client Management
// role is never changed here), Julien Moreau, Sophie Bernard, Camille Leroy, Thomas Petit, Emma Wilson,
// Amélie Fontaine, James Carter, Olivia Tremblay, Lucas Girard (invited). Every company has Client
// Management and AutoEntry but Pharmacie Centrale de Lyon (Client Management only); GoProposal: Thames
// Valley Plumbing, Green Leaf Consulting; Futrli: Dupont Frères, Green Leaf Consulting, Maple Leaf Bakery.
// A few sentences name a product the company does not subscribe to: they are marked "product not
// subscribed" (the request is still understood as said; the flow refuses it later).
import type { ProductCode } from '../../flows/ports.ts';
import type { Ambiguity, Understanding } from '../../src/conversation/understanding.ts';

export type Expected = Partial<Understanding>;

export interface CorpusEntry {
  text: string;
  lang: 'en' | 'fr';
  expect: Expected;
}

// Companies.
const BOULANGERIE = 'co-boulangerie-dupont';
const FRERES = 'co-dupont-freres';
const CAFE = 'co-cafe-etoile';
const GARAGE = 'co-garage-leroy';
const THAMES = 'co-thames-valley-plumbing';
const HOTEL = 'co-hotel-voyageurs';
const PATISSERIE = 'co-patisserie-lefevre';
const GREEN_LEAF = 'co-green-leaf';
const GREENLEAF_GARDENS = 'co-greenleaf-gardens';
const DUPUIS = 'co-boucherie-dupuis';
const CREPERIE = 'co-creperie-sainte-anne';
const MAPLE = 'co-maple-leaf-bakery';
const OXFORD = 'co-oxford-street-bikes';
const PHARMACIE = 'co-pharmacie-centrale';

// Colleagues.
const CLAIRE = 'demo-owner';
const JULIEN = 'demo-admin';
const SOPHIE = 'demo-standard';
const CAMILLE = 'demo-basic';
const THOMAS = 'demo-readonly';
const EMMA = 'demo-practice';
const AMELIE = 'demo-admin-2';
const JAMES = 'demo-james';
const OLIVIA = 'demo-olivia';
const LUCAS = 'demo-invited';

// The two questions this practice's names can raise.
/** "Dupont": Boulangerie Dupont SARL or Dupont Frères. */
const DUPONT: Ambiguity = { field: 'company', candidates: [BOULANGERIE, FRERES] };
/** "Green Leaf": Green Leaf Consulting LLP or Greenleaf Gardens Ltd. */
const GREEN: Ambiguity = { field: 'company', candidates: [GREEN_LEAF, GREENLEAF_GARDENS] };

// Products named without a role.
const AUTOENTRY = { product: 'autoentry' } as const satisfies Expected;
const CLIENT_MANAGEMENT = { product: 'client-management' } as const satisfies Expected;
const GOPROPOSAL = { product: 'goproposal' } as const satisfies Expected;
const FUTRLI = { product: 'futrli' } as const satisfies Expected;

// Roles, with the product they imply (or that the sentence names with them).
const role = (product: ProductCode, roleId: string): Expected => ({ product, roleId });
const AE_ADMIN = role('autoentry', 'autoentry.administrator');
const AE_STANDARD_ADMIN = role('autoentry', 'autoentry.standard-administrator');
const DOCS_STANDARD = role('autoentry', 'autoentry.documents-standard');
const DOCS_BASIC = role('autoentry', 'autoentry.documents-basic');
const EXPENSES_ADMIN = role('autoentry', 'autoentry.expenses-admin');
const EXPENSES_STANDARD = role('autoentry', 'autoentry.expenses-standard');
const FILES_ADMIN = role('autoentry', 'autoentry.files-admin');
const FILES_BASIC = role('autoentry', 'autoentry.files-basic');
/** The demo practice's custom AutoEntry role "Saisie achats". */
const SAISIE_ACHATS = role('autoentry', 'custom-saisie-achats');
const CM_STANDARD = role('client-management', 'client-management.standard');
const CM_BASIC = role('client-management', 'client-management.basic');
const CM_READ_ONLY = role('client-management', 'client-management.read-only');
const CM_PRACTICE = role('client-management', 'client-management.practice-management');
const GP_PROPOSAL_ADMIN = role('goproposal', 'goproposal.proposal-admin');
const GP_PROPOSAL_STANDARD = role('goproposal', 'goproposal.proposal-standard');
const GP_AML_ADMIN = role('goproposal', 'goproposal.aml-admin');
const FUTRLI_ADMIN = role('futrli', 'futrli.administrator');
const FUTRLI_STANDARD = role('futrli', 'futrli.standard');

const en = (text: string, expect: Expected): CorpusEntry => ({ text, lang: 'en', expect });
const fr = (text: string, expect: Expected): CorpusEntry => ({ text, lang: 'fr', expect });

// ---------------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------------

const ADD_EN: CorpusEntry[] = [
  en('give Sophie Bernard Documents basic on AutoEntry at Garage Leroy', { intent: 'add', person: SOPHIE, companies: [GARAGE], ...DOCS_BASIC }),
  en("Could you please give Camille access to Café de l'Étoile as Files admin?", { intent: 'add', person: CAMILLE, companies: [CAFE], ...FILES_ADMIN }),
  en("add thomas to cafe de l'etoile with documents standard", { intent: 'add', person: THOMAS, companies: [CAFE], ...DOCS_STANDARD }),
  en("I'd like to give Emma Wilson Expenses admin at Oxford Street Bikes", { intent: 'add', person: EMMA, companies: [OXFORD], ...EXPENSES_ADMIN }),
  en('grant James Carter Documents basic at Oxford Street Bikes', { intent: 'add', person: JAMES, companies: [OXFORD], ...DOCS_BASIC }),
  en('Please add Olivia Tremblay to Greenleaf Gardens, Expenses standard', { intent: 'add', person: OLIVIA, companies: [GREENLEAF_GARDENS], ...EXPENSES_STANDARD }),
  en('give amelie files basic at hotel des voyageurs', { intent: 'add', person: AMELIE, companies: [HOTEL], ...FILES_BASIC }),
  en("Can you give Lucas Girard Documents standard at Café de l'Étoile? Thanks", { intent: 'add', person: LUCAS, companies: [CAFE], ...DOCS_STANDARD }),
  en('give Julien the Saisie achats role at Garage Leroy', { intent: 'add', person: JULIEN, companies: [GARAGE], ...SAISIE_ACHATS }),
  en('add Sophie to Crêperie Sainte-Anne with the Saisie achats role on AutoEntry', { intent: 'add', person: SOPHIE, companies: [CREPERIE], ...SAISIE_ACHATS }),
  en('Sophie needs Saisie achats at Hotel des Voyageurs', { intent: 'add', person: SOPHIE, companies: [HOTEL], ...SAISIE_ACHATS }),
  en('could you please set Thomas up on AutoEntry at Thames Valley Plumbing as Documents basic', { intent: 'add', person: THOMAS, companies: [THAMES], ...DOCS_BASIC }),
  en("give Camille Leroy Client Management Basic at Café de l'Étoile", { intent: 'add', person: CAMILLE, companies: [CAFE], ...CM_BASIC }),
  en('give Emma Read Only on Client Management at Boucherie Dupuis', { intent: 'add', person: EMMA, companies: [DUPUIS], ...CM_READ_ONLY }),
  en('add James as Standard on Client Management at Greenleaf Gardens', { intent: 'add', person: JAMES, companies: [GREENLEAF_GARDENS], ...CM_STANDARD }),
  en('Give Olivia Practice Management at Oxford Street Bikes', { intent: 'add', person: OLIVIA, companies: [OXFORD], ...CM_PRACTICE }),
  en('give Thomas Proposal Standard on GoProposal at Thames Valley Plumbing', { intent: 'add', person: THOMAS, companies: [THAMES], ...GP_PROPOSAL_STANDARD }),
  en('Give Emma AML Admin at Thames Valley Plumbing please', { intent: 'add', person: EMMA, companies: [THAMES], ...GP_AML_ADMIN }),
  en('add Julien to Futrli at Maple Leaf Bakery as Standard', { intent: 'add', person: JULIEN, companies: [MAPLE], ...FUTRLI_STANDARD }),
  en('give Olivia Futrli Administrator at Green Leaf Consulting', { intent: 'add', person: OLIVIA, companies: [GREEN_LEAF], ...FUTRLI_ADMIN }),
  en('Give Thomas Administrator on AutoEntry at Pâtisserie Lefèvre', { intent: 'add', person: THOMAS, companies: [PATISSERIE], ...AE_ADMIN }),
  // "Administrator" exists in every product: without one named, neither product nor role.
  en('give camille administrator at oxford street bikes', { intent: 'add', person: CAMILLE, companies: [OXFORD] }),
  en('give Sophie Documents basic at Boucherie Dupuis, Hôtel des Voyageurs and Garage Leroy', { intent: 'add', person: SOPHIE, companies: [DUPUIS, HOTEL, GARAGE], ...DOCS_BASIC }),
  en('add Lucas to Garage Leroy and Hôtel des Voyageurs as Files basic', { intent: 'add', person: LUCAS, companies: [GARAGE, HOTEL], ...FILES_BASIC }),
  en('please give Emma Expenses standard at Oxford Street Bikes, Greenleaf Gardens and Maple Leaf Bakery', { intent: 'add', person: EMMA, companies: [OXFORD, GREENLEAF_GARDENS, MAPLE], ...EXPENSES_STANDARD }),
  en('give James Documents standard at Oxford Street Bikes and Boucherie Dupuis', { intent: 'add', person: JAMES, companies: [OXFORD, DUPUIS], ...DOCS_STANDARD }),
  en('give Sophi documnets basic at Garage Leroy', { intent: 'add', person: SOPHIE, companies: [GARAGE], ...DOCS_BASIC }),
  en('add Camile to Boulangrie Dupont as Files admin', { intent: 'add', person: CAMILLE, companies: [BOULANGERIE], ...FILES_ADMIN }),
  en('give Thomas Files basic at Creperie Sainte Anne', { intent: 'add', person: THOMAS, companies: [CREPERIE], ...FILES_BASIC }),
  en('Give Olivia Expenses admin at Oxford Stret Bikes', { intent: 'add', person: OLIVIA, companies: [OXFORD], ...EXPENSES_ADMIN }),
  en('could you add james carter to thames valley plumbing with expences standard', { intent: 'add', person: JAMES, companies: [THAMES], ...EXPENSES_STANDARD }),
  en('Amelie should get Documents standard at Cafe de l Etoile', { intent: 'add', person: AMELIE, companies: [CAFE], ...DOCS_STANDARD }),
  // A colleague named by e-mail is the colleague, not an invitation.
  en('Give julien.moreau@cabinet-martin.fr Files admin at Hôtel des Voyageurs', { intent: 'add', person: JULIEN, companies: [HOTEL], ...FILES_ADMIN }),
  en('add sophie.bernard@cabinet-martin.fr to Pâtisserie Lefèvre as Documents basic', { intent: 'add', person: SOPHIE, companies: [PATISSERIE], ...DOCS_BASIC }),
  en('give Emma Documents basic at Garage Leroy, in English', { intent: 'add', person: EMMA, companies: [GARAGE], ...DOCS_BASIC, language: 'en-GB' }),
  en('Give Camille Files admin at Oxford Street Bikes in Canadian French', { intent: 'add', person: CAMILLE, companies: [OXFORD], ...FILES_ADMIN, language: 'fr-CA' }),
  en('add James to Maple Leaf Bakery on Futrli as Standard, preferred language English (US)', { intent: 'add', person: JAMES, companies: [MAPLE], ...FUTRLI_STANDARD, language: 'en-US' }),
  en('Thomas needs access to Hôtel des Voyageurs', { intent: 'add', person: THOMAS, companies: [HOTEL] }),
  en('hi, can Olivia have access to Greenleaf Gardens?', { intent: 'add', person: OLIVIA, companies: [GREENLEAF_GARDENS] }),
  en('add someone to Garage Leroy', { intent: 'add', companies: [GARAGE] }),
  en('give Claire Martin Documents standard on AutoEntry at Hotel des Voyageurs', { intent: 'add', person: CLAIRE, companies: [HOTEL], ...DOCS_STANDARD }),
  en('give Lucas Documents basic at Boucherie Dupuis', { intent: 'add', person: LUCAS, companies: [DUPUIS], ...DOCS_BASIC }),
  // French role names in English sentences.
  en('give Lucas Fichiers de base at Crêperie Sainte-Anne', { intent: 'add', person: LUCAS, companies: [CREPERIE], ...FILES_BASIC }),
  en('add Olivia to Hôtel des Voyageurs as Notes de frais standard', { intent: 'add', person: OLIVIA, companies: [HOTEL], ...EXPENSES_STANDARD }),
  // Product not subscribed: Pharmacie Centrale de Lyon has Client Management only.
  en('give Sophie Documents basic at Pharmacie Centrale', { intent: 'add', person: SOPHIE, companies: [PHARMACIE], ...DOCS_BASIC }),
  // New people, by e-mail: invitations.
  en('invite marc.durand@cabinet-martin.fr to Boulangerie Dupont as Documents standard', { intent: 'add', email: 'marc.durand@cabinet-martin.fr', companies: [BOULANGERIE], ...DOCS_STANDARD }),
  en('give paul.roux@cabinet-martin.fr Documents basic on AutoEntry at Garage Leroy, in French', { intent: 'add', email: 'paul.roux@cabinet-martin.fr', companies: [GARAGE], ...DOCS_BASIC, language: 'fr-FR' }),
  en("Please add nadia.benali@cabinet-martin.fr to Café de l'Étoile with Files basic", { intent: 'add', email: 'nadia.benali@cabinet-martin.fr', companies: [CAFE], ...FILES_BASIC }),
  en('new user grace.hall@cabinet-martin.fr at Thames Valley Plumbing, Expenses admin, English (United Kingdom)', { intent: 'add', email: 'grace.hall@cabinet-martin.fr', companies: [THAMES], ...EXPENSES_ADMIN, language: 'en-GB' }),
  en('could you invite rachel.price@cabinet-martin.fr to Oxford Street Bikes as Client Management Read Only', { intent: 'add', email: 'rachel.price@cabinet-martin.fr', companies: [OXFORD], ...CM_READ_ONLY }),
  en('add ben.taylor@cabinet-martin.fr to Maple Leaf Bakery with Documents basic, preferred language Canadian English', { intent: 'add', email: 'ben.taylor@cabinet-martin.fr', companies: [MAPLE], ...DOCS_BASIC, language: 'en-CA' }),
  en("I'd like to invite hugo.lambert@cabinet-martin.fr to Green Leaf Consulting as Proposal Admin", { intent: 'add', email: 'hugo.lambert@cabinet-martin.fr', companies: [GREEN_LEAF], ...GP_PROPOSAL_ADMIN }),
  en('add s.nguyen@cabinet-martin.fr to Dupont Frères and Hôtel des Voyageurs with Saisie achats, American English', { intent: 'add', email: 's.nguyen@cabinet-martin.fr', companies: [FRERES, HOTEL], ...SAISIE_ACHATS, language: 'en-US' }),
];

const EDIT_EN: CorpusEntry[] = [
  en("change Camille's role at Garage Leroy to Files admin", { intent: 'edit', person: CAMILLE, companies: [GARAGE], ...FILES_ADMIN }),
  en('switch Emma to Expenses standard at Thames Valley Plumbing', { intent: 'edit', person: EMMA, companies: [THAMES], ...EXPENSES_STANDARD }),
  en("Could you change Julien's AutoEntry role at Dupont Frères to Administrator?", { intent: 'edit', person: JULIEN, companies: [FRERES], ...AE_ADMIN }),
  en('update Olivia at Maple Leaf Bakery to Expenses admin', { intent: 'edit', person: OLIVIA, companies: [MAPLE], ...EXPENSES_ADMIN }),
  en("change James's role at Maple Leaf Bakery to Documents basic", { intent: 'edit', person: JAMES, companies: [MAPLE], ...DOCS_BASIC }),
  en("change Sophie's language to English", { intent: 'edit', person: SOPHIE, language: 'en-GB' }),
  en("Emma's preferred language should be French", { intent: 'edit', person: EMMA, language: 'fr-FR' }),
  en("set Camille's language to French (France) at Garage Leroy", { intent: 'edit', person: CAMILLE, companies: [GARAGE], language: 'fr-FR' }),
  en("change James's language at Oxford Street Bikes to English (United States)", { intent: 'edit', person: JAMES, companies: [OXFORD], language: 'en-US' }),
  en("please change Olivia's language to Canadian English", { intent: 'edit', person: OLIVIA, language: 'en-CA' }),
  en("edit Lucas's access at Pâtisserie Lefèvre: Files basic", { intent: 'edit', person: LUCAS, companies: [PATISSERIE], ...FILES_BASIC }),
  en('promote Amélie to Administrator on AutoEntry at Pâtisserie Lefèvre', { intent: 'edit', person: AMELIE, companies: [PATISSERIE], ...AE_ADMIN }),
  en('downgrade Julien to Standard Administrator on AutoEntry at Boulangerie Dupont', { intent: 'edit', person: JULIEN, companies: [BOULANGERIE], ...AE_STANDARD_ADMIN }),
  en("change Thomas's Client Management role at Thames Valley Plumbing to Standard", { intent: 'edit', person: THOMAS, companies: [THAMES], ...CM_STANDARD }),
  en('Emma should be Proposal Admin at Green Leaf Consulting now instead', { intent: 'edit', person: EMMA, companies: [GREEN_LEAF], ...GP_PROPOSAL_ADMIN }),
  en("modify Olivia's Futrli role at Maple Leaf Bakery to Administrator", { intent: 'edit', person: OLIVIA, companies: [MAPLE], ...FUTRLI_ADMIN }),
  en("chnage Sophie's role at Boulangerie Dupont to Documnets basic", { intent: 'edit', person: SOPHIE, companies: [BOULANGERIE], ...DOCS_BASIC }),
  en('pls change camille at patisserie lefevre to read only', { intent: 'edit', person: CAMILLE, companies: [PATISSERIE], ...CM_READ_ONLY }),
  en("Could you change Sophie's role at Café de l'Étoile to Saisie achats?", { intent: 'edit', person: SOPHIE, companies: [CAFE], ...SAISIE_ACHATS }),
  en("change James Carter's language to British English", { intent: 'edit', person: JAMES, language: 'en-GB' }),
  en('I want to change the role of thomas.petit@cabinet-martin.fr at Green Leaf Consulting to Client Management Basic', { intent: 'edit', person: THOMAS, companies: [GREEN_LEAF], ...CM_BASIC }),
];

const REMOVE_EN: CorpusEntry[] = [
  en("remove Sophie from Café de l'Étoile", { intent: 'remove', person: SOPHIE, companies: [CAFE] }),
  en("remove Sophie's AutoEntry access at Dupont Frères", { intent: 'remove', person: SOPHIE, companies: [FRERES], ...AUTOENTRY }),
  en('take Camille off Garage Leroy', { intent: 'remove', person: CAMILLE, companies: [GARAGE] }),
  en("revoke Emma's access to Oxford Street Bikes", { intent: 'remove', person: EMMA, companies: [OXFORD] }),
  en('Please remove Olivia from Futrli at Maple Leaf Bakery', { intent: 'remove', person: OLIVIA, companies: [MAPLE], ...FUTRLI }),
  en("remove James's AutoEntry at Maple Leaf Bakery", { intent: 'remove', person: JAMES, companies: [MAPLE], ...AUTOENTRY }),
  en("Could you take away Thomas's access to Green Leaf Consulting?", { intent: 'remove', person: THOMAS, companies: [GREEN_LEAF] }),
  en("Emma shouldn't have GoProposal at Green Leaf Consulting anymore", { intent: 'remove', person: EMMA, companies: [GREEN_LEAF], ...GOPROPOSAL }),
  en('remove lucas.girard@cabinet-martin.fr from Pâtisserie Lefèvre', { intent: 'remove', person: LUCAS, companies: [PATISSERIE] }),
  en('remvoe Amelie from Creperie Sainte-Anne', { intent: 'remove', person: AMELIE, companies: [CREPERIE] }),
  en("delete Julien's access at Hotel des Voyageurs", { intent: 'remove', person: JULIEN, companies: [HOTEL] }),
  en('Julien no longer needs access to Pharmacie Centrale', { intent: 'remove', person: JULIEN, companies: [PHARMACIE] }),
  en("I'd like to remove Camille's Client Management access at Pâtisserie Lefèvre", { intent: 'remove', person: CAMILLE, companies: [PATISSERIE], ...CLIENT_MANAGEMENT }),
  en('remove Amélie from Boucherie Dupuis please', { intent: 'remove', person: AMELIE, companies: [DUPUIS] }),
  en('revoke Sophie at Boulangrie Dupont', { intent: 'remove', person: SOPHIE, companies: [BOULANGERIE] }),
  en("remove Julien's GoProposal access at Thames Valley Plumbing", { intent: 'remove', person: JULIEN, companies: [THAMES], ...GOPROPOSAL }),
  en("take away emma wilson's access to thames valley plumbing", { intent: 'remove', person: EMMA, companies: [THAMES] }),
  en("cut off Olivia's access to Maple Leaf", { intent: 'remove', person: OLIVIA, companies: [MAPLE] }),
  en('remove Amélie Fontaine from Greenleaf Gardens', { intent: 'remove', person: AMELIE, companies: [GREENLEAF_GARDENS] }),
  en("James doesn't need access to Oxford Street Bikes any more", { intent: 'remove', person: JAMES, companies: [OXFORD] }),
];

const LIST_EN: CorpusEntry[] = [
  en('who has access to Garage Leroy?', { intent: 'list', companies: [GARAGE] }),
  en("Who can see Café de l'Étoile?", { intent: 'list', companies: [CAFE] }),
  en('list users at Thames Valley Plumbing', { intent: 'list', companies: [THAMES] }),
  en('show me who has access to the Creperie Sainte Anne', { intent: 'list', companies: [CREPERIE] }),
  en('who has AutoEntry at Dupont Frères?', { intent: 'list', companies: [FRERES], ...AUTOENTRY }),
  en("Could you tell me who's got access to Maple Leaf Bakery?", { intent: 'list', companies: [MAPLE] }),
  en('whos on Oxford Street Bikes', { intent: 'list', companies: [OXFORD] }),
  en('who has acess to hotel des voyageurs', { intent: 'list', companies: [HOTEL] }),
  en('manage users for Pâtisserie Lefèvre', { intent: 'list', companies: [PATISSERIE] }),
  en('Which colleagues have access to Green Leaf Consulting?', { intent: 'list', companies: [GREEN_LEAF] }),
  en('who uses GoProposal at Thames Valley Plumbing?', { intent: 'list', companies: [THAMES], ...GOPROPOSAL }),
  en('who has access to Pharmacie Centrale de Lyon', { intent: 'list', companies: [PHARMACIE] }),
  en('show users of Boucherie Dupuis', { intent: 'list', companies: [DUPUIS] }),
  en('who can access Greenleaf Gardens', { intent: 'list', companies: [GREENLEAF_GARDENS] }),
  en('who has access to Boulangerie Dupont SARL?', { intent: 'list', companies: [BOULANGERIE] }),
];

const PERSON_ACCESS_EN: CorpusEntry[] = [
  en('What access does Sophie have?', { intent: 'personAccess', person: SOPHIE }),
  en("show me Camille Leroy's access", { intent: 'personAccess', person: CAMILLE }),
  en('where does Emma have access?', { intent: 'personAccess', person: EMMA }),
  en('what can James see?', { intent: 'personAccess', person: JAMES }),
  en("list Olivia's access", { intent: 'personAccess', person: OLIVIA }),
  en('Which companies can Thomas access?', { intent: 'personAccess', person: THOMAS }),
  en('what roles does Julien Moreau have', { intent: 'personAccess', person: JULIEN }),
  en('access for amelie.fontaine@cabinet-martin.fr', { intent: 'personAccess', person: AMELIE }),
  en('What access has Lucas got?', { intent: 'personAccess', person: LUCAS }),
  en('Could you show me everything Sophie Bernard has access to?', { intent: 'personAccess', person: SOPHIE }),
  en('what does Claire have access to', { intent: 'personAccess', person: CLAIRE }),
  en('what access does Jmaes Carter have?', { intent: 'personAccess', person: JAMES }),
];

const COPY_EN: CorpusEntry[] = [
  en('Give Sophie the same access as Julien', { intent: 'copy', person: SOPHIE, from: JULIEN }),
  en("copy Julien's access to Amélie", { intent: 'copy', person: AMELIE, from: JULIEN }),
  en('set Lucas up like Camille', { intent: 'copy', person: LUCAS, from: CAMILLE }),
  en('Olivia should have the same access as James', { intent: 'copy', person: OLIVIA, from: JAMES }),
  en('Could you give Thomas the same access as Emma Wilson?', { intent: 'copy', person: THOMAS, from: EMMA }),
  // A new person set up like a colleague: the e-mail is the invitation.
  en('give paul.roux@cabinet-martin.fr the same access as Sophie', { intent: 'copy', email: 'paul.roux@cabinet-martin.fr', from: SOPHIE }),
];

const REMOVE_ALL_EN: CorpusEntry[] = [
  en("remove all of Thomas's access", { intent: 'removeAll', person: THOMAS }),
  en('Lucas is leaving, remove all his access', { intent: 'removeAll', person: LUCAS }),
  en('Camille has left the firm: take away all her access', { intent: 'removeAll', person: CAMILLE }),
  en('revoke everything James has', { intent: 'removeAll', person: JAMES }),
  en('Emma Wilson left, please remove her from all companies', { intent: 'removeAll', person: EMMA }),
  en('remove Olivia from everything', { intent: 'removeAll', person: OLIVIA }),
];

const UNDO_EN: CorpusEntry[] = [
  en('undo', { intent: 'undo' }),
  en('undo that', { intent: 'undo' }),
  en('oops, undo my last change', { intent: 'undo' }),
  en('Can you undo the last thing I did?', { intent: 'undo' }),
  en('revert my last change please', { intent: 'undo' }),
];

// Import the members of the Teams team or group chat the practice does not know yet.
const IMPORT_TEAM_EN: CorpusEntry[] = [
  en('import my colleagues', { intent: 'importTeam' }),
  en('Could you import my colleagues from this chat?', { intent: 'importTeam' }),
  en('import the team please', { intent: 'importTeam' }),
  en('add everyone from this chat', { intent: 'importTeam' }),
  en('import all the team members', { intent: 'importTeam' }),
];

const HISTORY_EN: CorpusEntry[] = [
  en('What changed at Dupont Frères this week?', { intent: 'history', companies: [FRERES] }),
  en('history of Garage Leroy', { intent: 'history', companies: [GARAGE] }),
  en("show Sophie's history", { intent: 'history', person: SOPHIE }),
  en("who changed access at Café de l'Étoile recently?", { intent: 'history', companies: [CAFE] }),
  en("What changes were made to Camille's access today?", { intent: 'history', person: CAMILLE }),
  en('show me the audit log for Thames Valley Plumbing', { intent: 'history', companies: [THAMES] }),
  en('what happened at Maple Leaf Bakery since Monday', { intent: 'history', companies: [MAPLE] }),
  en('history for julien', { intent: 'history', person: JULIEN }),
];

const UNSUPPORTED_EN: CorpusEntry[] = [
  // The sentence names Sophie: she is filled like any other named part.
  en("reset Sophie's password", { intent: 'unsupported', person: SOPHIE }),
  en('create a new client company', { intent: 'unsupported' }),
  en('delete the practice', { intent: 'unsupported' }),
  en('can you send an invoice for me?', { intent: 'unsupported' }),
  en("what's the weather like tomorrow?", { intent: 'unsupported' }),
  en('export all the bank statements to Excel', { intent: 'unsupported' }),
];

const AMBIGUOUS_EN: CorpusEntry[] = [
  en('give Sophie Documents basic at Dupont', { intent: 'add', person: SOPHIE, ...DOCS_BASIC, ambiguous: DUPONT }),
  en('who has access to Dupont?', { intent: 'list', ambiguous: DUPONT }),
  en('What changed at Dupont this week?', { intent: 'history', ambiguous: DUPONT }),
  en('remove Camille from Dupont', { intent: 'remove', person: CAMILLE, ambiguous: DUPONT }),
  en("change Julien's role at Dupont to Files admin", { intent: 'edit', person: JULIEN, ...FILES_ADMIN, ambiguous: DUPONT }),
  en('add thomas to dupont as Files basic', { intent: 'add', person: THOMAS, ...FILES_BASIC, ambiguous: DUPONT }),
  en('could you invite marc.durand@cabinet-martin.fr to Dupont with Documents standard?', { intent: 'add', email: 'marc.durand@cabinet-martin.fr', ...DOCS_STANDARD, ambiguous: DUPONT }),
  en("remove James's AutoEntry access at Dupont", { intent: 'remove', person: JAMES, ...AUTOENTRY, ambiguous: DUPONT }),
  en('give Olivia Expenses standard at dupont, in Canadian English', { intent: 'add', person: OLIVIA, ...EXPENSES_STANDARD, language: 'en-CA', ambiguous: DUPONT }),
  // "Green Leaf" typed as two words: Green Leaf Consulting, or Greenleaf Gardens with the space missed.
  en('who can see Green Leaf?', { intent: 'list', ambiguous: GREEN }),
];

// ---------------------------------------------------------------------------------------------------
// Français
// ---------------------------------------------------------------------------------------------------

const ADD_FR: CorpusEntry[] = [
  fr('donne à marc.durand@cabinet-martin.fr le rôle Documents standard sur Boulangerie Dupont', { intent: 'add', email: 'marc.durand@cabinet-martin.fr', companies: [BOULANGERIE], ...DOCS_STANDARD }),
  fr('donne à Sophie Documents de base sur AutoEntry chez Garage Leroy', { intent: 'add', person: SOPHIE, companies: [GARAGE], ...DOCS_BASIC }),
  fr("Pourrais-tu donner à Camille le rôle Administrateur des fichiers au Café de l'Étoile ?", { intent: 'add', person: CAMILLE, companies: [CAFE], ...FILES_ADMIN }),
  fr('ajoute Thomas au cafe de l etoile avec documents standard', { intent: 'add', person: THOMAS, companies: [CAFE], ...DOCS_STANDARD }),
  fr("Est-ce que tu peux donner l'accès à Emma Wilson sur Oxford Street Bikes en Administrateur des notes de frais ?", { intent: 'add', person: EMMA, companies: [OXFORD], ...EXPENSES_ADMIN }),
  fr('donne les Notes de frais standard à Olivia chez Greenleaf Gardens', { intent: 'add', person: OLIVIA, companies: [GREENLEAF_GARDENS], ...EXPENSES_STANDARD }),
  fr('ajoute amelie a l hotel des voyageurs en fichiers de base', { intent: 'add', person: AMELIE, companies: [HOTEL], ...FILES_BASIC }),
  fr("Merci de donner à Lucas Girard le rôle Documents standard au Café de l'Étoile", { intent: 'add', person: LUCAS, companies: [CAFE], ...DOCS_STANDARD }),
  fr('donne à Julien le rôle Saisie achats chez Garage Leroy', { intent: 'add', person: JULIEN, companies: [GARAGE], ...SAISIE_ACHATS }),
  fr('ajoute Sophie à la Crêperie Sainte-Anne avec le rôle Saisie achats sur AutoEntry', { intent: 'add', person: SOPHIE, companies: [CREPERIE], ...SAISIE_ACHATS }),
  fr("Sophie a besoin de Saisie achats à l'Hôtel des Voyageurs", { intent: 'add', person: SOPHIE, companies: [HOTEL], ...SAISIE_ACHATS }),
  fr('je voudrais donner à Thomas Documents de base sur AutoEntry chez Thames Valley Plumbing', { intent: 'add', person: THOMAS, companies: [THAMES], ...DOCS_BASIC }),
  fr("donne à Camille Leroy le rôle De base en Gestion des clients au Café de l'Étoile", { intent: 'add', person: CAMILLE, companies: [CAFE], ...CM_BASIC }),
  fr('ajoute Emma en Lecture seule sur la Gestion des clients chez Boucherie Dupuis', { intent: 'add', person: EMMA, companies: [DUPUIS], ...CM_READ_ONLY }),
  fr('donne à James le rôle Standard en Gestion des clients chez Greenleaf Gardens', { intent: 'add', person: JAMES, companies: [GREENLEAF_GARDENS], ...CM_STANDARD }),
  fr('donne à Olivia le rôle Gestion du cabinet chez Oxford Street Bikes', { intent: 'add', person: OLIVIA, companies: [OXFORD], ...CM_PRACTICE }),
  fr('donne à Thomas Propositions standard sur GoProposal chez Thames Valley Plumbing', { intent: 'add', person: THOMAS, companies: [THAMES], ...GP_PROPOSAL_STANDARD }),
  fr('ajoute Emma en Administrateur LCB-FT à Thames Valley Plumbing, merci', { intent: 'add', person: EMMA, companies: [THAMES], ...GP_AML_ADMIN }),
  fr('ajoute Julien sur Futrli chez Maple Leaf Bakery en Standard', { intent: 'add', person: JULIEN, companies: [MAPLE], ...FUTRLI_STANDARD }),
  fr('donne à Olivia Administrateur sur Futrli chez Green Leaf Consulting', { intent: 'add', person: OLIVIA, companies: [GREEN_LEAF], ...FUTRLI_ADMIN }),
  fr("donne à Thomas le rôle Administrateur d'AutoEntry à la Pâtisserie Lefèvre", { intent: 'add', person: THOMAS, companies: [PATISSERIE], ...AE_ADMIN }),
  // « Administrateur » existe dans tous les produits : sans produit nommé, ni produit ni rôle.
  fr('donne à camille administrateur chez oxford street bikes', { intent: 'add', person: CAMILLE, companies: [OXFORD] }),
  fr("donne à Sophie Documents de base chez Dupont Frères, au Café de l'Étoile et au Garage Leroy", { intent: 'add', person: SOPHIE, companies: [FRERES, CAFE, GARAGE], ...DOCS_BASIC }),
  fr("ajoute Lucas au Garage Leroy et à l'Hôtel des Voyageurs en Fichiers de base", { intent: 'add', person: LUCAS, companies: [GARAGE, HOTEL], ...FILES_BASIC }),
  fr("merci d'ajouter Emma en Notes de frais standard chez Oxford Street Bikes, Greenleaf Gardens et Maple Leaf Bakery", { intent: 'add', person: EMMA, companies: [OXFORD, GREENLEAF_GARDENS, MAPLE], ...EXPENSES_STANDARD }),
  fr('donne à James Documents standard chez Oxford Street Bikes et à la Boucherie Dupuis', { intent: 'add', person: JAMES, companies: [OXFORD, DUPUIS], ...DOCS_STANDARD }),
  fr('donne a Sophi documens de base chez Garage Leroy', { intent: 'add', person: SOPHIE, companies: [GARAGE], ...DOCS_BASIC }),
  fr('ajoute Camile à la Boulangrie Dupont en Administrateur des fichiers', { intent: 'add', person: CAMILLE, companies: [BOULANGERIE], ...FILES_ADMIN }),
  fr('donne fichiers de base à thomas a la creperie sainte anne', { intent: 'add', person: THOMAS, companies: [CREPERIE], ...FILES_BASIC }),
  fr("donne l'acces a Olivia chez Oxford Stret Bikes en administrateur des notes de frais", { intent: 'add', person: OLIVIA, companies: [OXFORD], ...EXPENSES_ADMIN }),
  fr('tu peux ajouter james carter a thames valley plumbing en notes de frais standar', { intent: 'add', person: JAMES, companies: [THAMES], ...EXPENSES_STANDARD }),
  fr("Amélie devrait avoir Documents standard au Café de l'Étoile", { intent: 'add', person: AMELIE, companies: [CAFE], ...DOCS_STANDARD }),
  // Un collègue nommé par son e-mail est ce collègue, pas une invitation.
  fr("donne à julien.moreau@cabinet-martin.fr Administrateur des fichiers à l'Hôtel des Voyageurs", { intent: 'add', person: JULIEN, companies: [HOTEL], ...FILES_ADMIN }),
  fr('ajoute sophie.bernard@cabinet-martin.fr à la Pâtisserie Lefèvre en Documents de base', { intent: 'add', person: SOPHIE, companies: [PATISSERIE], ...DOCS_BASIC }),
  fr('donne à Emma Documents de base au Garage Leroy, en anglais', { intent: 'add', person: EMMA, companies: [GARAGE], ...DOCS_BASIC, language: 'en-GB' }),
  fr('donne à Camille Administrateur des fichiers chez Oxford Street Bikes en français canadien', { intent: 'add', person: CAMILLE, companies: [OXFORD], ...FILES_ADMIN, language: 'fr-CA' }),
  fr('ajoute James à Maple Leaf Bakery sur Futrli en Standard, langue anglais américain', { intent: 'add', person: JAMES, companies: [MAPLE], ...FUTRLI_STANDARD, language: 'en-US' }),
  fr("Thomas a besoin d'un accès à l'Hôtel des Voyageurs", { intent: 'add', person: THOMAS, companies: [HOTEL] }),
  fr('bonjour, ajoute Olivia à Greenleaf Gardens stp', { intent: 'add', person: OLIVIA, companies: [GREENLEAF_GARDENS] }),
  fr("ajouter quelqu'un au Garage Leroy", { intent: 'add', companies: [GARAGE] }),
  fr("donne à Claire Martin Documents standard sur AutoEntry à l'Hôtel des Voyageurs", { intent: 'add', person: CLAIRE, companies: [HOTEL], ...DOCS_STANDARD }),
  fr('donne à Lucas Documents de base à la Boucherie Dupuis', { intent: 'add', person: LUCAS, companies: [DUPUIS], ...DOCS_BASIC }),
  // Des noms de rôles anglais dans des phrases françaises.
  fr('donne à Sophie Files basic chez Pâtisserie Lefèvre', { intent: 'add', person: SOPHIE, companies: [PATISSERIE], ...FILES_BASIC }),
  fr('ajoute Julien en Expenses admin chez Oxford Street Bikes', { intent: 'add', person: JULIEN, companies: [OXFORD], ...EXPENSES_ADMIN }),
  // Produit non souscrit (product not subscribed) : le Café de l'Étoile n'a pas Futrli.
  fr("donne à Thomas le rôle Standard sur Futrli au Café de l'Étoile", { intent: 'add', person: THOMAS, companies: [CAFE], ...FUTRLI_STANDARD }),
  // Nouvelles personnes, par e-mail : des invitations.
  fr('invite lea.moulin@cabinet-martin.fr au Garage Leroy en Documents de base sur AutoEntry, en français', { intent: 'add', email: 'lea.moulin@cabinet-martin.fr', companies: [GARAGE], ...DOCS_BASIC, language: 'fr-FR' }),
  fr("Pourrais-tu ajouter yanis.haddad@cabinet-martin.fr au Café de l'Étoile avec Fichiers de base ?", { intent: 'add', email: 'yanis.haddad@cabinet-martin.fr', companies: [CAFE], ...FILES_BASIC }),
  fr('nouvel utilisateur manon.leclerc@cabinet-martin.fr chez Thames Valley Plumbing, Administrateur des notes de frais, anglais (Royaume-Uni)', { intent: 'add', email: 'manon.leclerc@cabinet-martin.fr', companies: [THAMES], ...EXPENSES_ADMIN, language: 'en-GB' }),
  fr('invite pierre.blanc@cabinet-martin.fr chez Oxford Street Bikes en Lecture seule', { intent: 'add', email: 'pierre.blanc@cabinet-martin.fr', companies: [OXFORD], ...CM_READ_ONLY }),
  fr('ajoute ines.morel@cabinet-martin.fr à Maple Leaf Bakery avec Documents de base, en francais du Canada', { intent: 'add', email: 'ines.morel@cabinet-martin.fr', companies: [MAPLE], ...DOCS_BASIC, language: 'fr-CA' }),
  fr('je voudrais inviter antoine.faure@cabinet-martin.fr chez Green Leaf Consulting comme Administrateur des propositions', { intent: 'add', email: 'antoine.faure@cabinet-martin.fr', companies: [GREEN_LEAF], ...GP_PROPOSAL_ADMIN }),
  fr("ajoute k.nguyen@cabinet-martin.fr chez Dupont Frères et à l'Hôtel des Voyageurs avec Saisie achats, en anglais canadien", { intent: 'add', email: 'k.nguyen@cabinet-martin.fr', companies: [FRERES, HOTEL], ...SAISIE_ACHATS, language: 'en-CA' }),
  fr('merci de donner accès à emilie.roche@cabinet-martin.fr sur la Boucherie Dupuis, rôle Documents standard', { intent: 'add', email: 'emilie.roche@cabinet-martin.fr', companies: [DUPUIS], ...DOCS_STANDARD }),
];

const EDIT_FR: CorpusEntry[] = [
  fr('change le rôle de Camille au Garage Leroy en Administrateur des fichiers', { intent: 'edit', person: CAMILLE, companies: [GARAGE], ...FILES_ADMIN }),
  fr('passe Emma en Notes de frais standard chez Thames Valley Plumbing', { intent: 'edit', person: EMMA, companies: [THAMES], ...EXPENSES_STANDARD }),
  fr('Peux-tu changer le rôle AutoEntry de Julien chez Dupont Frères en Administrateur ?', { intent: 'edit', person: JULIEN, companies: [FRERES], ...AE_ADMIN }),
  fr("modifie l'accès d'Olivia à Maple Leaf Bakery : Administrateur des notes de frais", { intent: 'edit', person: OLIVIA, companies: [MAPLE], ...EXPENSES_ADMIN }),
  fr('change James chez Maple Leaf Bakery en Documents de base', { intent: 'edit', person: JAMES, companies: [MAPLE], ...DOCS_BASIC }),
  fr('change la langue de Sophie en anglais', { intent: 'edit', person: SOPHIE, language: 'en-GB' }),
  fr("la langue préférée d'Emma doit être le français", { intent: 'edit', person: EMMA, language: 'fr-FR' }),
  fr('mets la langue de Camille en français (France) au Garage Leroy', { intent: 'edit', person: CAMILLE, companies: [GARAGE], language: 'fr-FR' }),
  fr('change la langue de James chez Oxford Street Bikes en anglais américain', { intent: 'edit', person: JAMES, companies: [OXFORD], language: 'en-US' }),
  fr("change la langue d'Olivia en anglais canadien stp", { intent: 'edit', person: OLIVIA, language: 'en-CA' }),
  fr("modifie l'accès de Lucas à la Pâtisserie Lefèvre : Fichiers de base", { intent: 'edit', person: LUCAS, companies: [PATISSERIE], ...FILES_BASIC }),
  fr('passe Amélie en Administrateur sur AutoEntry à la Pâtisserie Lefèvre', { intent: 'edit', person: AMELIE, companies: [PATISSERIE], ...AE_ADMIN }),
  fr('rétrograde Julien en Administrateur standard sur AutoEntry à la Boulangerie Dupont', { intent: 'edit', person: JULIEN, companies: [BOULANGERIE], ...AE_STANDARD_ADMIN }),
  fr('change le rôle Gestion des clients de Thomas chez Thames Valley Plumbing en Standard', { intent: 'edit', person: THOMAS, companies: [THAMES], ...CM_STANDARD }),
  fr('Emma doit maintenant être Administrateur des propositions chez Green Leaf Consulting', { intent: 'edit', person: EMMA, companies: [GREEN_LEAF], ...GP_PROPOSAL_ADMIN }),
  fr("modifie le rôle Futrli d'Olivia chez Maple Leaf Bakery en Administrateur", { intent: 'edit', person: OLIVIA, companies: [MAPLE], ...FUTRLI_ADMIN }),
  fr('change le role de Sofie a la Boulangerie Dupont en Documnets de base', { intent: 'edit', person: SOPHIE, companies: [BOULANGERIE], ...DOCS_BASIC }),
  fr('stp passe camille en lecture seule a la patisserie lefevre', { intent: 'edit', person: CAMILLE, companies: [PATISSERIE], ...CM_READ_ONLY }),
  fr("Pourriez-vous changer le rôle de Sophie au Café de l'Étoile pour Saisie achats ?", { intent: 'edit', person: SOPHIE, companies: [CAFE], ...SAISIE_ACHATS }),
  fr('change la langue de James Carter en anglais britannique', { intent: 'edit', person: JAMES, language: 'en-GB' }),
  fr('je veux changer le rôle de thomas.petit@cabinet-martin.fr chez Green Leaf Consulting pour le rôle De base de Gestion des clients', { intent: 'edit', person: THOMAS, companies: [GREEN_LEAF], ...CM_BASIC }),
];

const REMOVE_FR: CorpusEntry[] = [
  fr("retire l'accès AutoEntry de Sophie chez Dupont Frères", { intent: 'remove', person: SOPHIE, companies: [FRERES], ...AUTOENTRY }),
  fr("retire Sophie du Café de l'Étoile", { intent: 'remove', person: SOPHIE, companies: [CAFE] }),
  fr('enlève Camille du Garage Leroy', { intent: 'remove', person: CAMILLE, companies: [GARAGE] }),
  fr("supprime l'accès d'Emma à Oxford Street Bikes", { intent: 'remove', person: EMMA, companies: [OXFORD] }),
  fr('Merci de retirer Olivia de Futrli chez Maple Leaf Bakery', { intent: 'remove', person: OLIVIA, companies: [MAPLE], ...FUTRLI }),
  fr("retire l'AutoEntry de James chez Maple Leaf Bakery", { intent: 'remove', person: JAMES, companies: [MAPLE], ...AUTOENTRY }),
  fr("Pourrais-tu retirer à Thomas l'accès à Green Leaf Consulting ?", { intent: 'remove', person: THOMAS, companies: [GREEN_LEAF] }),
  fr('Emma ne doit plus avoir GoProposal chez Green Leaf Consulting', { intent: 'remove', person: EMMA, companies: [GREEN_LEAF], ...GOPROPOSAL }),
  fr('retire lucas.girard@cabinet-martin.fr de la Pâtisserie Lefèvre', { intent: 'remove', person: LUCAS, companies: [PATISSERIE] }),
  fr('retire Amelei de la creperie sainte anne', { intent: 'remove', person: AMELIE, companies: [CREPERIE] }),
  fr("supprime l'accès de Julien à l'Hotel des Voyageurs", { intent: 'remove', person: JULIEN, companies: [HOTEL] }),
  fr("Julien n'a plus besoin d'accéder à la Pharmacie Centrale", { intent: 'remove', person: JULIEN, companies: [PHARMACIE] }),
  fr("je voudrais retirer l'accès Gestion des clients de Camille à la Pâtisserie Lefèvre", { intent: 'remove', person: CAMILLE, companies: [PATISSERIE], ...CLIENT_MANAGEMENT }),
  fr('enlève Amélie de la Boucherie Dupuis stp', { intent: 'remove', person: AMELIE, companies: [DUPUIS] }),
  fr('révoque Sophie chez Boulangrie Dupont', { intent: 'remove', person: SOPHIE, companies: [BOULANGERIE] }),
  fr("retire l'accès GoProposal de Julien chez Thames Valley Plumbing", { intent: 'remove', person: JULIEN, companies: [THAMES], ...GOPROPOSAL }),
  fr("supprime l'acces d'emma wilson a thames valley plumbing", { intent: 'remove', person: EMMA, companies: [THAMES] }),
  fr("coupe l'accès d'Olivia à Maple Leaf", { intent: 'remove', person: OLIVIA, companies: [MAPLE] }),
  fr('retire Amélie Fontaine de Greenleaf Gardens', { intent: 'remove', person: AMELIE, companies: [GREENLEAF_GARDENS] }),
  fr("James n'a plus besoin de l'accès à Oxford Street Bikes", { intent: 'remove', person: JAMES, companies: [OXFORD] }),
];

const LIST_FR: CorpusEntry[] = [
  fr('qui a accès à la Crêperie Sainte-Anne ?', { intent: 'list', companies: [CREPERIE] }),
  fr('qui a acces au garage leroy', { intent: 'list', companies: [GARAGE] }),
  fr('liste des utilisateurs de Thames Valley Plumbing', { intent: 'list', companies: [THAMES] }),
  fr("qui peut voir le Café de l'Étoile ?", { intent: 'list', companies: [CAFE] }),
  fr('qui a AutoEntry chez Dupont Frères ?', { intent: 'list', companies: [FRERES], ...AUTOENTRY }),
  fr('Pourrais-tu me dire qui a accès à Maple Leaf Bakery ?', { intent: 'list', companies: [MAPLE] }),
  fr('qui est sur Oxford Street Bikes', { intent: 'list', companies: [OXFORD] }),
  fr("qui a accès a l'hotel des voyaguers", { intent: 'list', companies: [HOTEL] }),
  fr('gérer les utilisateurs de la Pâtisserie Lefèvre', { intent: 'list', companies: [PATISSERIE] }),
  fr('quels collègues ont accès à Green Leaf Consulting ?', { intent: 'list', companies: [GREEN_LEAF] }),
  fr('qui utilise GoProposal chez Thames Valley Plumbing ?', { intent: 'list', companies: [THAMES], ...GOPROPOSAL }),
  fr("qui a l'accès à la Pharmacie Centrale de Lyon", { intent: 'list', companies: [PHARMACIE] }),
  fr('voir les utilisateurs de la Boucherie Dupuis', { intent: 'list', companies: [DUPUIS] }),
  fr('qui a accès a greenleaf gardens', { intent: 'list', companies: [GREENLEAF_GARDENS] }),
  fr('qui a accès à la Boulangerie Dupont SARL ?', { intent: 'list', companies: [BOULANGERIE] }),
];

const PERSON_ACCESS_FR: CorpusEntry[] = [
  fr('quels accès a Sophie ?', { intent: 'personAccess', person: SOPHIE }),
  fr('montre-moi les accès de Camille Leroy', { intent: 'personAccess', person: CAMILLE }),
  fr('où Emma a-t-elle accès ?', { intent: 'personAccess', person: EMMA }),
  fr('que peut voir James ?', { intent: 'personAccess', person: JAMES }),
  fr("liste les accès d'Olivia", { intent: 'personAccess', person: OLIVIA }),
  fr('à quelles sociétés Thomas a-t-il accès ?', { intent: 'personAccess', person: THOMAS }),
  fr('quels sont les rôles de Julien Moreau', { intent: 'personAccess', person: JULIEN }),
  fr('accès de amelie.fontaine@cabinet-martin.fr', { intent: 'personAccess', person: AMELIE }),
  fr('Lucas a accès à quoi ?', { intent: 'personAccess', person: LUCAS }),
  fr('Pourrais-tu me montrer tous les accès de Sophie Bernard ?', { intent: 'personAccess', person: SOPHIE }),
  fr('quels acces a claire', { intent: 'personAccess', person: CLAIRE }),
  fr('quels accès a Olivai ?', { intent: 'personAccess', person: OLIVIA }),
];

const COPY_FR: CorpusEntry[] = [
  fr('donne à Sophie les mêmes accès que Julien', { intent: 'copy', person: SOPHIE, from: JULIEN }),
  fr('copie les accès de Julien pour Amélie', { intent: 'copy', person: AMELIE, from: JULIEN }),
  fr('configure Lucas comme Camille', { intent: 'copy', person: LUCAS, from: CAMILLE }),
  fr('Olivia doit avoir les mêmes accès que James', { intent: 'copy', person: OLIVIA, from: JAMES }),
  fr("Pourrais-tu donner à Thomas les memes acces qu'Emma Wilson ?", { intent: 'copy', person: THOMAS, from: EMMA }),
  // Une nouvelle personne configurée comme un collègue : l'e-mail est l'invitation.
  fr('donne à lea.moulin@cabinet-martin.fr les mêmes accès que Sophie', { intent: 'copy', email: 'lea.moulin@cabinet-martin.fr', from: SOPHIE }),
];

const REMOVE_ALL_FR: CorpusEntry[] = [
  fr('retire tous les accès de Thomas', { intent: 'removeAll', person: THOMAS }),
  fr('Lucas quitte le cabinet, supprime tous ses accès', { intent: 'removeAll', person: LUCAS }),
  fr('Camille est partie : enlève-lui tous ses accès', { intent: 'removeAll', person: CAMILLE }),
  fr('révoque tout ce que James a', { intent: 'removeAll', person: JAMES }),
  fr('Emma Wilson nous quitte, merci de la retirer de toutes les sociétés', { intent: 'removeAll', person: EMMA }),
  fr('retire Olivia de partout', { intent: 'removeAll', person: OLIVIA }),
];

const UNDO_FR: CorpusEntry[] = [
  fr('annule ma dernière modification', { intent: 'undo' }),
  fr('défais ça', { intent: 'undo' }),
  fr('oups, annule le dernier changement', { intent: 'undo' }),
  fr('Peux-tu annuler ce que je viens de faire ?', { intent: 'undo' }),
  fr('reviens en arrière sur ma derniere modif', { intent: 'undo' }),
];

const IMPORT_TEAM_FR: CorpusEntry[] = [
  fr('importer mes collègues', { intent: 'importTeam' }),
  fr("peux-tu importer les membres de l'équipe ?", { intent: 'importTeam' }),
  fr('importe tous mes collègues de cette conversation', { intent: 'importTeam' }),
  fr("ajoute tout le monde de l'équipe", { intent: 'importTeam' }),
  fr("importer l'équipe s'il te plaît", { intent: 'importTeam' }),
];

const HISTORY_FR: CorpusEntry[] = [
  fr('historique de Sophie', { intent: 'history', person: SOPHIE }),
  fr("Qu'est-ce qui a changé chez Dupont Frères cette semaine ?", { intent: 'history', companies: [FRERES] }),
  fr('historique du Garage Leroy', { intent: 'history', companies: [GARAGE] }),
  fr("qui a modifié les accès du Café de l'Étoile récemment ?", { intent: 'history', companies: [CAFE] }),
  fr("quelles modifications ont été faites sur les accès de Camille aujourd'hui ?", { intent: 'history', person: CAMILLE }),
  fr('montre-moi le journal des modifications de Thames Valley Plumbing', { intent: 'history', companies: [THAMES] }),
  fr("qu'est-ce qui a changé à Maple Leaf Bakery depuis lundi", { intent: 'history', companies: [MAPLE] }),
  fr('historique pour julien', { intent: 'history', person: JULIEN }),
];

const UNSUPPORTED_FR: CorpusEntry[] = [
  // La phrase nomme Sophie : elle est remplie comme toute autre partie nommée.
  fr('réinitialise le mot de passe de Sophie', { intent: 'unsupported', person: SOPHIE }),
  fr('crée une nouvelle société cliente', { intent: 'unsupported' }),
  fr('supprime le cabinet', { intent: 'unsupported' }),
  fr('envoie une facture', { intent: 'unsupported' }),
  fr('quel temps fera-t-il demain ?', { intent: 'unsupported' }),
  fr('exporte tous les relevés bancaires vers Excel', { intent: 'unsupported' }),
];

const AMBIGUOUS_FR: CorpusEntry[] = [
  fr('donne à Sophie Documents de base chez Dupont', { intent: 'add', person: SOPHIE, ...DOCS_BASIC, ambiguous: DUPONT }),
  fr('qui a accès à Dupont ?', { intent: 'list', ambiguous: DUPONT }),
  fr("qu'est-ce qui a changé chez Dupont cette semaine ?", { intent: 'history', ambiguous: DUPONT }),
  fr('retire Camille de chez Dupont', { intent: 'remove', person: CAMILLE, ambiguous: DUPONT }),
  fr('change le rôle de Julien chez Dupont en Administrateur des fichiers', { intent: 'edit', person: JULIEN, ...FILES_ADMIN, ambiguous: DUPONT }),
  fr('ajoute thomas chez dupont en fichiers de base', { intent: 'add', person: THOMAS, ...FILES_BASIC, ambiguous: DUPONT }),
  fr('pourrais-tu inviter marc.durand@cabinet-martin.fr chez Dupont avec Documents standard ?', { intent: 'add', email: 'marc.durand@cabinet-martin.fr', ...DOCS_STANDARD, ambiguous: DUPONT }),
  fr("retire l'accès AutoEntry de James chez Dupont", { intent: 'remove', person: JAMES, ...AUTOENTRY, ambiguous: DUPONT }),
  fr('donne à Olivia Notes de frais standard chez dupont, en anglais canadien', { intent: 'add', person: OLIVIA, ...EXPENSES_STANDARD, language: 'en-CA', ambiguous: DUPONT }),
  // « Green Leaf » en deux mots : Green Leaf Consulting, ou Greenleaf Gardens sans l'espace.
  fr('qui peut voir Green Leaf ?', { intent: 'list', ambiguous: GREEN }),
];

export const CORPUS: CorpusEntry[] = [
  ...ADD_EN,
  ...EDIT_EN,
  ...REMOVE_EN,
  ...LIST_EN,
  ...PERSON_ACCESS_EN,
  ...COPY_EN,
  ...REMOVE_ALL_EN,
  ...UNDO_EN,
  ...IMPORT_TEAM_EN,
  ...HISTORY_EN,
  ...UNSUPPORTED_EN,
  ...AMBIGUOUS_EN,
  ...ADD_FR,
  ...EDIT_FR,
  ...REMOVE_FR,
  ...LIST_FR,
  ...PERSON_ACCESS_FR,
  ...COPY_FR,
  ...REMOVE_ALL_FR,
  ...UNDO_FR,
  ...IMPORT_TEAM_FR,
  ...HISTORY_FR,
  ...UNSUPPORTED_FR,
  ...AMBIGUOUS_FR,
];
