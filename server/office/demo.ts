import { VISITOR_LANGUAGES } from '../../shared/languages.js';
import { OfficeConfigSchema, type OfficeConfig, type Station } from '../../shared/office.js';

const item = (id: string, sv: string, en: string) => ({ id, label: { sv, en } });

/**
 * The four meetings of a Mötesplats (docs/ARCHITECTURE.md §3), each with the checklist of what
 * happens there.
 */
const stations: Station[] = [
  {
    id: 'mv',
    name: 'Migrationsverket',
    agency: 'MV',
    defaultServiceMinutes: 30,
    rule: null,
    checklist: [
      item('decision-served', 'Beslutet delgivet och förklarat', 'Decision handed over and explained'),
      item('interpreter-present', 'Tolk närvarande', 'Interpreter present'),
      item('ut-card', 'UT-kortets status kontrollerad', 'Residence permit card (UT card) status checked'),
    ],
  },
  {
    id: 'af',
    name: 'Arbetsförmedlingen',
    agency: 'AF',
    defaultServiceMinutes: 45,
    // The establishment programme: ages 20–64, and 18–19 without parents in Sweden.
    rule: { kind: 'adult_age', minAge: 20, maxAge: 64, withoutParentsFromAge: 18, whenUnknown: 'keep' },
    checklist: [
      item('mapping', 'Tidigare utbildning och arbete kartlagt', 'Earlier education and work mapped'),
      item(
        'credentials',
        'Betyg och intyg för översättning och bedömning',
        'Grades and certificates sent for translation and assessment',
      ),
      item('allowance', 'Ansökan om etableringsersättning', 'Application for establishment allowance'),
      item(
        'plan',
        'Etableringsplan påbörjad (SFI, samhällsorientering, arbetsförberedelse)',
        'Establishment plan started (SFI, civic orientation, work preparation)',
      ),
      item('health', 'Information om hälsoundersökning', 'Information on the health examination'),
    ],
  },
  {
    id: 'skv-fk',
    name: 'Servicekontoret (Skatteverket/Försäkringskassan)',
    agency: 'SKV_FK',
    defaultServiceMinutes: 30,
    rule: null,
    checklist: [
      item(
        'moving-form',
        'Flyttning till Sverige ifylld och skickad',
        '"Moving to Sweden" form filled in and sent',
      ),
      item(
        'id-card',
        'Information om id-kort (kostnad, handlingar)',
        'Information on the ID card (cost, documents)',
      ),
      item(
        'benefits',
        'Information om socialförsäkringsförmåner',
        'Information on social-insurance benefits',
      ),
      item('applications', 'Hjälp med ansökningar', 'Help with applications'),
    ],
  },
  {
    id: 'kommun',
    name: 'Kommunen',
    agency: 'KOMMUN',
    defaultServiceMinutes: 30,
    rule: null,
    checklist: [
      item('school-queue', 'Barn i kö till skola och förskola', 'Children queued for school and preschool'),
      item('assistance', 'Ansökan om ekonomiskt bistånd', 'Application for financial assistance'),
      item('sfi', 'Anmälan till SFI', 'Registered for SFI (Swedish for immigrants)'),
      item('civic', 'Anmälan till samhällsorientering', 'Registered for civic orientation'),
      item('housing', 'Information om boende', 'Housing information'),
    ],
  },
];

const deskNames: Record<string, string> = {
  mv: 'Migrationsverket',
  af: 'Arbetsförmedlingen',
  'skv-fk': 'Servicekontoret',
  kommun: 'Kommunen',
};

/** The demo office seeded on a first start without an office file. */
export function demoOffice(): OfficeConfig {
  return OfficeConfigSchema.parse({
    name: 'Mötesplats Servicekontoret (demo)',
    timeZone: 'Europe/Stockholm',
    languages: [...VISITOR_LANGUAGES],
    interpreterLanguages: ['ar', 'fa', 'prs', 'ti', 'so', 'uk', 'en', 'ku', 'ckb', 'tr', 'ru'],
    stations,
    desks: stations.flatMap((s) =>
      [1, 2].map((n) => ({ id: `${s.id}-${n}`, name: `${deskNames[s.id]} ${n}`, stationId: s.id })),
    ),
    chain: stations.map((s) => s.id),
    openingHours: {
      mon: { open: '08:30', close: '16:00' },
      tue: { open: '08:30', close: '16:00' },
      wed: { open: '08:30', close: '16:00' },
      thu: { open: '08:30', close: '16:00' },
      fri: { open: '08:30', close: '15:00' },
      sat: null,
      sun: null,
    },
    ticketPrefixes: { booked: 'B', walkIn: 'W' },
    noShowRecallLimit: 2,
    recallPauseSeconds: 15,
    requireOfficerPin: false,
    queueRules: { handedOverFirst: true, dueBookingsFirst: true, dueWindowMinutes: 15 },
    waitWarningMinutes: 30,
    retention: { days: 30, overrides: [] },
  });
}
