import type { MessageKind } from './kinds';

/**
 * The sweep's due selections. Each inserts the deliveries that are due now ($1) and
 * returns the new rows; ON CONFLICT on the delivery key makes concurrent sweeps
 * harmless. Each starts from a partial index on the moment (sessions.starts_at,
 * enrolments.last_activity_at, certificates.expires_at), so its cost follows what is
 * due within the window, not the number of enrolments.
 *
 * The keys are built here in SQL, in the same format as each kind's `key()`
 * (kinds/*.message.ts; message-kinds.spec.ts pins them).
 */
const REMINDER: MessageKind = 'session-reminder';
const NUDGE: MessageKind = 'module-nudge';
const EXPIRY_NOTICE: MessageKind = 'certificate-expiring';

/** Confirmed learners of sessions starting within 7 days; only the latest window that applies. */
export const DUE_REMINDERS_SQL = `
  INSERT INTO message_deliveries (key, kind, user_id, subject)
  SELECT '${REMINDER}:' || w.win || ':' || s.id || ':' || e.user_id || ':' || floor(extract(epoch FROM s.starts_at))::bigint, '${REMINDER}', e.user_id,
         jsonb_build_object('sessionId', s.id, 'enrolmentId', e.id, 'window', w.win, 'startsAt', floor(extract(epoch FROM s.starts_at))::bigint)
    FROM sessions s
    CROSS JOIN LATERAL (SELECT CASE WHEN s.starts_at <= $1::timestamptz + interval '1 day' THEN '1d' ELSE '7d' END AS win) w
    JOIN enrolments e ON e.session_id = s.id AND e.status = 'confirmed'
   WHERE s.status = 'scheduled'
     AND s.starts_at > $1::timestamptz AND s.starts_at <= $1::timestamptz + interval '7 days'
  ON CONFLICT (key) DO NOTHING
  RETURNING id, attempts`;

/**
 * Online and blended modules without progress for 14 days: nudge 1, then nudge 2 at
 * least 14 days after the first. Enrolments quiet for more than 90 days are left alone
 * (both nudges are long past), which keeps the index range bounded.
 */
export const DUE_NUDGES_SQL = `
  INSERT INTO message_deliveries (key, kind, user_id, subject)
  SELECT '${NUDGE}:' || e.id || ':' || (prev.n + 1), '${NUDGE}', e.user_id,
         jsonb_build_object('enrolmentId', e.id, 'window', (prev.n + 1)::text)
    FROM enrolments e
    JOIN courses c ON c.id = e.course_id AND c.format IN ('online', 'blended')
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n, max(d.created_at) AS last
        FROM message_deliveries d
       WHERE d.key IN ('${NUDGE}:' || e.id || ':1', '${NUDGE}:' || e.id || ':2')) prev
   WHERE e.status = 'active'
     AND e.last_activity_at <= $1::timestamptz - interval '14 days'
     AND e.last_activity_at > $1::timestamptz - interval '90 days'
     AND prev.n < 2 AND (prev.last IS NULL OR prev.last <= $1::timestamptz - interval '14 days')
     AND NOT EXISTS (SELECT 1 FROM message_preferences p WHERE p.user_id = e.user_id AND NOT p.nudges)
  ON CONFLICT (key) DO NOTHING
  RETURNING id, attempts`;

/** Issued, unrevoked, not yet renewed certificates expiring within 60 days (60d, then 14d). */
export const DUE_EXPIRY_NOTICES_SQL = `
  INSERT INTO message_deliveries (key, kind, user_id, subject)
  SELECT '${EXPIRY_NOTICE}:' || w.win || ':' || c.id, '${EXPIRY_NOTICE}', c.user_id,
         jsonb_build_object('certificateId', c.id, 'window', w.win)
    FROM certificates c
    CROSS JOIN LATERAL (SELECT CASE WHEN c.expires_at <= $1::timestamptz + interval '14 days' THEN '14d' ELSE '60d' END AS win) w
   WHERE c.revoked_at IS NULL AND c.expires_at IS NOT NULL AND c.state = 'issued'
     AND c.expires_at > $1::timestamptz AND c.expires_at <= $1::timestamptz + interval '60 days'
     AND NOT EXISTS (SELECT 1 FROM certificates r WHERE r.renews_certificate_id = c.id)
  ON CONFLICT (key) DO NOTHING
  RETURNING id, attempts`;
