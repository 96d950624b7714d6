import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCertificateCode,
  generateCertificateCode,
  normaliseCertificateCode,
} from './certificate-code';

describe('certificate codes', () => {
  it('gives 1,000 distinct codes of the right length and alphabet', () => {
    const codes = Array.from({ length: 1000 }, generateCertificateCode);
    expect(new Set(codes).size).toBe(1000);
    for (const code of codes) {
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]+$/);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('carries at least 128 bits', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(128);
  });

  it('uses every symbol of the alphabet (no biased bits)', () => {
    const seen = new Set(Array.from({ length: 200 }, generateCertificateCode).join(''));
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });

  it('prints in groups of four and reads back whatever the case, dashes or look-alikes', () => {
    const code = generateCertificateCode();
    const printed = formatCertificateCode(code);
    expect(printed).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    expect(normaliseCertificateCode(printed)).toBe(code);
    expect(normaliseCertificateCode(` ${printed.toLowerCase()} `)).toBe(code);
    expect(normaliseCertificateCode('0o1iL-')).toBe('00111');
  });
});
