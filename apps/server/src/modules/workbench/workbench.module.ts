import { Module } from '@nestjs/common';
import { MembershipModule } from '../membership/membership.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PiiModule } from '../pii/pii.module';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

@Module({
  imports: [MembershipModule, OrganizationsModule, PiiModule],
  controllers: [WorkbenchController],
  providers: [WorkbenchService],
})
export class WorkbenchModule {}
