import { computeDeadlines, InvalidTimestampError } from '../../../lambdas/domain/deadlines';

// Every expected date below was read off a printed calendar, never computed.
// Receipts at 12:00Z are 13:00 or 14:00 in Oslo, so their Oslo date is their UTC date.

// biome-ignore format: one case per line reads as a calendar table
const holidayCases = [
  // 2026: Easter Sunday 5 April
  { name: 'Maundy Thursday 2026 to the Tuesday after Easter Monday', receivedAt: '2026-03-02T12:00:00Z', receivedDate: '2026-03-02', dueDate: '2026-04-07', extendedDueDate: '2026-06-02' },
  { name: 'Good Friday 2026 to the Tuesday after Easter Monday', receivedAt: '2026-03-03T12:00:00Z', receivedDate: '2026-03-03', dueDate: '2026-04-07', extendedDueDate: '2026-06-03' },
  { name: 'Easter Sunday 2026 to the Tuesday after Easter Monday', receivedAt: '2026-03-05T12:00:00Z', receivedDate: '2026-03-05', dueDate: '2026-04-07', extendedDueDate: '2026-06-05' },
  { name: 'Easter Monday 2026 to Tuesday', receivedAt: '2026-03-06T12:00:00Z', receivedDate: '2026-03-06', dueDate: '2026-04-07', extendedDueDate: '2026-06-08' },
  { name: '1 May 2026 (Friday) to Monday 4 May', receivedAt: '2026-04-01T12:00:00Z', receivedDate: '2026-04-01', dueDate: '2026-05-04', extendedDueDate: '2026-07-01' },
  { name: 'Ascension Day 2026 to Friday', receivedAt: '2026-04-14T12:00:00Z', receivedDate: '2026-04-14', dueDate: '2026-05-15', extendedDueDate: '2026-07-14' },
  { name: '17 May 2026 (Sunday) to Monday', receivedAt: '2026-04-17T12:00:00Z', receivedDate: '2026-04-17', dueDate: '2026-05-18', extendedDueDate: '2026-07-17' },
  { name: 'Whit Sunday 2026 to the Tuesday after Whit Monday', receivedAt: '2026-04-24T12:00:00Z', receivedDate: '2026-04-24', dueDate: '2026-05-26', extendedDueDate: '2026-07-24' },
  { name: 'Whit Monday 2026 to Tuesday', receivedAt: '2026-04-25T12:00:00Z', receivedDate: '2026-04-25', dueDate: '2026-05-26', extendedDueDate: '2026-07-27' },
  { name: '25 December 2026 (Friday) to Monday 28 December', receivedAt: '2026-11-25T12:00:00Z', receivedDate: '2026-11-25', dueDate: '2026-12-28', extendedDueDate: '2027-02-25' },
  { name: '26 December 2026 (Saturday) to Monday 28 December', receivedAt: '2026-11-26T12:00:00Z', receivedDate: '2026-11-26', dueDate: '2026-12-28', extendedDueDate: '2027-02-26' },
  { name: '1 January 2027 (Friday) to Monday 4 January', receivedAt: '2026-12-01T12:00:00Z', receivedDate: '2026-12-01', dueDate: '2027-01-04', extendedDueDate: '2027-03-01' },
  // 2027: Easter Sunday 28 March; Whit Monday is 17 May
  { name: 'Maundy Thursday 2027 to the Tuesday after Easter Monday', receivedAt: '2027-02-25T12:00:00Z', receivedDate: '2027-02-25', dueDate: '2027-03-30', extendedDueDate: '2027-05-25' },
  { name: 'Good Friday 2027 to the Tuesday after Easter Monday', receivedAt: '2027-02-26T12:00:00Z', receivedDate: '2027-02-26', dueDate: '2027-03-30', extendedDueDate: '2027-05-26' },
  { name: 'Easter Sunday 2027 to the Tuesday after Easter Monday', receivedAt: '2027-02-28T12:00:00Z', receivedDate: '2027-02-28', dueDate: '2027-03-30', extendedDueDate: '2027-05-28' },
  { name: '1 May 2027 (Saturday) to Monday 3 May', receivedAt: '2027-04-01T12:00:00Z', receivedDate: '2027-04-01', dueDate: '2027-05-03', extendedDueDate: '2027-07-01' },
  { name: 'Ascension Day 2027 to Friday', receivedAt: '2027-04-06T12:00:00Z', receivedDate: '2027-04-06', dueDate: '2027-05-07', extendedDueDate: '2027-07-06' },
  { name: 'Whit Sunday 2027 past Whit Monday and 17 May to Tuesday', receivedAt: '2027-04-16T12:00:00Z', receivedDate: '2027-04-16', dueDate: '2027-05-18', extendedDueDate: '2027-07-16' },
  { name: 'Whit Monday and 17 May 2027 to Tuesday', receivedAt: '2027-04-17T12:00:00Z', receivedDate: '2027-04-17', dueDate: '2027-05-18', extendedDueDate: '2027-07-19' },
  { name: '25 December 2027 (Saturday) to Monday 27 December', receivedAt: '2027-11-25T12:00:00Z', receivedDate: '2027-11-25', dueDate: '2027-12-27', extendedDueDate: '2028-02-25' },
  { name: '26 December 2027 (Sunday) to Monday 27 December', receivedAt: '2027-11-26T12:00:00Z', receivedDate: '2027-11-26', dueDate: '2027-12-27', extendedDueDate: '2028-02-28' },
  { name: '1 January 2028 (Saturday) to Monday 3 January', receivedAt: '2027-12-01T12:00:00Z', receivedDate: '2027-12-01', dueDate: '2028-01-03', extendedDueDate: '2028-03-01' },
  // 2028: Easter Sunday 16 April
  { name: 'Maundy Thursday 2028 to the Tuesday after Easter Monday', receivedAt: '2028-03-13T12:00:00Z', receivedDate: '2028-03-13', dueDate: '2028-04-18', extendedDueDate: '2028-06-13' },
  { name: 'Good Friday 2028 to the Tuesday after Easter Monday', receivedAt: '2028-03-14T12:00:00Z', receivedDate: '2028-03-14', dueDate: '2028-04-18', extendedDueDate: '2028-06-14' },
  { name: 'Easter Sunday 2028 to the Tuesday after Easter Monday', receivedAt: '2028-03-16T12:00:00Z', receivedDate: '2028-03-16', dueDate: '2028-04-18', extendedDueDate: '2028-06-16' },
  { name: 'Easter Monday 2028 to Tuesday', receivedAt: '2028-03-17T12:00:00Z', receivedDate: '2028-03-17', dueDate: '2028-04-18', extendedDueDate: '2028-06-19' },
  { name: '1 May 2028 (Monday) to Tuesday', receivedAt: '2028-04-01T12:00:00Z', receivedDate: '2028-04-01', dueDate: '2028-05-02', extendedDueDate: '2028-07-03' },
  { name: '17 May 2028 (Wednesday) to Thursday', receivedAt: '2028-04-17T12:00:00Z', receivedDate: '2028-04-17', dueDate: '2028-05-18', extendedDueDate: '2028-07-17' },
  { name: 'Ascension Day 2028 to Friday', receivedAt: '2028-04-25T12:00:00Z', receivedDate: '2028-04-25', dueDate: '2028-05-26', extendedDueDate: '2028-07-25' },
  { name: 'Whit Sunday 2028 to the Tuesday after Whit Monday', receivedAt: '2028-05-04T12:00:00Z', receivedDate: '2028-05-04', dueDate: '2028-06-06', extendedDueDate: '2028-08-04' },
  { name: 'Whit Monday 2028 to Tuesday', receivedAt: '2028-05-05T12:00:00Z', receivedDate: '2028-05-05', dueDate: '2028-06-06', extendedDueDate: '2028-08-07' },
  { name: '25 December 2028 (Monday) past Boxing Day to Wednesday', receivedAt: '2028-11-25T12:00:00Z', receivedDate: '2028-11-25', dueDate: '2028-12-27', extendedDueDate: '2029-02-26' },
  { name: '26 December 2028 (Tuesday) to Wednesday', receivedAt: '2028-11-26T12:00:00Z', receivedDate: '2028-11-26', dueDate: '2028-12-27', extendedDueDate: '2029-02-26' },
  { name: '1 January 2029 (Monday) to Tuesday', receivedAt: '2028-12-01T12:00:00Z', receivedDate: '2028-12-01', dueDate: '2029-01-02', extendedDueDate: '2029-03-01' },
  // 2030: Easter Sunday 21 April
  { name: 'Maundy Thursday 2030 to the Tuesday after Easter Monday', receivedAt: '2030-03-18T12:00:00Z', receivedDate: '2030-03-18', dueDate: '2030-04-23', extendedDueDate: '2030-06-18' },
  { name: 'Good Friday 2030 to the Tuesday after Easter Monday', receivedAt: '2030-03-19T12:00:00Z', receivedDate: '2030-03-19', dueDate: '2030-04-23', extendedDueDate: '2030-06-19' },
  { name: 'Easter Sunday 2030 to the Tuesday after Easter Monday', receivedAt: '2030-03-21T12:00:00Z', receivedDate: '2030-03-21', dueDate: '2030-04-23', extendedDueDate: '2030-06-21' },
  { name: 'Easter Monday 2030 to Tuesday', receivedAt: '2030-03-22T12:00:00Z', receivedDate: '2030-03-22', dueDate: '2030-04-23', extendedDueDate: '2030-06-24' },
  { name: '1 May 2030 (Wednesday) to Thursday', receivedAt: '2030-04-01T12:00:00Z', receivedDate: '2030-04-01', dueDate: '2030-05-02', extendedDueDate: '2030-07-01' },
  { name: '17 May 2030 (Friday) to Monday 20 May', receivedAt: '2030-04-17T12:00:00Z', receivedDate: '2030-04-17', dueDate: '2030-05-20', extendedDueDate: '2030-07-17' },
  { name: 'Ascension Day 2030 to Friday', receivedAt: '2030-04-30T12:00:00Z', receivedDate: '2030-04-30', dueDate: '2030-05-31', extendedDueDate: '2030-07-30' },
  { name: 'Whit Sunday 2030 to the Tuesday after Whit Monday', receivedAt: '2030-05-09T12:00:00Z', receivedDate: '2030-05-09', dueDate: '2030-06-11', extendedDueDate: '2030-08-09' },
  { name: 'Whit Monday 2030 to Tuesday', receivedAt: '2030-05-10T12:00:00Z', receivedDate: '2030-05-10', dueDate: '2030-06-11', extendedDueDate: '2030-08-12' },
  { name: '25 December 2030 (Wednesday) past Boxing Day to Friday', receivedAt: '2030-11-25T12:00:00Z', receivedDate: '2030-11-25', dueDate: '2030-12-27', extendedDueDate: '2031-02-25' },
  { name: '26 December 2030 (Thursday) to Friday', receivedAt: '2030-11-26T12:00:00Z', receivedDate: '2030-11-26', dueDate: '2030-12-27', extendedDueDate: '2031-02-26' },
  { name: '1 January 2031 (Wednesday) to Thursday', receivedAt: '2030-12-01T12:00:00Z', receivedDate: '2030-12-01', dueDate: '2031-01-02', extendedDueDate: '2031-03-03' },
];

