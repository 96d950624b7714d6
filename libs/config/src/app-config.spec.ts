import { ConfigurationError, loadConfig, secretProblem } from './app-config';

const base = { DATABASE_URL: 'postgres://db/schakel', REDIS_URL: 'redis://redis:6379' };
const REAL = 'f3b9c1d27a8e4f60b5c4d3e2a1908f7e6d5c4b3a29180716e5f4d3c2b1a09f8e';

describe('JWT_SECRET and the keys derived from it', () => {
  it('refuses to start without a secret outside the embedded development default', () => {
    expect(() => loadConfig({ ...base })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET is not set/);
    // the embedded flag means nothing in production
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', SCHAKEL_EMBEDDED: 'true' })).toThrow(ConfigurationError);
  });

  it("refuses known placeholders, docker-compose.yml's included, and short or repetitive secrets", () => {
    for (const secret of [
      'change-me-to-a-long-random-secret-of-32-chars-or-more',
      'development-only-secret-do-not-use-in-production',
      'changeme-changeme-changeme-changeme',
      'your-jwt-secret-goes-here-0123456789',
      'a'.repeat(64),
      'abababababababababababababababab',
      'short',
    ]) {
      expect(secretProblem(secret)).not.toBeNull();
      expect(() => loadConfig({ ...base, JWT_SECRET: secret })).toThrow(ConfigurationError);
    }
    expect(secretProblem(REAL)).toBeNull();
  });

  it('the embedded development default runs without one; a real secret runs anywhere', () => {
    expect(loadConfig({ ...base, SCHAKEL_EMBEDDED: 'true' }).embeddedDefault).toBe(true);
    const production = loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: REAL });
    expect(production.embeddedDefault).toBe(false);
  });

  it('derives one key per purpose: different from each other and from the secret, stable for the same secret', () => {
    const { keys } = loadConfig({ ...base, JWT_SECRET: REAL });
    const hex = [keys.accessTokens, keys.mailLinks, keys.calendarFeeds].map((k) => k.toString('hex'));
    expect(new Set(hex).size).toBe(3);
    for (const key of hex) expect(key).not.toContain(Buffer.from(REAL).toString('hex').slice(0, 16));
    expect(loadConfig({ ...base, JWT_SECRET: REAL }).keys.mailLinks.equals(keys.mailLinks)).toBe(true);
    expect(loadConfig({ ...base, JWT_SECRET: `${REAL}x` }).keys.mailLinks.equals(keys.mailLinks)).toBe(false);
  });
});
