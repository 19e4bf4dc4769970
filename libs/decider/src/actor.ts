import { forbidden } from './errors';

/** The roles of NTM Dossiers. Role names are stable identifiers used in tokens and events. */
export const ROLES = [
  'commune_officer',
  'front_officer',
  'district_officer',
  'province_officer',
  'council_member',
  'chairman',
  'emulation_secretary',
  'emulation_member',
  'admin',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** Administrative units an actor may act for. Absent codes mean "any below the given level". */
export interface Jurisdiction {
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
}

export interface Actor {
  readonly id: string;
  readonly name?: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

/** Where an object sits in the administrative tree. */
export interface Location {
  readonly provinceCode: string;
  readonly districtCode?: string;
  readonly communeCode: string;
}

/**
 * An actor covers a location when every code the actor is bound to matches it.
 * A provincial officer (province code only) covers all communes of the province.
 */
export const covers = (j: Jurisdiction, loc: Location): boolean =>
  (j.provinceCode === undefined || j.provinceCode === loc.provinceCode) &&
  (j.districtCode === undefined || j.districtCode === loc.districtCode) &&
  (j.communeCode === undefined || j.communeCode === loc.communeCode);

/** Refuses (403 OUTSIDE_JURISDICTION) an actor whose jurisdiction does not cover `where`; `what` names it. */
export const requireCovers = (actor: Actor, where: Location, what: string): void => {
  if (!covers(actor.jurisdiction, where))
    throw forbidden('OUTSIDE_JURISDICTION', `${what} nằm ngoài địa bàn phụ trách`);
};
