import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { newUserSchema, userChangeSchema, Users, type NewUser, type UserChange, type UserView } from '@app/identity';
import { Roles } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';

/** User administration, for admins only. Users are deactivated, never deleted: the audit trail names them. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: Users) {}

  @Post()
  @ApiBody(openApiBody(newUserSchema, 'A preparer names a unitId; a reviewer or signer a departmentId'))
  create(@Body(validated(newUserSchema)) input: NewUser): Promise<UserView> {
    return this.users.create(input);
  }

  @Get()
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiBody(openApiBody(userChangeSchema, 'A new role clears the old unit/department unless they are sent again'))
  change(@Param('id') id: string, @Body(validated(userChangeSchema)) change: UserChange): Promise<UserView> {
    return this.users.change(id, change);
  }
}
