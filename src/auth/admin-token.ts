import fs from 'node:fs';
import path from 'node:path';
import { hashToken, newToken } from './token-hash.js';

/**
 * The admin token: ADMIN_TOKEN when set; otherwise one generated at the first start, shown once, of which only the
 * hash is kept in DATA_DIR/auth. Returns its hash and, when it was just generated, the token to show.
 */
export function resolveAdminToken(dataDir: string, configured: string | undefined): { hash: string; generated?: string } {
  if (configured) return { hash: hashToken(configured) };
  const file = path.join(dataDir, 'auth', 'admin-token.sha256');
  if (fs.existsSync(file)) return { hash: fs.readFileSync(file, 'utf8').trim() };
  const token = newToken();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${hashToken(token)}\n`, { mode: 0o600 });
  return { hash: hashToken(token), generated: token };
}
