import { Module } from '@nestjs/common';
import { RuleSetsService } from './rule-sets.service';

/** Versioned county rules (hardship standards, legal-aid rules): one table, one way of versioning. */
@Module({ providers: [RuleSetsService], exports: [RuleSetsService] })
export class RuleSetsModule {}
