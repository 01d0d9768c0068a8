import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  newUserSchema,
  userChangeSchema,
  Users,
  type Caller,
  type ChangedBy,
  type NewUser,
  type UserChange,
  type UserView,
} from '@app/identity';
import { CurrentCaller, Roles } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';
import { Answers, Fails } from '../openapi/decorators.js';
import { userHistorySchema, userViewSchema, type UserHistory } from './users.responses.js';

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
  create(@Body(validated(newUserSchema)) input: NewUser, @CurrentCaller() caller: Caller): Promise<UserView> {
    return this.users.create(input, changedBy(caller));
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

  @Get(':id/history')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: '用户变更记录 · What was recorded of a user: created, access changed, (re)activated, password changed',
    description:
      'The events of the stream `user-<id>` in the log, oldest first, with who did each (also in /audit/export).',
  })
  @Answers(200, userHistorySchema, 'The user’s events')
  @Fails(403, 404)
  async history(@Param('id') id: string): Promise<UserHistory> {
    const events = await this.users.history(id);
    return {
      userId: id,
      events: events.map((e) => {
        const data = e.data as Record<string, unknown> & { by: string; at: string };
        return {
          version: e.streamVersion,
          type: e.type as UserHistory['events'][number]['type'],
          by: data.by,
          at: data.at,
          position: e.globalPosition.toString(),
          hash: e.hash,
          data,
        };
      }),
    };
  }

  @Patch(':id')
  @ApiOperation({
    summary: '修改用户 · Change a user’s name, role, scope, e-mail or password, or deactivate them',
    description:
      'A change of password, role, scope or activation revokes the user’s earlier tokens and sessions and is ' +
      'recorded on the log. An admin may not change their own role, scope or activation (403 ' +
      '`ADMIN_MAY_NOT_CHANGE_OWN_ACCESS`).',
  })
  @Answers(200, userViewSchema, 'The user')
  @Fails(400, 403, 404, 409)
  @ApiBody(openApiBody(userChangeSchema, 'A new role clears the old unit/department unless they are sent again'))
  change(
    @Param('id') id: string,
    @Body(validated(userChangeSchema)) change: UserChange,
    @CurrentCaller() caller: Caller,
  ): Promise<UserView> {
    return this.users.change(id, change, changedBy(caller));
  }
}

function changedBy(caller: Caller): ChangedBy {
  return { userId: caller.actor.userId, role: caller.actor.role };
}
