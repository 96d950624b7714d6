import { CHAIN_ROLES, ORGANISATION_ROLES, type ChainRole, type Locale, type OrganisationRole } from '@schakel/common';
import type { MemberResponse } from '@schakel/organisation';
import type { PageRenderer } from '@schakel/web';

/** A checkbox group's ticked values (a plain form sends the name once per ticked box, or not at all). */
export function formList(body: unknown, field: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

export interface Choice {
  value: string;
  label: string;
  checked: boolean;
}

export function roleChoices(pages: PageRenderer, lang: Locale, ticked: readonly string[]): Choice[] {
  return ORGANISATION_ROLES.map((role) => ({ value: role, label: pages.word(lang, `org.roles.${role}`), checked: ticked.includes(role) }));
}

export function chainRoleChoices(pages: PageRenderer, lang: Locale, ticked: readonly string[]): Choice[] {
  return CHAIN_ROLES.map((role) => ({ value: role, label: pages.word(lang, `chainRoles.${role}`), checked: ticked.includes(role) }));
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  roles: string;
  chainRoles: string;
  pending: boolean;
  since: string;
}

/** A member as the "Leden" table shows her: roles and chain roles in words. */
export function memberView(pages: PageRenderer, lang: Locale, m: MemberResponse, since: string): MemberView {
  return {
    userId: m.userId,
    name: m.name,
    email: m.email,
    roles: m.roles.map((r: OrganisationRole) => pages.word(lang, `org.roles.${r}`)).join(', ') || '—',
    chainRoles: m.chainRoles.map((r: ChainRole) => pages.word(lang, `chainRoles.${r}`)).join(', ') || '—',
    pending: m.status === 'pending',
    since,
  };
}
