import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../storage/sql-client.ts';
import type { ChannelKind } from './channel.ts';

/** A stored file, without its content. */
export interface ChannelAttachment {
  id: string;
  tenantId: string;
  kind: ChannelKind;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Files that came with channel messages (table `channel_attachments`). */
export interface ChannelAttachmentStore {
  /**
   * Stores a file under an id derived from (tenant, channel, `key`) — the message's own id plus the file's position —
   * so a re-delivered message stores its files once. Returns the id.
   */
  save(tenantId: string, kind: ChannelKind, input: { key: string; name: string; contentType: string; content: Buffer }): Promise<string>;
  /** The file of this tenant, with its content, or null (another tenant's id is null too). */
  get(tenantId: string, id: string): Promise<(ChannelAttachment & { content: Buffer }) | null>;
}

type Row = { id: string; tenant_id: string; kind: string; name: string; content_type: string; size: number; sha256: string; content: Buffer | Uint8Array };

/** The SQL attachment store (bytea content: fine for the few megabytes a channel allows per file). */
export function createChannelAttachmentStore(deps: { sql: SqlExecutor }): ChannelAttachmentStore {
  return {
    async save(tenantId, kind, input) {
      const id = `att_${createHash('sha256').update(`${tenantId}\n${kind}\n${input.key}`).digest('base64url').slice(0, 24)}`;
      const digest = createHash('sha256').update(input.content).digest('hex');
      await deps.sql.query(
        `INSERT INTO channel_attachments (id, tenant_id, kind, name, content_type, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO NOTHING`,
        [id, tenantId, kind, input.name.slice(0, 255), input.contentType.slice(0, 255), input.content.length, digest, input.content],
      );
      return id;
    },
    async get(tenantId, id) {
      const [row] = await deps.sql.query<Row>('SELECT * FROM channel_attachments WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      if (!row) return null;
      return { id: row.id, tenantId: row.tenant_id, kind: row.kind as ChannelKind, name: row.name, contentType: row.content_type, size: row.size, sha256: row.sha256, content: Buffer.from(row.content) };
    },
  };
}
