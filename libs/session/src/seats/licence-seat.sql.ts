/**
 * The licence parts of the seat statements (session seats in SeatLedgerRepository.takeSeat,
 * online seats in LicenceSeatRepository.takeOnlineSeat), written once so both decide alike.
 * Parameters: $1 the learner, $2 the course, $6 the licence (session statement) — callers
 * bind the same numbers.
 */

/**
 * The licence, if it is for this course and the learner is a member of its organisation
 * (a licence of another organisation is "missing", never "full"); `expired` from the snapshot.
 */
export const LICENCE_OF_MEMBER = `
  SELECT l.id, l.organisation_id, (l.expires_at IS NOT NULL AND l.expires_at <= now()) AS expired
    FROM licences l
   WHERE l.id = $6::uuid AND l.course_id = $2
     AND EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = l.organisation_id AND m.user_id = $1 AND m.status = 'active')`;

/**
 * Uses one seat. An UPDATE waits for the row lock held by a concurrent enrolment and then
 * re-evaluates this WHERE on the committed row (READ COMMITTED), so `used < seats` is
 * always checked against the latest count: the seat decision is this statement.
 */
export const USE_LICENCE_SEAT = `
  UPDATE licences l SET used = l.used + 1
   WHERE l.id = $6::uuid AND EXISTS (SELECT 1 FROM lic WHERE NOT lic.expired)
     AND l.used < l.seats AND (l.expires_at IS NULL OR l.expires_at > now())`;
