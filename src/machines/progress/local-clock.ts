/**
 * A year as a date writes it: four digits from 0 to 9999 ("0999"), else ISO 8601's expanded form,
 * a sign and six digits ("-000001"). `${getFullYear()}` gave year 0 as "0", and a date "0-06-01"
 * read back by its first four characters gave a year "NaN" (a practice dated 0000 by a records
 * file edited by hand was listed under that heading).
 */
function yearText(year: number): string {
  return year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

/** The calendar date of an ISO time where the program runs (the volunteer's own day), as YYYY-MM-DD. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${yearText(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The calendar year of an ISO time where the program runs (the volunteer's own year, as totals count it); NaN for no time. */
export function localYear(iso: string): number {
  return new Date(iso).getFullYear();
}

/** The time of day of an ISO time where the program runs (the volunteer's own clock), as "2:05 p.m.". */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const h = d.getHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getMinutes()).padStart(2, '0')} ${h < 12 ? 'a.m.' : 'p.m.'}`;
}
