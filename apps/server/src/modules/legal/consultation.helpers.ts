/** Shared by the consultation service, its process and its reminders. */
export const HOUR_MS = 3_600_000;

/** Table name bound into the encryption of a consultation's personal data. */
export const CONSULTATION_TABLE = 'legal_consultations';

/** The worker's page of one consultation (in messages). */
export const consultationLink = (id: number) => `/pages/legal/consultation/index?id=${id}`;

/** A consultation's start in China time as messages write it: `12月05日 09:30`. */
export const whenText = (d: Date) =>
  new Date(d.getTime() + 8 * HOUR_MS).toISOString().slice(5, 16).replace('T', ' ').replace('-', '月').replace(' ', '日 ');
