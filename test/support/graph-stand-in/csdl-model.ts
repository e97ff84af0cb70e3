import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';

/** What the stand-in knows of a structured type from Microsoft Graph's official metadata. */
export interface StructuredType {
  readonly name: string;
  readonly baseType?: string;
  readonly open: boolean;
  readonly abstract: boolean;
  readonly properties: ReadonlyMap<string, { readonly type: string; readonly nullable: boolean }>;
}

export interface CsdlModel {
  readonly types: ReadonlyMap<string, StructuredType>;
  readonly enums: ReadonlyMap<string, { readonly members: ReadonlySet<string>; readonly flags: boolean }>;
  readonly actions: ReadonlyMap<string, ReadonlyMap<string, { readonly type: string; readonly nullable: boolean }>>;
}

type Xml = Record<string, unknown>;
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The official metadata, carried in the repository (metadata/README.md says where it came from). */
// Built (the graph bench runs from dist/), this file is in dist/test/support/graph-stand-in and the
// metadata, which tsc does not copy, is still in the source tree beside the original.
const BESIDE = path.join(__dirname, 'metadata', 'v1.0-Prod.csdl.gz');
export const CSDL_PATH = fs.existsSync(BESIDE) ? BESIDE : path.resolve(__dirname, '../../../../test/support/graph-stand-in/metadata/v1.0-Prod.csdl.gz');
/** sha256 of the uncompressed metadata, as recorded in metadata/README.md. */
export const CSDL_SHA256 = 'a9d32d3611746c96043229a98867be064fb782c801b3405bce00c224ea3f6a03';
let cached: CsdlModel | undefined;

/** The metadata's text: gunzipped when the file is compressed. */
export function readCsdl(file = CSDL_PATH): string {
  const bytes = fs.readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Parsed once per process. */
export function loadCsdl(file = CSDL_PATH): CsdlModel {
  if (cached && file === CSDL_PATH) return cached;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['Schema', 'EntityType', 'ComplexType', 'EnumType', 'Property', 'NavigationProperty', 'Member', 'Action', 'Parameter'].includes(name),
  });
  const doc = parser.parse(readCsdl(file)) as Xml;
  const schemas = list(((doc['edmx:Edmx'] as Xml)['edmx:DataServices'] as Xml).Schema as Xml[]);
  const types = new Map<string, StructuredType>();
  const enums = new Map<string, { members: Set<string>; flags: boolean }>();
  const actions = new Map<string, Map<string, { type: string; nullable: boolean }>>();
  for (const schema of schemas) {
    const ns = schema.Namespace as string;
    const alias = schema.Alias as string | undefined;
    const full = (t: string | undefined) => (t && alias && t.startsWith(`${alias}.`) ? `${ns}${t.slice(alias.length)}` : t);
    for (const t of [...list(schema.EntityType as Xml[]), ...list(schema.ComplexType as Xml[])]) {
      const properties = new Map<string, { type: string; nullable: boolean }>();
      for (const p of [...list(t.Property as Xml[]), ...list(t.NavigationProperty as Xml[])]) {
        properties.set(p.Name as string, { type: fullType(p.Type as string, full), nullable: p.Nullable !== 'false' });
      }
      types.set(`${ns}.${t.Name as string}`, {
        name: `${ns}.${t.Name as string}`,
        ...(t.BaseType ? { baseType: full(t.BaseType as string) as string } : {}),
        open: t.OpenType === 'true',
        abstract: t.Abstract === 'true',
        properties,
      });
    }
    for (const e of list(schema.EnumType as Xml[])) {
      enums.set(`${ns}.${e.Name as string}`, { members: new Set(list(e.Member as Xml[]).map((m) => m.Name as string)), flags: e.IsFlags === 'true' });
    }
    for (const a of list(schema.Action as Xml[])) {
      const params = new Map<string, { type: string; nullable: boolean }>();
      const ps = list(a.Parameter as Xml[]);
      for (const p of ps.slice(a.IsBound === 'true' ? 1 : 0))
        params.set(p.Name as string, { type: fullType(p.Type as string, full), nullable: p.Nullable !== 'false' });
      const binding = a.IsBound === 'true' ? fullType((ps[0] as Xml).Type as string, full) : '';
      actions.set(`${binding}/${ns}.${a.Name as string}`, params);
    }
  }
  const model: CsdlModel = { types, enums, actions };
  if (file === CSDL_PATH) cached = model;
  return model;
}

function fullType(t: string, full: (t: string | undefined) => string | undefined): string {
  const m = /^Collection\((.+)\)$/.exec(t);
  return m ? `Collection(${full(m[1]) as string})` : (full(t) as string);
}
