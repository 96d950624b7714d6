import type { ChainRole, Locale } from '@schakel/common';

/** The chain roles in the words people use (PRODUCT.md). */
export const CHAIN_ROLE_LABELS: Record<Locale, Record<ChainRole, string>> = {
  nl: {
    'first-conversation': 'eerste gesprek',
    'deeper-conversation': 'verdiepend gesprek',
    'intake-referral': 'intake en verwijzing',
    coordinator: 'spin in het web',
  },
  en: {
    'first-conversation': 'first conversation',
    'deeper-conversation': 'deeper conversation',
    'intake-referral': 'intake and referral',
    coordinator: 'coordinator (hub of the chain)',
  },
};
