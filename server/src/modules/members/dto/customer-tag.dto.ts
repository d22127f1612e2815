import { ApiProperty } from '@nestjs/swagger';
import type { CustomerTag } from '@lensloop/shared';

export class CustomerTagDto implements CustomerTag {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'D类' })
  name: string;

  @ApiProperty({ description: 'Set by the rules (true) or by staff (false).' })
  auto: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'D类：4 次购买，最近 2026-10-02' })
  reason: string | null;
}
