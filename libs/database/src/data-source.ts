import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@schakel/config';
import { buildDataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run migration:generate -- migrations/<Name>`). */
export default new DataSource(buildDataSourceOptions(loadConfig(undefined, { secrets: false })));
