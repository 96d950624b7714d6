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
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) DATABASE_POOL_SIZE?: number;
  @IsOptional() @IsString() STORAGE_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) PROMOTION_CUTOFF_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) MESSAGE_DAILY_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) MESSAGE_RETRY_DELAY_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) MESSAGE_CLAIM_LEASE_SECONDS?: number;
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
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  readonly admin?: { email: string; password: string };
  readonly jwt: { secret: string; expiresInSeconds: number };
  readonly demoData: boolean;
  readonly sweepIntervalSeconds: number;
  readonly queuePrefix: string;
  readonly logLevel: string;
  readonly loginRateLimit: { perAccountPerMinute: number; perIpPerMinute: number };
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

export class ConfigurationError extends Error {}

const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';

/** Reads and validates the environment. The only place in the code base that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, { ...env });
  const errors = validateSync(raw, { whitelist: true, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const nodeEnv = raw.NODE_ENV ?? 'development';
  if (!raw.DATABASE_URL) throw new ConfigurationError('DATABASE_URL is not set (npm start sets it for the embedded default)');
  if (!raw.REDIS_URL) throw new ConfigurationError('REDIS_URL is not set (npm start sets it for the embedded default)');
  if (nodeEnv === 'production' && !raw.JWT_SECRET) throw new ConfigurationError('JWT_SECRET is required in production');
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
    redisUrl: raw.REDIS_URL,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? 'Schakel <no-reply@schakel.local>',
    admin: raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD } : undefined,
    jwt: { secret: raw.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, expiresInSeconds: raw.JWT_EXPIRES_IN_SECONDS ?? 900 },
    demoData: raw.DEMO_DATA ?? false,
    sweepIntervalSeconds: raw.SWEEP_INTERVAL_SECONDS ?? 60,
    queuePrefix: raw.QUEUE_PREFIX ?? 'schakel',
    logLevel: raw.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    loginRateLimit: {
      perAccountPerMinute: raw.LOGIN_RATE_LIMIT_PER_MINUTE ?? 10,
      perIpPerMinute: raw.LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE ?? 300,
    },
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
