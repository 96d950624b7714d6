import { CATALOGUE_ENTITIES } from '@schakel/catalogue';
import { CERTIFICATION_ENTITIES } from '@schakel/certification';
import { ENROLMENT_ENTITIES } from '@schakel/enrolment';
import { USER_ENTITIES } from '@schakel/identity';
import { JOB_ENTITIES } from '@schakel/jobs';
import { MESSAGING_ENTITIES } from '@schakel/messaging';
import { ORGANISATION_ENTITIES } from '@schakel/organisation';
import { SESSION_ENTITIES } from '@schakel/session';

/** Every entity of every domain; the data source registers exactly these. */
export const ALL_ENTITIES = [
  ...USER_ENTITIES,
  ...ORGANISATION_ENTITIES,
  ...JOB_ENTITIES,
  ...CATALOGUE_ENTITIES,
  ...SESSION_ENTITIES,
  ...ENROLMENT_ENTITIES,
  ...CERTIFICATION_ENTITIES,
  ...MESSAGING_ENTITIES,
];
