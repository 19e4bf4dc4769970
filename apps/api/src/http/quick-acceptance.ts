import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A quick yes for a valid body: the same checks class-validator makes, in the order and with the arguments it
 * uses (its own constraint functions are called), without the error objects it builds for every property of every
 * object whether or not anything fails, which were most of the cost of validating a command. Only a yes is taken
 * from here; a no, or anything it cannot tell, goes to class-validator, whose errors are the ones answered.
 *
 * It mirrors class-validator 0.14's ValidationExecutor under the API pipe's options (whitelist with
 * forbidNonWhitelisted, no groups, no skip options): whitelisting, conditions (IsOptional, ValidateIf), IsDefined,
 * constraints with and without `each`, nested objects and lists. A promise from a constraint, or a kind of
 * metadata it does not know, is "cannot tell".
 */

/** True: class-validator would find nothing wrong; false: it would; undefined: ask it. */
export type Verdict = boolean | undefined;

interface PropertyPlan {
  readonly name: string;
  readonly defined: readonly ValidationMetadata[];
  readonly conditions: readonly ValidationMetadata[];
  readonly custom: readonly ValidationMetadata[];
  readonly nested: readonly ValidationMetadata[];
}

interface ClassPlan {
  /** A kind of metadata this does not mirror (e.g. promise validation). */
  readonly unknown: boolean;
  readonly empty: boolean;
  readonly known: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

const MIRRORED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

const isPromise = (value: unknown): boolean =>
  value instanceof Promise || typeof (value as { then?: unknown } | null)?.then === 'function';

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

/** As class-validator turns a collection into the list `each` checks. */
const itemsOf = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  value instanceof Map ? Array.from(value.values()) : Array.isArray(value) ? value : Array.from(value);

export class QuickAcceptance {
  private readonly storage = getMetadataStorage();
  /**
   * By the list class-validator gives for a class: the API keeps that list until a decorator registers another
   * constraint (validation.ts), and a new list gets a new plan.
   */
  private readonly plans = new WeakMap<readonly ValidationMetadata[], ClassPlan>();

  constructor(private readonly forbidUnknownValues: boolean) {}

  /** Whether class-validator would accept this instance (as built by class-transformer from a body). */
  accepts(entity: object): Verdict {
    return this.execute(entity, undefined);
  }

  private planOf(target: unknown, schema: string | undefined): ClassPlan {
    const metadatas = this.storage.getTargetValidationMetadatas(
      target as new () => unknown,
      schema as string,
      false,
      false,
    );
    let plan = this.plans.get(metadatas);
    if (!plan) {
      const grouped = this.storage.groupByPropertyName(metadatas);
      const of = (list: ValidationMetadata[], type: string) => list.filter((m) => m.type === type);
      plan = {
        unknown: metadatas.some((m) => !MIRRORED.has(m.type)),
        empty: metadatas.length === 0,
        known: new Set(Object.keys(grouped).filter((p) => grouped[p].length > 0)),
        properties: Object.keys(grouped).map((name) => ({
          name,
          defined: of(grouped[name], ValidationTypes.IS_DEFINED),
          conditions: of(grouped[name], ValidationTypes.CONDITIONAL_VALIDATION),
          custom: of(grouped[name], ValidationTypes.CUSTOM_VALIDATION),
          nested: of(grouped[name], ValidationTypes.NESTED_VALIDATION),
        })),
      };
      this.plans.set(metadatas, plan);
    }
    return plan;
  }

  private execute(object: object, schema: string | undefined): Verdict {
    // An object without a constructor (a null prototype) is class-validator's to judge.
    if (typeof object.constructor !== 'function') return undefined;
    const plan = this.planOf(object.constructor, schema);
    if (plan.unknown) return undefined;
    if (plan.empty && this.forbidUnknownValues) return false;
    for (const key of Object.keys(object)) if (!plan.known.has(key)) return false;
    const record = object as Record<string, unknown>;
    for (const p of plan.properties) {
      const verdict = this.property(object, record[p.name], p.defined, p.conditions, p.custom, p.nested);
      if (verdict !== true) return verdict;
    }
    return true;
  }

  private property(
    object: object,
    value: unknown,
    defined: readonly ValidationMetadata[],
    conditions: readonly ValidationMetadata[],
    custom: readonly ValidationMetadata[],
    nested: readonly ValidationMetadata[],
  ): Verdict {
    // Every condition is evaluated, as class-validator does, before any constraint.
    let validated = true;
    for (const c of conditions)
      validated = (c.constraints[0] as (o: object, v: unknown) => boolean)(object, value) && validated;
    if (!validated) return true;
    const verdict = this.constraints(object, value, defined);
    if (verdict !== true) return verdict;
    const customVerdict = this.constraints(object, value, custom);
    if (customVerdict !== true) return customVerdict;
    return this.nestedObjects(value, nested);
  }

  private constraints(object: object, value: unknown, metadatas: readonly ValidationMetadata[]): Verdict {
    for (const m of metadatas) {
      for (const constraint of this.storage.getTargetValidatorConstraints(m.constraintCls)) {
        const args: ValidationArguments = {
          targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
          property: m.propertyName,
          object,
          value,
          constraints: m.constraints,
        };
        const items = m.each && isCollection(value) ? itemsOf(value) : [value];
        for (const item of items) {
          const valid: unknown = constraint.instance.validate(item, args);
          if (isPromise(valid)) return undefined;
          if (!valid) return false;
        }
      }
    }
    return true;
  }

  private nestedObjects(value: unknown, metadatas: readonly ValidationMetadata[]): Verdict {
    if (value === undefined) return true;
    for (const m of metadatas) {
      if (isCollection(value)) {
        // Each item is checked against the same nested metadata, as a property of the list (no conditions).
        let verdict: Verdict = true;
        (value instanceof Set ? Array.from(value) : value).forEach((item: unknown) => {
          if (verdict === true) verdict = this.property(value, item, [], [], [], metadatas);
        });
        if (verdict !== true) return verdict;
      } else if (value instanceof Object) {
        const verdict = this.execute(value, typeof m.target === 'string' ? m.target : m.target.name);
        if (verdict !== true) return verdict;
      } else return false;
    }
    return true;
  }
}

const MAX_DEPTH = 64;
const PROTOTYPE_KEYS = ['__proto__', 'prototype', 'constructor'];

/**
 * A value as JSON gives it: plain objects without prototype keys, lists without holes, and primitives. Anything
 * else (a Buffer, a Date, a sparse list from a form, a `__proto__` key) goes the pipe's full way, which handles it.
 */
export const isPlainData = (value: unknown, depth = 0): boolean => {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (!(i in value) || !isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of PROTOTYPE_KEYS) if (Object.hasOwn(value, key)) return false;
  for (const key in value) if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
};
