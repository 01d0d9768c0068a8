import type { DataSource } from 'typeorm';
import { organisationNameKey } from './name-key.js';

export interface Department {
  id: string;
  name: string;
}

export interface Unit {
  id: string;
  name: string;
  departmentId: string;
}

export interface DepartmentWithUnits extends Department {
  units: Omit<Unit, 'departmentId'>[];
}

interface UnitRow {
  id: string;
  name: string;
  department_id: string;
}

const toUnit = (row: UnitRow): Unit => ({ id: row.id, name: row.name, departmentId: row.department_id });

function byPrintedName<T>(names: readonly string[], byKey: ReadonlyMap<string, T>): Map<string, T> {
  return new Map(
    names.flatMap((name) => {
      const found = byKey.get(organisationNameKey(name));
      return found === undefined ? [] : [[name, found] as const];
    }),
  );
}

/** Departments (主管部门) and their implementing units (实施单位). Names match tolerantly, see names.ts. */
export class Organisations {
  constructor(private readonly db: DataSource) {}

  /** The unit a form names, however it prints the parentheses and spaces; null when there is none. */
  async findUnitByName(name: string): Promise<Unit | null> {
    return (await this.findUnitsByNames([name])).get(name) ?? null;
  }

  /** The units of several printed names in one query, by each name given; a name of no unit is absent. */
  async findUnitsByNames(names: readonly string[]): Promise<Map<string, Unit>> {
    const rows: (UnitRow & { name_key: string })[] = await this.db.query(
      `SELECT id, name, department_id, name_key FROM units WHERE name_key = ANY($1::text[])`,
      [[...new Set(names.map(organisationNameKey))]],
    );
    return byPrintedName(names, new Map(rows.map((row) => [row.name_key, toUnit(row)])));
  }

  /** The departments of several printed names in one query, as findUnitsByNames. */
  async findDepartmentsByNames(names: readonly string[]): Promise<Map<string, Department>> {
    const rows: (Department & { name_key: string })[] = await this.db.query(
      `SELECT id, name, name_key FROM departments WHERE name_key = ANY($1::text[])`,
      [[...new Set(names.map(organisationNameKey))]],
    );
    return byPrintedName(names, new Map(rows.map(({ id, name, name_key }) => [name_key, { id, name }])));
  }

  async findDepartmentByName(name: string): Promise<Department | null> {
    return (await this.findDepartmentsByNames([name])).get(name) ?? null;
  }

  async findUnit(id: string): Promise<Unit | null> {
    const rows: UnitRow[] = await this.db.query(`SELECT id, name, department_id FROM units WHERE id = $1`, [id]);
    return rows[0] ? toUnit(rows[0]) : null;
  }

  async findDepartment(id: string): Promise<Department | null> {
    const rows: Department[] = await this.db.query(`SELECT id, name FROM departments WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(): Promise<DepartmentWithUnits[]> {
    const departments: Department[] = await this.db.query(`SELECT id, name FROM departments ORDER BY name`);
    const units: UnitRow[] = await this.db.query(`SELECT id, name, department_id FROM units ORDER BY name`);
    return departments.map((department) => ({
      ...department,
      units: units.filter((u) => u.department_id === department.id).map(({ id, name }) => ({ id, name })),
    }));
  }

  /** Adds the department unless its id exists; true when it was added. */
  async addDepartment(department: Department): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO departments (id, name, name_key) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [department.id, department.name, organisationNameKey(department.name)],
    );
    return rows.length === 1;
  }

  /** Adds the unit unless its id exists; true when it was added. */
  async addUnit(unit: Unit): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO units (id, name, name_key, department_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [unit.id, unit.name, organisationNameKey(unit.name), unit.departmentId],
    );
    return rows.length === 1;
  }
}
