import type { AppConfig } from '@schakel/config';
import { LINK_LIFETIME_SECONDS, LinkSigner } from './link-signer';

const signer = new LinkSigner({ publicBaseUrl: 'http://x', keys: { mailLinks: Buffer.from('s'.repeat(32)) } } as unknown as AppConfig);

describe('LinkSigner', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('verifies its own token for the same purpose until it expires', () => {
    const token = signer.sign('cancel', 'e-1', now);
    expect(signer.verify('cancel', token, now)).toBe('e-1');
    const justBefore = new Date(now.getTime() + LINK_LIFETIME_SECONDS.cancel * 1000 - 1000);
    expect(signer.verify('cancel', token, justBefore)).toBe('e-1');
    const after = new Date(now.getTime() + LINK_LIFETIME_SECONDS.cancel * 1000 + 1000);
    expect(signer.verify('cancel', token, after)).toBeNull();
  });

  it('refuses another purpose, an edited expiry and the old unexpiring format', () => {
    const token = signer.sign('reset', 'u-1:0', now);
    expect(signer.verify('welcome', token, now)).toBeNull();
    const [id, expiry, mac] = token.split('.');
    expect(signer.verify('reset', `${id}.${(parseInt(expiry, 36) + 99_999).toString(36)}.${mac}`, now)).toBeNull();
    expect(signer.verify('reset', `${id}.${mac}`, now)).toBeNull();
    expect(signer.verify('reset', '', now)).toBeNull();
  });

  it('lets a reset link live one hour', () => {
    const token = signer.sign('reset', 'u-1:0', now);
    expect(signer.verify('reset', token, new Date(now.getTime() + 3_599_000))).toBe('u-1:0');
    expect(signer.verify('reset', token, new Date(now.getTime() + 3_601_000))).toBeNull();
  });
});
