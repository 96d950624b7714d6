import { hkdfSync } from 'node:crypto';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The raw environment, as named in spec/api.md. Every value is optional. */
class EnvironmentVariables {
  @IsOptional() @IsIn(NODE_ENVS) NODE_ENV?: NodeEnv;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) API_WORKERS?: number;
  @IsOptional() @IsString() PUBLIC_BASE_URL?: string;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsString() REDIS_URL?: string;
  @IsOptional() @IsString() SMTP_URL?: string;
  @IsOptional() @IsString() MAIL_FROM?: string;
  @IsOptional() @IsString() ADMIN_EMAIL?: string;
  @IsOptional() @IsString() @MinLength(10) ADMIN_PASSWORD?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(60) JWT_EXPIRES_IN_SECONDS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() DEMO_DATA?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) SWEEP_INTERVAL_SECONDS?: number;
  @IsOptional() @IsString() QUEUE_PREFIX?: string;
  @IsOptional() @IsString() LOG_LEVEL?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) REGISTER_RATE_LIMIT_PER_IP_PER_MINUTE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) PASSWORD_RESET_RATE_LIMIT_PER_IP_PER_MINUTE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) VERIFY_RATE_LIMIT_PER_IP_PER_MINUTE?: number;
  /** Express's `trust proxy`: false (default), true, a hop count, or addresses/subnets (`loopback`, `10.0.0.0/8`). */
  @IsOptional() @IsString() TRUST_PROXY?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() SWAGGER_UI?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(120) RETENTION_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500) DATABASE_POOL_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) DATABASE_CONNECT_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) DATABASE_STATEMENT_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS?: number;
  @IsOptional() @IsString() STORAGE_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) PROMOTION_CUTOFF_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) MESSAGE_DAILY_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) MESSAGE_RETRY_DELAY_MS?: number;
  /** Set only by scripts/start.mjs when it brings up the embedded PostgreSQL: the development default. */
  @IsOptional() @Transform(toBool) @IsBoolean() SCHAKEL_EMBEDDED?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) MESSAGE_CLAIM_LEASE_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(300_000) BACKGROUND_YIELD_MAX_MS?: number;
  @IsOptional() @IsString() INVOICE_PROVIDER_NAME?: string;
  @IsOptional() @IsString() INVOICE_PROVIDER_ADDRESS?: string;
  @IsOptional() @IsString() INVOICE_PROVIDER_IBAN?: string;
  @IsOptional() @IsString() INVOICE_PROVIDER_VAT_NUMBER?: string;
  @IsOptional() @IsString() INVOICE_PROVIDER_COC_NUMBER?: string;
}

/** The validated, typed configuration. Built once from the environment at boot. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  /** API processes sharing the port (node:cluster); each is stateless, so any number works. */
  readonly apiWorkers: number;
  readonly publicBaseUrl: string;
  readonly databaseUrl: string;
  /** Connections per process: size it with the README (N API + M worker processes share max_connections). */
  readonly databasePoolSize: number;
  readonly databaseTimeouts: { connectMs: number; statementMs: number; idleInTransactionMs: number };
  readonly redisUrl: string;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  readonly admin?: { email: string; password: string };
  readonly jwt: { expiresInSeconds: number };
  /** The embedded development default (npm start without DATABASE_URL): dev-only conveniences such as /dev/mail. */
  readonly embeddedDefault: boolean;
  /** One key per purpose, derived from JWT_SECRET (HKDF-SHA256): a token of one kind never verifies as another. */
  readonly keys: SigningKeys;
  readonly demoData: boolean;
  readonly sweepIntervalSeconds: number;
  readonly queuePrefix: string;
  /**
   * How long the worker's background jobs (relay, mail, certificates) wait for a calm API in
   * one busy stretch before they go ahead anyway; 0: never wait.
   */
  readonly backgroundYieldMaxMs: number;
  readonly logLevel: string;
  readonly rateLimits: {
    loginPerAccountPerMinute: number;
    loginPerIpPerMinute: number;
    registerPerIpPerMinute: number;
    passwordResetPerIpPerMinute: number;
    verifyPerIpPerMinute: number;
  };
  /** Express's `trust proxy` value: which hops may say who the client is (X-Forwarded-For). */
  readonly trustProxy: boolean | number | string;
  /** Swagger UI at /api/docs (the JSON document stays): on by default, off with SWAGGER_UI=false. */
  readonly swaggerUi: boolean;
  /** Processed outbox events, sent deliveries and caught mails are deleted after this many days. */
  readonly retentionDays: number;
  readonly storageDir: string;
  /** Within this many hours of a session's start a freed seat is not given away automatically. */
  readonly promotionCutoffHours: number;
  /** E-mail delivery: per-recipient daily limit, first retry delay, lease of a claimed send. */
  readonly messaging: { dailyLimit: number; retryDelayMs: number; claimLeaseSeconds: number };
  /** The training provider as printed on invoices (address lines separated by `|` or newlines). */
  readonly invoiceProvider: { name: string; address: string[]; iban: string; vatNumber: string; cocNumber: string };

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

export interface SigningKeys {
  accessTokens: Buffer;
  mailLinks: Buffer;
  calendarFeeds: Buffer;
  /** Signs the page-session cookie (express-session). */
  pageSessions: Buffer;
  /** The HMAC of the pages' CSRF tokens (csrf-csrf). */
  csrf: Buffer;
}

export class ConfigurationError extends Error {}

const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';

