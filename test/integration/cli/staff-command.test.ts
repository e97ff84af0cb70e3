import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { staffCommand } from '../../../src/cli/staff';

/** `core-groups staff`, run as the server's operator would, against a database file. */
describe('core-groups staff', () => {
  let dir: string;
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await staffCommand([...args, '--file', path.join(dir, 'core-groups.sqlite')], { out: (t) => out.push(t), err: (t) => err.push(t) }, {});
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-staff-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets the first administrator, lists the list in words, and takes someone off it', async () => {
    expect(await run('set', 'Maria.Lindqvist@anytown.gov.uk', 'team-manager,administrator')).toEqual({
      code: 0,
      out: 'maria.lindqvist@anytown.gov.uk: Core Groups administrator, team manager.',
      err: '',
    });
    await run('set', 'sam.okafor@anytown.gov.uk', 'social-worker');
    expect((await run('list')).out).toBe(
      'maria.lindqvist@anytown.gov.uk: Core Groups administrator, team manager\nsam.okafor@anytown.gov.uk: social worker\n2 on the list.',
    );
    expect((await run('set', 'sam.okafor@anytown.gov.uk')).out).toBe('sam.okafor@anytown.gov.uk is no longer on the staff list.');
    expect((await run('list')).out).toContain('1 on the list.');
  });

  const refusals: [string, string[], RegExp][] = [
    ['an unknown role', ['set', 'a@b.example', 'chief'], /^core-groups staff: "chief" is not a role; the roles are social-worker, team-manager/],
    ['an email that is not one', ['set', 'not-an-email', 'iro'], /^core-groups staff: the email must be an email address$/],
    ['nothing to do', [], /^core-groups staff: say "core-groups staff list" or "core-groups staff set EMAIL ROLE,ROLE" \(got "nothing"\)$/],
    ['list with an email', ['list', 'a@b.example'], /^core-groups staff: say /],
  ];
  it.each(refusals)('refuses %s in one line, exit 2, writing nothing', async (_what, args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    if (args.length) expect((await run('list')).out).toBe('0 on the list.');
  });
});
