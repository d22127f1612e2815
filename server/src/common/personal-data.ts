import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * A module that stores personal data about a member takes part in PIPL export and erasure by
 * registering one of these with `PersonalDataRegistry` (in `onModuleInit`). `GET /me/export`
 * calls every exporter and `DELETE /me` every eraser, so a new module cannot be forgotten.
 */
export interface PersonalDataContributor {
  /** The key of this module's part in the export, e.g. `prescriptions`. */
  readonly section: string;
  /** Everything the module stores about the member, as the member may read it. */
  exportFor(memberId: number): Promise<unknown>;
  /**
   * Deletes or anonymises the member's personal data, inside the one erasure transaction.
   * Records kept for accounting or as an access record stay, holding ids only.
   */
  eraseFor(manager: EntityManager, memberId: number): Promise<void>;
}

@Injectable()
export class PersonalDataRegistry {
  private readonly contributors = new Map<string, PersonalDataContributor>();

  register(contributor: PersonalDataContributor): void {
    if (this.contributors.has(contributor.section)) {
      throw new Error(`personal data section ${contributor.section} is registered twice`);
    }
    this.contributors.set(contributor.section, contributor);
  }

  all(): PersonalDataContributor[] {
    return [...this.contributors.values()];
  }
}
