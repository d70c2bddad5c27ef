/**
 * The demo partnership, modelled on the seeds (../shared/seeds): a mid-sized unified
 * district like ABC Unified (about 30 schools, ~930 teachers) and its teachers' union.
 * Only a slice of teachers is seeded; enough to make the people page and later the
 * density measures meaningful.
 */
export const DEMO_PASSWORD = 'accord-demo-2026';
export const DEMO_DOMAIN = 'riverside.example';

export const DEMO_PARTNERSHIP = {
  name: 'Riverside Unified Partnership',
  districtName: 'Riverside Unified School District',
  unionName: 'Riverside Education Association',
};

const ELEMENTARY = [
  'Alder', 'Bayview', 'Cedar Grove', 'Dos Palmas', 'Eastridge', 'Fairmont', 'Garfield', 'Hillcrest', 'Jefferson',
  'Kingsley', 'Lincoln', 'Madison', 'Northgate', 'Oak Park', 'Pioneer', 'Roosevelt', 'Sierra Vista', 'Willow Creek',
];
const MIDDLE = ['Carver', 'Hamilton', 'Los Cerritos', 'Mesa Verde', 'Valley View'];
const HIGH = ['Artesia', 'Cerritos', 'Gahr', 'Whitney'];

export const DEMO_SCHOOLS: { name: string; level: 'elementary' | 'middle' | 'high' }[] = [
  ...ELEMENTARY.map((n) => ({ name: `${n} Elementary`, level: 'elementary' as const })),
  ...MIDDLE.map((n) => ({ name: `${n} Middle School`, level: 'middle' as const })),
  ...HIGH.map((n) => ({ name: `${n} High School`, level: 'high' as const })),
];

const FIRST = [
  'Ana', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hector', 'Imani', 'Jorge', 'Keiko', 'Luis', 'Maya',
  'Nate', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tanya', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
  'Andre', 'Beatriz', 'Chen', 'Dolores',
];
const LAST = [
  'Nguyen', 'Garcia', 'Smith', 'Patel', 'Johnson', 'Hernandez', 'Kim', 'Lopez', 'Brown', 'Martinez', 'Davis',
  'Rodriguez', 'Wilson', 'Tran', 'Anderson', 'Flores', 'Thomas', 'Rivera', 'Moore', 'Chavez', 'Jackson', 'Ramirez',
  'Lee', 'Torres', 'Harris', 'Castillo', 'Clark', 'Morales', 'Lewis', 'Ortiz', 'Walker',
];

/** Deterministic distinct names: the i-th person of the demo. */
export function demoName(i: number): string {
  const first = FIRST[i % FIRST.length] ?? 'Alex';
  const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length] ?? 'Doe';
  return `${first} ${last}`;
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/** The sign-ins printed at start and listed in the README. */
export const DEMO_SIGN_INS = [
  { email: `facilitator@${DEMO_DOMAIN}`, name: 'Dana Whitfield', party: 'neutral', role: 'facilitator', what: 'facilitator (manages people)' },
  { email: `president@${DEMO_DOMAIN}`, name: 'James Okafor', party: 'labor', role: 'union_president', what: 'union president' },
  { email: `superintendent@${DEMO_DOMAIN}`, name: 'Dr. Maria Alvarez', party: 'management', role: 'superintendent', what: 'superintendent' },
  { email: `researcher@${DEMO_DOMAIN}`, name: 'Priya Raman', party: 'neutral', role: 'researcher', what: 'researcher' },
] as const;
