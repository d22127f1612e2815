import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Store } from '@lensloop/shared';

export class StoreDto implements Store {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'Simplified Chinese, as customers read it.' })
  name: string;

  @ApiProperty({ type: String, nullable: true, description: 'English translation of `name`.' })
  nameEn: string | null;

  @ApiProperty()
  city: string;

  @ApiProperty()
  address: string;

  @ApiProperty()
  phone: string;

  @ApiProperty()
  lat: number;

  @ApiProperty()
  lng: number;

  @ApiProperty({ description: 'Opening hours, local time.', example: '10:00-21:30' })
  hours: string;

  @ApiPropertyOptional({ description: 'Present when the request gave `lat` and `lng`.' })
  distanceMeters?: number;
}
