import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, shanghaiDate, type FamilyProfile } from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import type { CreateProfileDto } from './dto/create-profile.dto';
import { ProfileEntity } from './entities/profile.entity';

export function toFamilyProfile(profile: ProfileEntity): FamilyProfile {
  return { id: profile.id, name: profile.name, relation: profile.relation, birthDate: profile.birthDate };
}

@Injectable()
export class ProfilesService implements PersonalDataContributor, OnModuleInit {
  readonly section = 'profiles';

  constructor(
    @InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  async exportFor(memberId: number): Promise<FamilyProfile[]> {
    return (await this.listProfiles(memberId)).map(toFamilyProfile);
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(ProfileEntity, { memberId });
  }

  listProfiles(memberId: number): Promise<ProfileEntity[]> {
    return this.profiles.find({ where: { memberId }, order: { id: 'ASC' } });
  }

  async createProfile(memberId: number, body: CreateProfileDto): Promise<ProfileEntity> {
    if (body.birthDate && body.birthDate > shanghaiDate(new Date())) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', [
        { field: 'birthDate', message: 'birthDate must not be in the future' },
      ]);
    }
    return this.profiles.save(
      this.profiles.create({
        memberId,
        name: body.name,
        relation: body.relation,
        birthDate: body.birthDate ?? null,
      }),
    );
  }

  /** The member's profile `profileId`, or their own profile when it is absent; 404 for anyone else's. */
  async getProfile(
    memberId: number,
    profileId?: number,
    manager: EntityManager = this.profiles.manager,
  ): Promise<ProfileEntity> {
    const profile = await manager.findOneBy(
      ProfileEntity,
      profileId === undefined ? { memberId, relation: 'self' } : { memberId, id: profileId },
    );
    if (!profile) throw new DomainError(ErrorCode.PROFILE_NOT_FOUND, 'No such profile.');
    return profile;
  }
}
