import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Welcome templates another module hands out itself (the customers module's welcome flow picks
 * one by the customer's state): the first-login welcome leaves them out, so nobody gets both.
 */
export interface WelcomeTemplateReservation {
  reservedTemplateIds(manager: EntityManager): Promise<Set<number>>;
}

@Injectable()
export class WelcomeTemplatePort implements WelcomeTemplateReservation {
  private reservation: WelcomeTemplateReservation | null = null;

  register(reservation: WelcomeTemplateReservation): void {
    if (this.reservation) throw new Error('a welcome template reservation is registered twice');
    this.reservation = reservation;
  }

  reservedTemplateIds(manager: EntityManager): Promise<Set<number>> {
    return this.reservation ? this.reservation.reservedTemplateIds(manager) : Promise.resolve(new Set());
  }
}
