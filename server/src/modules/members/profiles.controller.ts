import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type FamilyProfile } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { CreateProfileDto, UpdateProfileDto } from './dto/create-profile.dto';
import { ProfilesService, toFamilyProfile } from './profiles.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { FamilyProfileDto } from './dto/member.dto';

@ApiTags('members')
@Controller('me/profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s family profiles' })
  @ApiOkResponse({ type: [FamilyProfileDto] })
  async listProfiles(@CurrentPrincipal() principal: Principal): Promise<FamilyProfile[]> {
    return (await this.profiles.listProfiles(principal.id)).map(toFamilyProfile);
  }

  @Post()
  @Roles('customer')
  @ApiOperation({ summary: 'Add a family profile (child, spouse, parent, other)' })
  @ApiCreatedResponse({ type: FamilyProfileDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  async createProfile(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProfileDto,
  ): Promise<FamilyProfile> {
    return toFamilyProfile(await this.profiles.createProfile(principal.id, body));
  }

  @Patch(':profileId')
  @Roles('customer')
  @ApiOperation({ summary: 'Change a family profile’s name or birth date' })
  @ApiOkResponse({ type: FamilyProfileDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.PROFILE_NOT_FOUND)
  async updateProfile(
    @CurrentPrincipal() principal: Principal,
    @Param('profileId', IdPipe) profileId: number,
    @Body() body: UpdateProfileDto,
  ): Promise<FamilyProfile> {
    return toFamilyProfile(await this.profiles.updateProfile(principal.id, profileId, body));
  }
}
