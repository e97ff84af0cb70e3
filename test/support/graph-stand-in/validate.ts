import { CsdlModel, StructuredType } from './csdl-model';

/**
 * Validates a JSON request body against a type of the official Graph metadata, the way Graph refuses
 * bodies: an unknown property, a value of the wrong JSON type, an enum value the metadata doesn't
 * list, or a missing non-nullable parameter. Returns the problems, each naming the property path.
 */
export function validateAgainst(model: CsdlModel, typeName: string, value: unknown, path = ''): string[] {
  const collection = /^Collection\((.+)\)$/.exec(typeName);
  if (collection) {
    if (!Array.isArray(value)) return [`${path || 'body'}: expected an array of ${collection[1]}`];
    return value.flatMap((v, i) => validateAgainst(model, collection[1] as string, v, `${path}[${i}]`));
  }
  if (value === null) return [];
  if (typeName.startsWith('Edm.')) return primitive(typeName, value, path);
  const enumType = model.enums.get(typeName);
  if (enumType) {
    if (typeof value !== 'string') return [`${path}: expected a ${typeName} value (a string)`];
    const parts = enumType.flags ? value.split(',').map((s) => s.trim()) : [value];
    const bad = parts.filter((p) => !enumType.members.has(p));
    return bad.length ? [`${path}: '${bad.join(',')}' is not a member of ${typeName} (${[...enumType.members].join(', ')})`] : [];
  }
  const declared = model.types.get(typeName);
  if (!declared) return [`${path}: unknown type ${typeName}`];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path || 'body'}: expected an object of type ${typeName}`];
  const record = value as Record<string, unknown>;
  // A derived type chosen with @odata.type (e.g. a fileAttachment where an attachment is expected).
  const odataType = typeof record['@odata.type'] === 'string' ? (record['@odata.type'] as string).replace(/^#/, '') : undefined;
  const type = odataType && model.types.has(odataType) && isA(model, odataType, typeName) ? (model.types.get(odataType) as StructuredType) : declared;
  if (odataType && type === declared && odataType !== typeName) return [`${path}: @odata.type ${odataType} is not a ${typeName}`];
  const props = allProperties(model, type);
  const problems: string[] = [];
  for (const [key, v] of Object.entries(record)) {
    const at = path ? `${path}.${key}` : key;
    // Instance annotations (@odata.type, @odata.etag, property@odata.type) are not properties.
    if (key.includes('@')) continue;
    const prop = props.get(key);
    if (!prop) {
      problems.push(`${at}: '${key}' is not a property of ${type.name}`);
      continue;
    }
    problems.push(...validateAgainst(model, prop.type, v, at));
  }
  return problems;
}

/** Action parameters (getSchedule, sendMail, cancel): JSON names are the camelCase parameter names. */
export function validateAction(model: CsdlModel, actionKey: string, body: unknown): string[] {
  const params = model.actions.get(actionKey);
  if (!params) return [`unknown action ${actionKey}`];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body: expected a JSON object'];
  const record = body as Record<string, unknown>;
  const byJsonName = new Map([...params].map(([name, p]) => [name.charAt(0).toLowerCase() + name.slice(1), p]));
  const problems: string[] = [];
  for (const [key, v] of Object.entries(record)) {
    const p = byJsonName.get(key);
    if (!p) problems.push(`${key}: '${key}' is not a parameter of ${actionKey.split('/').pop()}`);
    else problems.push(...validateAgainst(model, p.type, v, key));
  }
  for (const [key, p] of byJsonName) if (!p.nullable && record[key] === undefined) problems.push(`${key}: is required`);
  return problems;
}

function allProperties(model: CsdlModel, type: StructuredType): Map<string, { type: string; nullable: boolean }> {
  const chain: StructuredType[] = [];
  for (let t: StructuredType | undefined = type; t; t = t.baseType ? model.types.get(t.baseType) : undefined) chain.unshift(t);
  return new Map(chain.flatMap((t) => [...t.properties]));
}

function isA(model: CsdlModel, sub: string, base: string): boolean {
  for (let t = model.types.get(sub); t; t = t.baseType ? model.types.get(t.baseType) : undefined) if (t.name === base) return true;
  return false;
}

function primitive(type: string, v: unknown, path: string): string[] {
  const ok: Record<string, (v: unknown) => boolean> = {
    'Edm.String': (x) => typeof x === 'string',
    'Edm.Boolean': (x) => typeof x === 'boolean',
    'Edm.Int32': (x) => Number.isInteger(x),
    'Edm.Int64': (x) => Number.isInteger(x),
    'Edm.Double': (x) => typeof x === 'number',
    'Edm.DateTimeOffset': (x) => typeof x === 'string' && !Number.isNaN(Date.parse(x)),
    'Edm.Date': (x) => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x),
    'Edm.TimeOfDay': (x) => typeof x === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(x),
    'Edm.Binary': (x) => typeof x === 'string' && /^[A-Za-z0-9+/=_-]*$/.test(x),
    'Edm.Guid': (x) => typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x),
    'Edm.Duration': (x) => typeof x === 'string',
  };
  const check = ok[type];
  if (!check) return [];
  return check(v) ? [] : [`${path}: expected ${type}, got ${JSON.stringify(v)?.slice(0, 40)}`];
}
