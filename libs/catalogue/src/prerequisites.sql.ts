/**
 * The titles of a course's prerequisites a person has not met yet, in title order, as one
 * SQL expression (a text[]). A prerequisite counts as met by a completion or by a valid
 * certificate (issued, not revoked, not expired). Written once for the two statements that
 * decide an enrolment: the course check (EnrolmentRepository) and the seat statement
 * (SeatLedgerRepository.takeSeat). `course` and `user` are the callers' placeholders ($n).
 * Plain SQL on purpose: the catalogue must not import the domains that own those tables.
 */
export const missingPrerequisiteTitles = (course: string, user: string): string => `
  ARRAY(SELECT pc.title
          FROM course_prerequisites p JOIN courses pc ON pc.id = p.prerequisite_id
         WHERE p.course_id = ${course}
           AND NOT EXISTS (SELECT 1 FROM completions x WHERE x.user_id = ${user} AND x.course_id = p.prerequisite_id)
           AND NOT EXISTS (SELECT 1 FROM certificates x
                            WHERE x.user_id = ${user} AND x.course_id = p.prerequisite_id AND x.state = 'issued'
                              AND x.revoked_at IS NULL AND (x.expires_at IS NULL OR x.expires_at > now()))
         ORDER BY pc.title)`;
