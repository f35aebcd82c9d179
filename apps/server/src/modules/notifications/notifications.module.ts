import { IdentityModule } from '../identity/identity.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatModule } from '../wechat/wechat.module';
import { Message } from './message.entity';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { Notifier } from './notifier.service';
import { OutboxSender } from './outbox-sender.service';

@Module({
  imports: [TypeOrmModule.forFeature([Message]), WechatModule, IdentityModule],
  controllers: [MessagesController],
  providers: [MessagesService, Notifier, OutboxSender],
  exports: [Notifier, OutboxSender],
})
export class NotificationsModule {}
