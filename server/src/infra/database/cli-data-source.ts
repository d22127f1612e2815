import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

/** For the TypeORM CLI: `DB_TYPE=mariadb DB_URL=… pnpm --filter @lensloop/server migration:run`. */
export default new DataSource(dataSourceOptions(loadConfig().database));
