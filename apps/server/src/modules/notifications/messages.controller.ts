import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { Answers, ParamOf, QueryOf } from '../../common/schema';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  messagePage,
  pageQuery,
  subscribeTemplates,
  unreadCount,
  type MessageView,
  type Page,
  type PageQuery,
  type SubscribeTemplates,
  type UnreadCount,
} from '@union/shared';
import { SignedIn } from '../../common/access';
import { CurrentActor, type Actor } from '../../common/actor';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('messages')
  @SignedIn()
  @Answers(messagePage)
  list(@CurrentActor() actor: Actor, @QueryOf(pageQuery) query: PageQuery): Promise<Page<MessageView>> {
    return this.messages.list(actor, query.after, query.limit ?? 20);
  }

  @Get('messages/unread-count')
  @SignedIn()
  @Answers(unreadCount)
  unread(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return this.messages.unreadCount(actor);
  }

  @Post('messages/:id/read')
  @HttpCode(204)
  @SignedIn()
  async read(@CurrentActor() actor: Actor, @ParamOf('id') id: number): Promise<void> {
    await this.messages.markRead(actor, id);
  }

  /** Template ids the mini-program asks the user to subscribe to (wx.requestSubscribeMessage). */
  @Get('notifications/subscribe-templates')
  @SignedIn()
  @Answers(subscribeTemplates)
  async templates(): Promise<SubscribeTemplates> {
    return { templateIds: [this.config.wechat.subscribeTemplateId] };
  }
}
