import { Module } from '@nestjs/common';
import { WechatClient } from './wechat.client';

/** WeChat server API access through our own client. */
@Module({ providers: [WechatClient], exports: [WechatClient] })
export class WechatModule {}
