import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TradeIn } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../infra/events/event-bus';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { TradeInsService } from './trade-ins.service';

/** Trade-ins (with their photos) in the PIPL export; erasure deletes the photos (rows, then files) and the notes. */
@Injectable()
export class TradeInsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'tradeIns';

  constructor(
    private readonly tradeIns: TradeInsService,
    private readonly personalData: PersonalDataRegistry,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
    // Files are not transactional: they go only after the erasure committed (`rm -f`, so a retry is harmless).
    this.events.subscribe({
      name: 'trade-ins.delete-photo-files',
      type: 'TradeInPhotosErased',
      mode: 'external',
      handle: (event) => this.tradeIns.removeFiles(event.payload.fileKeys),
    });
  }

  exportFor(memberId: number): Promise<TradeIn[]> {
    return this.tradeIns.listMine(memberId);
  }

  eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    return this.tradeIns.eraseFor(manager, memberId);
  }
}
