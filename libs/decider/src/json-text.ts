import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/**
 * A document an administrator loads as a JSON file: problems name the field and the line it stands on, so a
 * Vietnamese message reads "Dòng 12, trường daysOff[0].from: ...". One place for every loadable file.
 */
export type JsonPath = readonly (string | number)[];

export interface JsonLocation {
  readonly line: number;
  readonly column: number;
}

export type ParsedJsonText =
  | { readonly ok: true; readonly value: unknown; readonly root: Node }
  | {
      readonly ok: false;
      readonly problems: readonly (JsonLocation & { readonly field: string; readonly message: string })[];
    };

const lineAt = (text: string, offset: number): JsonLocation => {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
};

/** Strict JSON (no comments, no trailing commas); a syntax error names its line. */
export const parseJsonText = (text: string): ParsedJsonText => {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    return {
      ok: false,
      problems: (errors.length ? errors : [{ error: 0, offset: 0, length: 0 }]).map((e) => ({
        field: '(JSON)',
        ...lineAt(text, e.offset),
        message: `JSON không hợp lệ (${printParseErrorCode(e.error)})`,
      })),
    };
  }
  return { ok: true, value: JSON.parse(text) as unknown, root };
};

/** Where a path stands in the text: the node, or its nearest existing parent (a missing field points at its object). */
export const locateInJson = (text: string, root: Node, path: JsonPath): JsonLocation => {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
    if (node) {
      const at = node.parent?.type === 'property' && n === path.length ? node.parent : node;
      return lineAt(text, at.offset);
    }
  }
  return lineAt(text, root.offset);
};

/** "daysOff[0].from" → ["daysOff", 0, "from"]. */
export const jsonPathOf = (field: string): JsonPath =>
  [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));

/** "daysOff", [0, "from"] → "daysOff[0].from"; the root is "(gốc)". */
export const jsonFieldName = (path: JsonPath): string =>
  path.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '') ||
  '(gốc)';

/** "Dòng 12, trường daysOff[0].from: Cần ngày dạng YYYY-MM-DD". */
export const describeAtLine = (p: {
  readonly line: number | null;
  readonly field: string;
  readonly message: string;
}): string => `${p.line === null ? '' : `Dòng ${p.line}, `}trường ${p.field}: ${p.message}`;
