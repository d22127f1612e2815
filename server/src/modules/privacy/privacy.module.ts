import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** Knows no module but members: every other part comes from the personal-data registry. */
@Module({
  imports: [MembersModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
