/** CloudWatch's units (the StandardUnit enum of the model). */
import type { StandardUnit } from '@aws-sdk/client-cloudwatch';

export const UNITS: readonly StandardUnit[] = [
  'Seconds', 'Microseconds', 'Milliseconds',
  'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits',
  'Percent', 'Count',
  'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second',
  'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second',
  'Count/Second', 'None',
];
