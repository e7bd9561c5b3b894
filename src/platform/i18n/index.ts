import i18next, { type i18n } from 'i18next';

/**
 * The message catalogue, one namespace per module. Each module adds its Swedish catalogue here
 * by declaration merging, so a key that does not exist fails the type check.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in every module
export interface Messages {}

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type StripPlural<K extends string> = K extends `${infer B}${PluralSuffix}` ? B : K;
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? StripPlural<K> : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** Every translatable key, such as `accounts.signIn.title`. */
export type MessageKey = Leaves<Messages>;
export type Lang = 'sv' | 'en';
export const languages: readonly Lang[] = ['sv', 'en'];
export type TFn = (key: MessageKey, vars?: Record<string, string | number>) => string;

type Catalogue = Record<string, unknown>;
export interface Catalogues {
  sv: Catalogue;
  en: Catalogue;
}

export interface Translator {
  t(lang: Lang): TFn;
  /** Whether a runtime string (a Zod message, say) names a key. */
  has(key: string): boolean;
}

/** An i18next placeholder such as {{name}}. */
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** An i18next instance over every module's catalogues, keyed by namespace. */
export async function i18nextFor(namespaces: Record<string, Catalogues>): Promise<i18n> {
  const sv: Catalogue = {};
  const en: Catalogue = {};
  for (const [ns, cat] of Object.entries(namespaces)) {
    sv[ns] = cat.sv;
    en[ns] = cat.en;
  }
  const instance: i18n = i18next.createInstance();
  await instance.init({
    lng: 'sv',
    fallbackLng: 'sv',
    supportedLngs: ['sv', 'en'],
    resources: { sv: { translation: sv }, en: { translation: en } },
    // Output is escaped once, by the JSX renderer.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

/** Builds the translator from every module's catalogues, keyed by namespace. */
export async function createTranslator(namespaces: Record<string, Catalogues>): Promise<Translator> {
  const instance = await i18nextFor(namespaces);
  // i18next's lookup and interpolation are the most expensive part of rendering a page. Texts
  // without variables are looked up once per language; texts with variables keep their template
  // (the plural form chosen by `count`, as i18next chooses it) and fill in {{name}} placeholders
  // here. Anything else (a missing key or variable) goes through i18next itself.
  const memo = (lang: Lang): TFn => {
    const fixed = instance.getFixedT(lang) as unknown as TFn;
    const plurals = new Intl.PluralRules(lang === 'sv' ? 'sv-SE' : 'en-GB');
    const cache = new Map<string, string>();
    const templates = new Map<string, string | null>();
    const template = (key: string): string | null => {
      let hit = templates.get(key);
      if (hit === undefined) {
        const raw = instance.getResource(lang, 'translation', key) ?? instance.getResource('sv', 'translation', key);
        hit = typeof raw === 'string' ? raw : null;
        templates.set(key, hit);
      }
      return hit;
    };
    return (key, vars) => {
      if (vars) {
        const count = vars.count;
        const tpl =
          typeof count === 'number'
            ? ((count === 0 ? template(`${key}_zero`) : null) ?? template(`${key}_${plurals.select(count)}`) ?? template(key))
            : template(key);
        if (tpl !== null) {
          let missing = false;
          const out = tpl.replace(PLACEHOLDER, (_m, name: string) => {
            const v = vars[name];
            if (v === undefined) missing = true;
            return String(v);
          });
          if (!missing && !out.includes('$t(')) return out;
        }
        return fixed(key, vars);
      }
      let hit = cache.get(key);
      if (hit === undefined) {
        hit = fixed(key);
        cache.set(key, hit);
      }
      return hit;
    };
  };
  const fixed = { sv: memo('sv'), en: memo('en') };
  return {
    t: (lang) => fixed[lang],
    // A key with plural forms exists as key_one, key_other…: its base name counts as a key too.
    has: (key) => instance.exists(key, { lng: 'sv' }) || instance.exists(`${key}_other`, { lng: 'sv' }),
  };
}

const dateFormats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** One formatter per language, style and zone: making one costs far more than using it. */
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = dateFormats.get(key) as T | undefined;
  if (!f) {
    f = make();
    dateFormats.set(key, f);
  }
  return f;
}

/** Formats a date and time in the municipality's time zone. */
export function formatDateTime(lang: Lang, date: Date, timeZone = 'Europe/Stockholm'): string {
  return cached(
    `dt|${lang}|${timeZone}`,
    () => new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(date);
}

/** Formats a date in the municipality's time zone. */
export function formatDate(lang: Lang, date: Date, timeZone = 'Europe/Stockholm'): string {
  return cached(`d|${lang}|${timeZone}`, () => new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeZone })).format(date);
}

/** Formats a whole number with the language's grouping. */
export function formatNumber(lang: Lang, n: number): string {
  return cached(`n|${lang}`, () => new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB')).format(n);
}

/** Formats a calendar date (`2026-05-31`, a date without a time) as the language writes it. */
export function formatDay(lang: Lang, day: string): string {
  return formatDate(lang, new Date(`${day}T12:00:00Z`), 'UTC');
}
