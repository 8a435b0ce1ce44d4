// Members of a Teams team of the demo practice, as src/bot hands them to the flow: some the practice knows
// (by object id, by e-mail in another case), one of another tenant, and `fresh` it does not know yet.
import type { TeamMember, TeamRoster } from '../../flows/ports.ts';

export const DEMO_TENANT = '7d3c9a52-5f1e-4b8a-9c2d-1e0f3a4b5c6d';
const OTHER_TENANT = '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f';

/** New member n (from 1): "Nouveau Membre 1", nouveau.membre1@cabinet-martin.fr. */
export function newMember(n: number): TeamMember {
  const id = `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { aadObjectId: id, name: `Nouveau Membre ${n}`, email: `nouveau.membre${n}@cabinet-martin.fr`, tenantId: DEMO_TENANT };
}

export function demoTeam(fresh: number): TeamRoster {
  const members: TeamMember[] = [
    // Julien Moreau, known by his object id.
    { aadObjectId: '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a02', name: 'Julien Moreau', email: 'julien.moreau@cabinet-martin.fr', tenantId: DEMO_TENANT },
    // Thomas Petit, known by his e-mail only (no object id yet), cased otherwise in Teams.
    { aadObjectId: 'c0ffee00-0000-4000-8000-aaaaaaaaaaaa', name: 'Thomas Petit', email: 'Thomas.Petit@Cabinet-Martin.fr', tenantId: DEMO_TENANT },
    // Someone of another organisation in the chat.
    { aadObjectId: 'c0ffee00-0000-4000-8000-bbbbbbbbbbbb', name: 'Visiteur Externe', email: 'visiteur@fiduciaire-nord.fr', tenantId: OTHER_TENANT },
    ...Array.from({ length: fresh }, (_, i) => newMember(i + 1)),
  ];
  return { status: 'members', members, capped: false };
}
