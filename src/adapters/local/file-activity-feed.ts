import fs from 'node:fs';
import path from 'node:path';
import { ActivityFeed } from '../../ports/activity-feed';

/**
 * Local mode's activity feed: each notification appended, one JSON line, to activity-feed.jsonl
 * under the data folder, as Teams would list it in the person's feed.
 */
export function fileActivityFeed(dir: string, now: () => string): ActivityFeed {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'activity-feed.jsonl');
  return {
    async notify(n) {
      await fs.promises.appendFile(file, `${JSON.stringify({ at: now(), ...n })}\n`, 'utf8');
    },
  };
}