// biome-ignore format: one case per line reads as a calendar table
const chainCases = [
  { name: 'keeps a due date on 24 December 2026 (Thursday), a working day', receivedAt: '2026-11-24T12:00:00Z', receivedDate: '2026-11-24', dueDate: '2026-12-24', extendedDueDate: '2027-02-24' },
  { name: 'keeps a due date on 24 December 2027 (Friday), a working day', receivedAt: '2027-11-24T12:00:00Z', receivedDate: '2027-11-24', dueDate: '2027-12-24', extendedDueDate: '2028-02-24' },
  { name: 'keeps a due date on a plain Wednesday', receivedAt: '2026-10-25T12:00:00Z', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { name: 'moves a due date on 24 December 2028 (Sunday) past both Christmas days to Wednesday', receivedAt: '2028-11-24T12:00:00Z', receivedDate: '2028-11-24', dueDate: '2028-12-27', extendedDueDate: '2029-02-26' },
  { name: 'moves a due date on 30 December 2028 (Saturday) past New Year’s Day into 2029', receivedAt: '2028-11-30T12:00:00Z', receivedDate: '2028-11-30', dueDate: '2029-01-02', extendedDueDate: '2029-02-28' },
];

// biome-ignore format: one case per line reads as a calendar table
const monthEndCases = [
  { name: '31 January 2026 to 28 February (Saturday), then Monday 2 March', receivedAt: '2026-01-31T12:00:00Z', receivedDate: '2026-01-31', dueDate: '2026-03-02', extendedDueDate: '2026-04-30' },
  { name: '30 January 2026 to 28 February (Saturday), then Monday 2 March', receivedAt: '2026-01-30T12:00:00Z', receivedDate: '2026-01-30', dueDate: '2026-03-02', extendedDueDate: '2026-04-30' },
  { name: '31 January 2027 to 28 February (Sunday), then Monday 1 March', receivedAt: '2027-01-31T12:00:00Z', receivedDate: '2027-01-31', dueDate: '2027-03-01', extendedDueDate: '2027-04-30' },
  { name: '30 January 2030 to 28 February (Thursday)', receivedAt: '2030-01-30T12:00:00Z', receivedDate: '2030-01-30', dueDate: '2030-02-28', extendedDueDate: '2030-04-30' },
  { name: '31 March 2026 to 30 April', receivedAt: '2026-03-31T12:00:00Z', receivedDate: '2026-03-31', dueDate: '2026-04-30', extendedDueDate: '2026-06-30' },
  { name: '31 March 2027 to 30 April', receivedAt: '2027-03-31T12:00:00Z', receivedDate: '2027-03-31', dueDate: '2027-04-30', extendedDueDate: '2027-06-30' },
  { name: '31 May 2026 to 30 June', receivedAt: '2026-05-31T12:00:00Z', receivedDate: '2026-05-31', dueDate: '2026-06-30', extendedDueDate: '2026-08-31' },
  { name: '31 August 2026 to 30 September', receivedAt: '2026-08-31T12:00:00Z', receivedDate: '2026-08-31', dueDate: '2026-09-30', extendedDueDate: '2026-11-30' },
  { name: '31 October 2026 to 30 November, extended to 31 January (Sunday) then 1 February', receivedAt: '2026-10-31T12:00:00Z', receivedDate: '2026-10-31', dueDate: '2026-11-30', extendedDueDate: '2027-02-01' },
  { name: '31 December 2026 to 31 January (Sunday), then 1 February', receivedAt: '2026-12-31T12:00:00Z', receivedDate: '2026-12-31', dueDate: '2027-02-01', extendedDueDate: '2027-03-31' },
  { name: '30 November 2026, extended to 28 February (Sunday) then 1 March', receivedAt: '2026-11-30T12:00:00Z', receivedDate: '2026-11-30', dueDate: '2026-12-30', extendedDueDate: '2027-03-01' },
];

// biome-ignore format: one case per line reads as a calendar table
const leapYearCases = [
  { name: '29 January 2028 to 29 February', receivedAt: '2028-01-29T12:00:00Z', receivedDate: '2028-01-29', dueDate: '2028-02-29', extendedDueDate: '2028-05-02' },
  { name: '30 January 2028 to 29 February', receivedAt: '2028-01-30T12:00:00Z', receivedDate: '2028-01-30', dueDate: '2028-02-29', extendedDueDate: '2028-05-02' },
  { name: '31 January 2028 to 29 February', receivedAt: '2028-01-31T12:00:00Z', receivedDate: '2028-01-31', dueDate: '2028-02-29', extendedDueDate: '2028-05-02' },
  { name: '29 February 2028 to 29 March', receivedAt: '2028-02-29T12:00:00Z', receivedDate: '2028-02-29', dueDate: '2028-03-29', extendedDueDate: '2028-05-29' },
  { name: '29 November 2027, extended to 29 February 2028', receivedAt: '2027-11-29T12:00:00Z', receivedDate: '2027-11-29', dueDate: '2027-12-29', extendedDueDate: '2028-02-29' },
  { name: '31 January 2000 (divisible by 400) to 29 February', receivedAt: '2000-01-31T12:00:00Z', receivedDate: '2000-01-31', dueDate: '2000-02-29', extendedDueDate: '2000-05-02' },
  { name: '29 January 2100 (not a leap year) to 28 February (Sunday), then 1 March', receivedAt: '2100-01-29T12:00:00Z', receivedDate: '2100-01-29', dueDate: '2100-03-01', extendedDueDate: '2100-04-29' },
  { name: '31 January 2100 (not a leap year) to 28 February (Sunday), then 1 March', receivedAt: '2100-01-31T12:00:00Z', receivedDate: '2100-01-31', dueDate: '2100-03-01', extendedDueDate: '2100-04-30' },
];

// biome-ignore format: one case per line reads as a calendar table
const extensionCases = [
  { name: 'Maundy Thursday 2026 to the Tuesday after Easter Monday', receivedAt: '2026-01-02T12:00:00Z', receivedDate: '2026-01-02', dueDate: '2026-02-02', extendedDueDate: '2026-04-07' },
  { name: 'Easter Monday 2027 to Tuesday', receivedAt: '2026-12-29T12:00:00Z', receivedDate: '2026-12-29', dueDate: '2027-01-29', extendedDueDate: '2027-03-30' },
  { name: 'Whit Monday and 17 May 2027 to Tuesday', receivedAt: '2027-02-17T12:00:00Z', receivedDate: '2027-02-17', dueDate: '2027-03-17', extendedDueDate: '2027-05-18' },
  { name: '29 April 2028 (Saturday) past 1 May to Tuesday', receivedAt: '2028-01-29T12:00:00Z', receivedDate: '2028-01-29', dueDate: '2028-02-29', extendedDueDate: '2028-05-02' },
  { name: '24 December 2026 nowhere: it is a working day', receivedAt: '2026-09-24T12:00:00Z', receivedDate: '2026-09-24', dueDate: '2026-10-26', extendedDueDate: '2026-12-24' },
];

// biome-ignore format: one case per line reads as a calendar table
const midnightCases = [
  { name: '2026-01-31T23:30:00Z, 00:30 on 1 February in Oslo', receivedAt: '2026-01-31T23:30:00Z', receivedDate: '2026-02-01', dueDate: '2026-03-02', extendedDueDate: '2026-05-04' },
  { name: '2026-01-31T22:59:59Z, still 31 January in Oslo', receivedAt: '2026-01-31T22:59:59Z', receivedDate: '2026-01-31', dueDate: '2026-03-02', extendedDueDate: '2026-04-30' },
  { name: '2026-06-30T22:30:00Z, 00:30 on 1 July in Oslo summer time', receivedAt: '2026-06-30T22:30:00Z', receivedDate: '2026-07-01', dueDate: '2026-08-03', extendedDueDate: '2026-10-01' },
  { name: '2026-06-30T21:59:59Z, still 30 June in Oslo', receivedAt: '2026-06-30T21:59:59Z', receivedDate: '2026-06-30', dueDate: '2026-07-30', extendedDueDate: '2026-09-30' },
  { name: '2026-12-31T23:00:00Z, midnight on New Year’s Day in Oslo', receivedAt: '2026-12-31T23:00:00Z', receivedDate: '2027-01-01', dueDate: '2027-02-01', extendedDueDate: '2027-04-01' },
  { name: '2026-11-25T20:00:00-05:00, already 26 November in Oslo', receivedAt: '2026-11-25T20:00:00-05:00', receivedDate: '2026-11-26', dueDate: '2026-12-28', extendedDueDate: '2027-02-26' },
];

// Summer time starts on Sunday 29 March 2026 at 01:00Z (02:00 CET becomes 03:00 CEST)
// and ends on Sunday 25 October 2026 at 01:00Z (03:00 CEST becomes 02:00 CET).
// biome-ignore format: one case per line reads as a calendar table
const daylightSavingCases = [
  { receivedAt: '2026-03-28T22:59:59Z', receivedDate: '2026-03-28', dueDate: '2026-04-28', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-28T23:00:00Z', receivedDate: '2026-03-29', dueDate: '2026-04-29', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-29T00:59:59Z', receivedDate: '2026-03-29', dueDate: '2026-04-29', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-29T01:00:00Z', receivedDate: '2026-03-29', dueDate: '2026-04-29', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-29T21:59:59Z', receivedDate: '2026-03-29', dueDate: '2026-04-29', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-29T22:00:00Z', receivedDate: '2026-03-30', dueDate: '2026-04-30', extendedDueDate: '2026-06-30' },
  { receivedAt: '2026-03-29T01:59:59+01:00', receivedDate: '2026-03-29', dueDate: '2026-04-29', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-29T03:00:00+02:00', receivedDate: '2026-03-29', dueDate: '2026-04-29', extendedDueDate: '2026-06-29' },
  { receivedAt: '2026-03-29T23:30:00+01:00', receivedDate: '2026-03-30', dueDate: '2026-04-30', extendedDueDate: '2026-06-30' },
  { receivedAt: '2026-03-30T00:30:00+02:00', receivedDate: '2026-03-30', dueDate: '2026-04-30', extendedDueDate: '2026-06-30' },
  { receivedAt: '2026-10-24T21:59:59Z', receivedDate: '2026-10-24', dueDate: '2026-11-24', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-24T22:00:00Z', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-25T00:30:00Z', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-25T01:30:00Z', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-25T22:59:59Z', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-25T23:00:00Z', receivedDate: '2026-10-26', dueDate: '2026-11-26', extendedDueDate: '2027-01-26' },
  { receivedAt: '2026-10-25T02:30:00+02:00', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-25T02:30:00+01:00', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-26T00:30:00+02:00', receivedDate: '2026-10-25', dueDate: '2026-11-25', extendedDueDate: '2027-01-25' },
  { receivedAt: '2026-10-26T00:30:00+01:00', receivedDate: '2026-10-26', dueDate: '2026-11-26', extendedDueDate: '2027-01-26' },
];

describe('Function: computeDeadlines', () => {
  it.each(holidayCases)(
    'moves a due date on $name',
    ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
      // Act
      const deadlines = computeDeadlines(receivedAt);

      // Assess
      expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
    },
  );

  it.each(chainCases)('$name', ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
    // Act
    const deadlines = computeDeadlines(receivedAt);

    // Assess
    expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
  });

  it.each(monthEndCases)(
    'ends the month from $name',
    ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
      // Act
      const deadlines = computeDeadlines(receivedAt);

      // Assess
      expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
    },
  );

  it.each(leapYearCases)(
    'counts leap days from $name',
    ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
      // Act
      const deadlines = computeDeadlines(receivedAt);

      // Assess
      expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
    },
  );

  it.each(extensionCases)(
    'moves an extended due date on $name',
    ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
      // Act
      const deadlines = computeDeadlines(receivedAt);

      // Assess
      expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
    },
  );

  it.each(midnightCases)(
    'takes the Oslo date of a receipt at $name',
    ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
      // Act
      const deadlines = computeDeadlines(receivedAt);

      // Assess
      expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
    },
  );

  it.each(daylightSavingCases)(
    'takes the Oslo date of $receivedAt around a daylight saving switch',
    ({ receivedAt, receivedDate, dueDate, extendedDueDate }) => {
      // Act
      const deadlines = computeDeadlines(receivedAt);

      // Assess
      expect(deadlines).toEqual({ receivedDate, dueDate, extendedDueDate });
    },
  );

  it.each([
    { name: 'a Date', receivedAt: new Date('2026-11-25T10:00:00Z') },
    { name: 'a timestamp without seconds', receivedAt: '2026-11-25T10:00Z' },
    { name: 'a timestamp with microseconds', receivedAt: '2026-11-25T10:00:00.123456Z' },
    { name: 'a timestamp with an offset', receivedAt: '2026-11-25T11:00:00+01:00' },
  ])('accepts $name', ({ receivedAt }) => {
    // Act
    const deadlines = computeDeadlines(receivedAt);

    // Assess
    expect(deadlines).toEqual({
      receivedDate: '2026-11-25',
      dueDate: '2026-12-28',
      extendedDueDate: '2027-02-25',
    });
  });

  it('says what it expected when the month does not exist', () => {
    // Act
    const act = () => computeDeadlines('2026-13-01');

    // Assess
    expect(act).toThrow(InvalidTimestampError);
    expect(act).toThrow(
      '"2026-13-01" is not an ISO-8601 timestamp with a time zone (e.g. 2026-11-25T09:30:00Z)',
    );
  });

  it.each([
    { name: 'a timestamp without an offset, which is ambiguous', receivedAt: '2026-11-25T09:30:00' },
    { name: 'a date without a time', receivedAt: '2026-11-25' },
    { name: 'a day that does not exist', receivedAt: '2026-02-29T10:00:00Z' },
    { name: 'hour 24', receivedAt: '2026-11-25T24:00:00Z' },
    { name: 'a leap second', receivedAt: '2026-11-25T09:30:60Z' },
    { name: 'an offset beyond 23 hours', receivedAt: '2026-11-25T09:30:00+25:00' },
    { name: 'a space instead of T', receivedAt: '2026-11-25 09:30:00Z' },
    { name: 'a word', receivedAt: 'yesterday' },
    { name: 'an empty string', receivedAt: '' },
    { name: 'an invalid Date', receivedAt: new Date('not a date') },
  ])('refuses $name', ({ receivedAt }) => {
    // Act
    const act = () => computeDeadlines(receivedAt);

    // Assess
    expect(act).toThrow(InvalidTimestampError);
  });
});
