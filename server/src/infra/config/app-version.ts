import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The server's version from its package.json (three levels up from both src/ and dist/). */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;
