import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { newUserSchema, userChangeSchema, Users, type NewUser, type UserChange, type UserView } from '@app/identity';
import { Roles } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';
import { Answers, Fails } from '../openapi/decorators.js';
import { userViewSchema } from './users.responses.js';

/** User administration, for admins only. Users are deactivated, never deleted: the audit trail names them. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: Users) {}

  @Post()
  @ApiOperation({ summary: '新建用户 · Create a user' })
  @Answers(201, userViewSchema, 'The new user')
  @Fails(400, 403, 409)
  @ApiBody(openApiBody(newUserSchema, 'A preparer names a unitId; a reviewer or signer a departmentId'))
  create(@Body(validated(newUserSchema)) input: NewUser): Promise<UserView> {
    return this.users.create(input);
  }

  @Get()
  @ApiOperation({ summary: '用户列表 · Every user, the deactivated included' })
  @Answers(200, z.array(userViewSchema), 'The users')
  @Fails(403)
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get(':id')
  @ApiOperation({ summary: '查看用户 · A user' })
  @Answers(200, userViewSchema, 'The user')
  @Fails(403, 404)
  get(@Param('id') id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改用户 · Change a user’s name, role, scope, e-mail or password, or deactivate them' })
  @Answers(200, userViewSchema, 'The user')
  @Fails(400, 403, 404, 409)
  @ApiBody(openApiBody(userChangeSchema, 'A new role clears the old unit/department unless they are sent again'))
  change(@Param('id') id: string, @Body(validated(userChangeSchema)) change: UserChange): Promise<UserView> {
    return this.users.change(id, change);
  }
}
