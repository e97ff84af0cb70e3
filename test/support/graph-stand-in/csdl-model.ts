import fs from 'node:fs';
import path from 'node:path';
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

/** The repository's root: the nearest folder above with the project's package.json (from source or dist). */
function repoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'domain'))) return dir;
  }
  throw new Error(`cannot find the repository root above ${from}`);
}

/** The official metadata ships beside the project (../shared/graph); parsed once per process. */
export const CSDL_PATH = path.resolve(repoRoot(__dirname), '../shared/graph/v1.0-Prod.csdl');
let cached: CsdlModel | undefined;

export function loadCsdl(file = CSDL_PATH): CsdlModel {
  if (cached && file === CSDL_PATH) return cached;
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['Schema', 'EntityType', 'ComplexType', 'EnumType', 'Property', 'NavigationProperty', 'Member', 'Action', 'Parameter'].includes(name) });
  const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Xml;
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
      types.set(`${ns}.${t.Name as string}`, { name: `${ns}.${t.Name as string}`, ...(t.BaseType ? { baseType: full(t.BaseType as string) as string } : {}), open: t.OpenType === 'true', abstract: t.Abstract === 'true', properties });
    }
    for (const e of list(schema.EnumType as Xml[])) {
      enums.set(`${ns}.${e.Name as string}`, { members: new Set(list(e.Member as Xml[]).map((m) => m.Name as string)), flags: e.IsFlags === 'true' });
    }
    for (const a of list(schema.Action as Xml[])) {
      const params = new Map<string, { type: string; nullable: boolean }>();
      const ps = list(a.Parameter as Xml[]);
      for (const p of ps.slice(a.IsBound === 'true' ? 1 : 0)) params.set(p.Name as string, { type: fullType(p.Type as string, full), nullable: p.Nullable !== 'false' });
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
