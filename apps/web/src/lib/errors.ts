import { ApiError } from '../api/client';

/** The console's own Chinese texts, keyed by the server's stable error codes. */
const MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: '填写有误，请按提示修改',
  MALFORMED_REQUEST: '请求格式有误',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '您无权进行此操作',
  NOT_FOUND: '记录不存在，或您无权查看',
  INDICATOR_NOT_FOUND: '该指标已不存在，请刷新',
  DECLARATION_ILLEGAL_TRANSITION: '当前状态下不能进行此操作，请刷新后查看最新状态',
  CONFLICT: '与现有记录冲突',
  VERSION_MISMATCH: '此表已被他人修改，请刷新后重试',
  PAYLOAD_TOO_LARGE: '内容过大（文件不超过 10 MB）',
  SUBMISSION_BLOCKED: '存在强制性审核问题，不能送审',
  IDEMPOTENCY_KEY_REUSED: '重复提交',
  CALENDAR_MISSING: '该预算年度尚未配置工作日历，请联系管理员',
  PRECONDITION_REQUIRED: '缺少版本信息，请刷新后重试',
  TOO_MANY_REQUESTS: '登录失败次数过多，请稍后再试',
  INTERNAL: '系统出错，本次修改未保存',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
  READ_MODEL_LAGGING: '数据同步中，请稍后刷新',
  STREAM_STILL_PARKED: '该事件流仍无法应用，继续搁置',
  DELIVERY_NOT_FAILED: '只有最终投递失败的通知才能重新发送（可能已被他人重试），请刷新',
};

/** Refusals that say more than their status (`errors[0].code` of a 403 or 409). */
const REFUSALS: Record<string, string> = {
  DECLARATION_ONCE_SUBMITTED: '已送审过的申报表不能作废',
  ACTOR_MAY_NOT_DISCARD: '只有本单位填报人或管理员可以作废',
};

/** Field-level codes worth saying in Chinese; others fall back to the server's message. */
const FIELD_MESSAGES: Record<string, string> = {
  REQUIRED: '必填',
  TOO_LONG: '超出长度限制',
  INVALID_AMOUNT: '金额格式有误（不能为负，最多两位小数）',
  INVALID_DATE: '日期有误',
  UNKNOWN_FIELD: '不支持的字段',
  CSRF_TOKEN_INVALID: '页面已过期，请刷新',
  CROSS_ORIGIN: '请从本系统页面操作',
};

export function errorTitle(error: unknown): string {
  if (error instanceof ApiError) {
    const refusal = REFUSALS[error.body.errors[0]?.code ?? ''];
    return refusal ?? MESSAGES[error.body.code] ?? error.body.message;
  }
  if (error instanceof Error) return `网络错误：${error.message}`;
  return '未知错误';
}

export function fieldMessage(fieldError: { code: string; message: string }): string {
  return FIELD_MESSAGES[fieldError.code] ?? fieldError.message;
}

/** The field errors of an answer by path, e.g. `funds.annualTotal` or `indicators[3].target`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.body.errors.map((e) => [e.path, fieldMessage(e)]));
}

export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}
