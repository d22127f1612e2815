import { Inject, Injectable } from '@nestjs/common';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';

/**
 * Trade-in photo files under `UPLOAD_DIR` (default `.data/uploads`), named by a random key the
 * server chose; nothing serves that directory directly, `GET /trade-in-photos/:id` checks who asks.
 */
@Injectable()
export class TradeInPhotoStorage {
  private readonly directory: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.directory = join(config.tradeIns.uploadDirectory, 'trade-ins');
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(`not a photo key: ${key}`);
    return join(this.directory, key);
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeFile(this.pathOf(key), bytes, { flag: 'wx' });
  }

  /** The file's bytes, or null when it is gone. */
  async read(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
