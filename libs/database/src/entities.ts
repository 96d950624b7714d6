import { USER_ENTITIES } from '@schakel/identity';
import { JOB_ENTITIES } from '@schakel/jobs';
import { ORGANISATION_ENTITIES } from '@schakel/organisation';

/** Every entity of every domain; the data source registers exactly these. */
export const ALL_ENTITIES = [...USER_ENTITIES, ...ORGANISATION_ENTITIES, ...JOB_ENTITIES];
