import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { NotificationsController } from './notifications.controller';
import { NotificationSignals } from './notification-signals';

/** The inbox over the notifications projection, and its live stream. */
@Module({
  imports: [ReportsModule],
  controllers: [NotificationsController],
  providers: [NotificationSignals],
})
export class NotificationsModule {}
