import type { ChainRole, OrganisationRole } from '@schakel/common';

/** Demo logins, printed by `npm start`. Only seeded with DEMO_DATA=true. */
export const DEMO_PASSWORD = 'schakel-demo';

export const DEMO_ORGANISATION = { name: 'Gemeente Voorbeeldstad', kind: 'municipality' as const };

export const DEMO_ADMIN = { email: 'beheer@schakel.demo', name: 'Platformbeheer Schakel' };

export const DEMO_MEMBERS: Array<{
  email: string;
  name: string;
  roles: OrganisationRole[];
  chainRoles: ChainRole[];
  label: string;
}> = [
  { email: 'coordinator@voorbeeldstad.demo', name: 'Fatima El Amrani', roles: ['org-admin'], chainRoles: ['coordinator'], label: 'organisation admin' },
  { email: 'trainer@schakel.demo', name: 'Joost Verbeek', roles: ['trainer'], chainRoles: [], label: 'trainer' },
  { email: 'vrijwilliger@voorbeeldstad.demo', name: 'Ria Bakker', roles: ['learner'], chainRoles: ['first-conversation'], label: 'learner (volunteer)' },
  { email: 'wijkteam@voorbeeldstad.demo', name: 'Sanne de Groot', roles: ['learner'], chainRoles: ['deeper-conversation', 'intake-referral'], label: 'learner (district team)' },
];
