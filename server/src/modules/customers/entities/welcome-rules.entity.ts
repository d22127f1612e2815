import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row (`id = 1`) choosing the welcome coupon by the customer's state when added. */
@Entity('welcome_rules')
export class WelcomeRulesEntity {
  @PrimaryColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  unregisteredTemplateId: number | null;

  @Column({ type: 'int', nullable: true })
  registeredTemplateId: number | null;
}
