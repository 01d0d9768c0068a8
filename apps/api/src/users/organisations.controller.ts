import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Organisations, type DepartmentWithUnits } from '@app/identity';

/** The departments (主管部门) and their implementing units (实施单位); any signed-in user may read them. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: Organisations) {}

  @Get()
  list(): Promise<DepartmentWithUnits[]> {
    return this.organisations.list();
  }
}