/** Secrets that are published (docs, docker-compose.yml) or typed by someone who meant to change them later. */
const KNOWN_PLACEHOLDERS = new Set([DEVELOPMENT_JWT_SECRET, 'change-me-to-a-long-random-secret-of-32-chars-or-more']);
const PLACEHOLDER_WORDS = /change[-_ .]?me|placeholder|example|your[-_ ]?(jwt[-_ ]?)?secret|replace[-_ ]?(me|this)|not[-_ ]?a[-_ ]?secret|^(.)\1+$/i;

/** Why this secret is not a real one, or null when it may be used. */
export function secretProblem(secret: string | undefined): string | null {
  if (!secret) return 'is not set';
  if (secret.length < 32) return 'is shorter than 32 characters';
  if (KNOWN_PLACEHOLDERS.has(secret) || PLACEHOLDER_WORDS.test(secret)) return 'is a placeholder, not a secret';
  if (new Set(secret).size < 10) return 'has too few distinct characters to be random';
  return null;
}

/** HKDF-SHA256 per purpose: leaking or misusing one key (say, a mail link) gives nothing for another. */
export function deriveKeys(secret: string): SigningKeys {
  const key = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'schakel', `schakel/${purpose}/v1`, 32));
  return {
    accessTokens: key('access-token'),
    mailLinks: key('mail-link'),
    calendarFeeds: key('calendar-feed'),
    pageSessions: key('page-session'),
    csrf: key('csrf'),
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export interface LoadOptions {
  /** False for the migration CLI, which signs nothing and runs before secrets are handed out. */
  secrets?: boolean;
}

/** Reads and validates the environment. The only place in the code base that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, { ...env });
  const errors = validateSync(raw, { whitelist: true, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const nodeEnv = raw.NODE_ENV ?? 'development';
  if (!raw.DATABASE_URL) throw new ConfigurationError('DATABASE_URL is not set (npm start sets it for the embedded default)');
  if (!raw.REDIS_URL) throw new ConfigurationError('REDIS_URL is not set (npm start sets it for the embedded default)');
  const embeddedDefault = raw.SCHAKEL_EMBEDDED === true && nodeEnv !== 'production';
  // Only the embedded development default may fall back to the published development secret.
  const secretIssue = embeddedDefault && !raw.JWT_SECRET ? null : secretProblem(raw.JWT_SECRET);
  if (secretIssue && options.secrets !== false) {
    throw new ConfigurationError(`JWT_SECRET ${secretIssue}: set a random one, e.g. \`openssl rand -hex 32\` (only the embedded default of npm start runs without it)`);
  }
  if ((raw.ADMIN_EMAIL && !raw.ADMIN_PASSWORD) || (!raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD)) {
    throw new ConfigurationError('ADMIN_EMAIL and ADMIN_PASSWORD go together');
  }
  const port = raw.PORT ?? 3000;
  return new AppConfig({
    nodeEnv,
    port,
    apiWorkers: raw.API_WORKERS ?? 1,
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE ?? 20,
    databaseTimeouts: {
      connectMs: raw.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000,
      statementMs: raw.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000,
      idleInTransactionMs: raw.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 60_000,
    },
    redisUrl: raw.REDIS_URL,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? 'Schakel <no-reply@schakel.local>',
    admin: raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD } : undefined,
    jwt: { expiresInSeconds: raw.JWT_EXPIRES_IN_SECONDS ?? 900 },
    embeddedDefault,
    keys: deriveKeys(raw.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
    demoData: raw.DEMO_DATA ?? false,
    sweepIntervalSeconds: raw.SWEEP_INTERVAL_SECONDS ?? 60,
    queuePrefix: raw.QUEUE_PREFIX ?? 'schakel',
    backgroundYieldMaxMs: raw.BACKGROUND_YIELD_MAX_MS ?? 10_000,
    logLevel: raw.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    rateLimits: {
      loginPerAccountPerMinute: raw.LOGIN_RATE_LIMIT_PER_MINUTE ?? 10,
      loginPerIpPerMinute: raw.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE ?? 300,
      registerPerIpPerMinute: raw.REGISTER_RATE_LIMIT_PER_IP_PER_MINUTE ?? 10,
      passwordResetPerIpPerMinute: raw.PASSWORD_RESET_RATE_LIMIT_PER_IP_PER_MINUTE ?? 5,
      verifyPerIpPerMinute: raw.VERIFY_RATE_LIMIT_PER_IP_PER_MINUTE ?? 60,
    },
    trustProxy: parseTrustProxy(raw.TRUST_PROXY),
    swaggerUi: raw.SWAGGER_UI ?? true,
    retentionDays: raw.RETENTION_DAYS ?? 180,
    storageDir: raw.STORAGE_DIR ?? '.data/files',
    promotionCutoffHours: raw.PROMOTION_CUTOFF_HOURS ?? 24,
    messaging: {
      dailyLimit: raw.MESSAGE_DAILY_LIMIT ?? 10,
      retryDelayMs: raw.MESSAGE_RETRY_DELAY_MS ?? 2_000,
      claimLeaseSeconds: raw.MESSAGE_CLAIM_LEASE_SECONDS ?? 300,
    },
    invoiceProvider: {
      name: raw.INVOICE_PROVIDER_NAME ?? 'Schakel Training',
      address: (raw.INVOICE_PROVIDER_ADDRESS ?? 'Voorbeeldstraat 1|1234 AB Utrecht').split(/\||\n/).map((line) => line.trim()).filter(Boolean),
      iban: raw.INVOICE_PROVIDER_IBAN ?? 'NL00 BANK 0123 4567 89',
      vatNumber: raw.INVOICE_PROVIDER_VAT_NUMBER ?? 'NL000000000B01',
      cocNumber: raw.INVOICE_PROVIDER_COC_NUMBER ?? '00000000',
    },
  });
}
