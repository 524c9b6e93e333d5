import { zh } from './zh.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? readonly string[] : T[K] };
/** Every console/admin string; the shape comes from zh.ts so a missing English string fails the typecheck. */
export type Strings = Widen<typeof zh>;
