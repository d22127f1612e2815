import { Injectable } from '@nestjs/common';

/**
 * Whether this replica wants new traffic. On SIGTERM it starts draining: `/api/health/ready`
 * answers 503 so the load balancer takes it out, while requests already routed here are still
 * served; the HTTP server closes `SHUTDOWN_DRAIN_MS` later (see main.ts).
 */
@Injectable()
export class Readiness {
  private drainingSince: number | null = null;

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }
}
