import { Link } from '@fluentui/react-components';
import { ApiClient } from './api';
import { Me } from './api-types';
import { useLoad } from './use-load';

/**
 * The tab's menu: only what the signed-in person can do (from GET /api/me), so a health visitor is
 * not offered approvals or opening a case, pages that could only turn her away. Until the answer
 * comes, only "My core groups", which everyone has.
 */
export function Nav({ api }: { api?: ApiClient }) {
  const me = useLoad<Me | undefined>(() => (api ? api.get<Me>('/api/me') : Promise.resolve(undefined)), [api]);
  const can = me.data?.can;
  return (
    <nav aria-label="Core Groups" style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 16px', marginBottom: 16 }}>
      <Link href="#/">My core groups</Link>
      {can?.manage && <Link href="#/approvals">Approvals</Link>}
      {can?.manage && <Link href="#/team">Team compliance</Link>}
      {can?.openCases && <Link href="#/cases/new">Open a case</Link>}
      {can?.keepStaffList && <Link href="#/staff">Staff list</Link>}
    </nav>
  );
}
