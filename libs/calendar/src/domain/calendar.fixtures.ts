import type { HolidayYear } from './working-days.js';

/** 国办发明电〔2024〕12号: the 2025 public holidays and make-up working days, as announced. */
export const HOLIDAYS_2025: HolidayYear = {
  year: 2025,
  holidays: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
    { name: '春节', from: '2025-01-28', to: '2025-02-04' },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  workdays: [
    { date: '2025-01-26', name: '春节调休上班' },
    { date: '2025-02-08', name: '春节调休上班' },
    { date: '2025-04-27', name: '劳动节调休上班' },
    { date: '2025-09-28', name: '国庆节调休上班' },
    { date: '2025-10-11', name: '国庆节调休上班' },
  ],
};

/** The 2026 notice (2025-11-04): only what crossing the new year needs. */
export const NEW_YEAR_2026: HolidayYear = {
  year: 2026,
  holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-03' }],
  workdays: [{ date: '2026-01-04', name: '元旦调休上班' }],
};

/** A time on the bureau's clock. */
export const shanghai = (local: string): Date => new Date(`${local}+08:00`);
