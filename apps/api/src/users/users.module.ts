import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { OrganisationsController } from './organisations.controller.js';
import { UsersController } from './users.controller.js';

@Module({
  imports: [IdentityModule],
  controllers: [UsersController, OrganisationsController],
})
export class UsersModule {}
