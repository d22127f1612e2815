import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxController } from './outbox.controller';
import { OutboxDispatcher } from './outbox-dispatcher';

/** Domain events through the transactional outbox; every module may publish and subscribe. */
@Global()
@Module({
  controllers: [OutboxController],
  providers: [EventBus, OutboxDispatcher, OutboxAdminService],
  exports: [EventBus],
})
export class EventsModule {}
