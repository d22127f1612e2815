import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A LensLoop manual tag's id in the chain's WeCom corp tag library (made on first use). */
@Entity('wecom_corp_tags')
export class WecomCorpTagEntity {
  @PrimaryColumn({ length: 64 })
  name: string;

  @Column({ length: 64 })
  tagId: string;
}
