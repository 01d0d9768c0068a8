/** Who may do what is decided per role and scope; these are the roles of the approval path. */
export const ROLES = [
  'preparer', // of one unit: drafts, edits, submits, withdraws, opens amendments
  'department_reviewer', // of one department: 主管部门审核
  'bureau_signer', // of one department: 局领导审签
  'finance_officer', // the finance bureau, every department: 财政确认
  'auditor', // reads everything, writes nothing
  'admin', // manages users; may draft for any unit
  'budget_officer', // the budget office (预算科): sets each budget year's cycle and calendar, reads no declaration
] as const;
export type Role = (typeof ROLES)[number];

/** The person behind a command, with the scope their role gives them. */
export interface Actor {
  userId: string;
  role: Role;
  /** Set for a preparer. */
  unitId: string | null;
  /** Set for a department reviewer or bureau signer; a preparer's unit's department is looked up. */
  departmentId: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
