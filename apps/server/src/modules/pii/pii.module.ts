import { Module } from '@nestjs/common';
import { PiiAuditService } from './pii-audit.service';
import { PiiCipher } from './pii-cipher';

@Module({ providers: [PiiCipher, PiiAuditService], exports: [PiiCipher, PiiAuditService] })
export class PiiModule {}
