import type { LensOptionKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A priced extra on spectacle lenses: coating, blue-cut, photochromic or tint. */
@Entity('lens_options')
export class LensOptionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 20 })
  kind: LensOptionKind;

  @Column({ length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  nameEn: string | null;

  /** Price per pair in fen. */
  @Column('int')
  price: number;

  @Column({ default: true })
  onSale: boolean;
}
