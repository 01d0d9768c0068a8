import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { checkedYear, SeasonSettings, type BudgetYearView, type CalendarYearView } from '@app/calendar';
import type { Actor } from '@app/identity/roles';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { expectedVersionOf } from '../declarations/mutation-headers.js';
import { openApiBody } from '../http/validation.js';
import { Answers, Fails } from '../openapi/decorators.js';
import { budgetYearBody, budgetYearSchema, calendarYearBody, calendarYearViewSchema } from './season.schemas.js';

const YEAR = ApiParam({ name: 'year', schema: { type: 'string', pattern: '^\\d{4}$' }, example: '2027' });
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: '可选 · The version you saw ("0" for the file’s defaults): stale → 412; without it the last write wins',
});

/**
 * The budget office sets each year's cycle itself: a budget year's submission deadline, reminder
 * window and stage limits, a calendar year's holidays and 调休. Each change is an event on the
 * year's own stream; it applies to stages entered afterwards, without a restart.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin', 'budget_officer')
@Controller('admin')
export class SeasonController {
  constructor(private readonly season: SeasonSettings) {}

  @Get('budget-years/:year')
  @Roles('admin', 'budget_officer', 'auditor')
  @ApiOperation({ summary: '预算年度设置 · A budget year’s cycle, where it comes from, and every change to it' })
  @YEAR
  @Answers(200, budgetYearSchema, 'The cycle that applies now', ['etag'])
  @Fails(400, 403, 404)
  async budgetYear(@Param('year') year: string, @Res({ passthrough: true }) res: Response): Promise<BudgetYearView> {
    return tagged(res, await this.season.budgetYear(checkedYear(year)));
  }

  @Put('budget-years/:year')
  @ApiOperation({ summary: '设置预算年度 · Set a budget year’s submission deadline, reminder days and stage limits' })
  @YEAR
  @IF_MATCH
  @ApiBody(openApiBody(budgetYearBody, 'The whole cycle; stage limits in working days'))
  @Answers(200, budgetYearSchema, 'Set: applies to stages entered from now on', ['etag'])
  @Fails(400, 403, 412)
  async setBudgetYear(
    @CurrentActor() actor: Actor,
    @Param('year') year: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BudgetYearView> {
    const view = await this.season.setBudgetYear(actor, checkedYear(year), body, expectedVersionOf(req));
    return tagged(res, view);
  }

  @Get('calendars/:year')
  @Roles('admin', 'budget_officer', 'auditor')
  @ApiOperation({ summary: '节假日安排 · A calendar year’s holidays and 调休, and every change to them' })
  @YEAR
  @Answers(200, calendarYearViewSchema, 'entered: false while none are (Monday to Friday meanwhile)', ['etag'])
  @Fails(400, 403)
  async calendarYear(
    @Param('year') year: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CalendarYearView> {
    return tagged(res, await this.season.calendarYear(checkedYear(year)));
  }

  @Put('calendars/:year')
  @ApiOperation({
    summary: '录入节假日安排 · Set a calendar year’s holidays, 调休 workdays and the notice they come from',
  })
  @YEAR
  @IF_MATCH
  @ApiBody(openApiBody(calendarYearBody, 'The whole year, as the State Council’s notice (source) gives it'))
  @Answers(200, calendarYearViewSchema, 'Set: applies to stages entered from now on', ['etag'])
  @Fails(400, 403, 412)
  async setCalendarYear(
    @CurrentActor() actor: Actor,
    @Param('year') year: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CalendarYearView> {
    const view = await this.season.setCalendarYear(actor, checkedYear(year), body, expectedVersionOf(req));
    return tagged(res, view);
  }
}

function tagged<T extends { version: number }>(res: Response, view: T): T {
  res.setHeader('ETag', `"${view.version}"`);
  return view;
}
