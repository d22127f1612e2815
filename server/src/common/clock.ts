import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@lensloop/shared';

/**
 * The business clock: every time rule and job (order expiry, coupon validity, group deadlines,
 * reminders, tier windows) asks it for "now" instead of `new Date()`. Outside production
 * `POST /dev/clock` moves it forward, like a payment provider's test clock, so tests of
 * deadlines take milliseconds. The offset lives in this process: with several replicas a test
 * advances each one it uses.
 */
@Injectable()
export class BusinessClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Milliseconds since the epoch on the business clock. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Today's date in Asia/Shanghai, `YYYY-MM-DD`. */
  today(): string {
    return shanghaiDate(this.now());
  }

  advance(seconds: number): Date {
    this.offsetMs += seconds * 1000;
    return this.now();
  }

  reset(): Date {
    this.offsetMs = 0;
    return this.now();
  }
}
