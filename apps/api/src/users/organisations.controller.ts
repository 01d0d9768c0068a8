import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Organisations, type DepartmentWithUnits } from '@app/identity';
import { Answers, Fails } from '../openapi/decorators.js';
import { organisationsSchema } from './users.responses.js';

/** The departments (主管部门) and their implementing units (实施单位); any signed-in user may read them. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: Organisations) {}

  @Get()
  @ApiOperation({ summary: '单位树 · Departments (主管部门) with their units (实施单位)' })
  @Answers(200, organisationsSchema, 'The organisation tree')
  @Fails()
  list(): Promise<DepartmentWithUnits[]> {
    return this.organisations.list();
  }
}
