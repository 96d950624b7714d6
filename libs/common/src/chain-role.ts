/** The links of a loneliness chain; each has its own training path. */
export const CHAIN_ROLES = ['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

/** Roles a person can hold within one organisation. */
export const ORGANISATION_ROLES = ['learner', 'trainer', 'org-admin'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
