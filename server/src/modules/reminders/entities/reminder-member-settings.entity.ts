import type { ReminderKind } from '@lensloop/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** What a member muted (absent: nothing). */
@Entity('reminder_member_settings')
export class ReminderMemberSettingsEntity {
  @PrimaryColumn('int')
  memberId: number;

  @Column('simple-json')
  muted: ReminderKind[];

  @UpdatedAt()
  updatedAt: Date;
}
