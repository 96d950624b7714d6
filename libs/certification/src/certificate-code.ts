import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed over is hard to get wrong. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 28 symbols × 5 bits = 140 bits from the CSPRNG (at least 128 are required). */
export const CODE_LENGTH = 28;
const GROUP = 4;

/**
 * A fresh verification code: random bits only, never derived from ids or dates, so
 * knowing one certificate tells nothing about another. Stored without dashes.
 */
export function generateCertificateCode(): string {
  const bytes = randomBytes(Math.ceil((CODE_LENGTH * 5) / 8));
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < CODE_LENGTH) {
      code += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** How people see the code: groups of four, `7K3M-QX9A-…`. */
export function formatCertificateCode(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? code;
}

/**
 * What a person typed or scanned, in the stored form: case and dashes or spaces do not
 * matter, and the look-alikes Crockford allows are mapped (I/L → 1, O → 0). Anything
 * else is left in, so it simply matches nothing.
 */
export function normaliseCertificateCode(input: string): string {
  return input
    .slice(0, 200)
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}
