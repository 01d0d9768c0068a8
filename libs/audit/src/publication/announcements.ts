import { checkpointFileName, checkpointFileText, type StoredCheckpoint } from '@app/event-store';

/** An event a checkpoint took in without valid proof, as the alert names it. */
export interface UnprovenLeaf {
  leafIndex: number;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
}

/** How many unproven events an alert lists by name; the rest are counted (verify lists them all). */
export const ALERT_LISTS_AT_MOST = 20;

/** `2026-12-07T06:00:00.000Z` as Beijing time, as the notices print times. */
function beijing(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/** The words that go with a checkpoint to the auditors (webhook `title`/`body`, e-mail subject and text). */
export function checkpointAnnouncement(checkpoint: StoredCheckpoint, publicUrl: string) {
  const title = `【审计检查点】事件日志前 ${checkpoint.treeSize} 条事件的签名树头`;
  const body = [
    `绩效目标申报系统于 ${beijing(checkpoint.issuedAt)}（北京时间）签发了事件日志的检查点：`,
    `树大小 ${checkpoint.treeSize}，根哈希 ${checkpoint.rootHash}，签名密钥 ${checkpoint.keyId}。`,
    `请原样保存附件 ${checkpointFileName(checkpoint.treeSize)}（勿修改）：日后可用它离线核验审计导出或回执，`,
    '任何人若改动、删除、重排或插入此前的事件，核验都会发现。',
    '核验：npm run cli -- audit verify-export <trail.jsonl> --checkpoints <存放检查点的目录> --public-key <公钥文件>',
    `公钥：${publicUrl}/audit/keys`,
  ].join('\n');
  return { title, body, fileName: checkpointFileName(checkpoint.treeSize), file: checkpointFileText(checkpoint) };
}

/** The admins' alert: a checkpoint took in events that the service's key did not prove. */
export function unprovenAlert(treeSize: number, leaves: readonly UnprovenLeaf[], total: number, publicUrl: string) {
  const title = `【审计告警】事件日志中有 ${total} 条事件没有有效证明`;
  const listed = leaves
    .slice(0, ALERT_LISTS_AT_MOST)
    .map((l) => `- ${l.streamId} 第 ${l.streamVersion} 版（日志位置 ${l.globalPosition}）`);
  const body = [
    `签发前 ${treeSize} 条事件的检查点时发现，以下事件没有服务密钥所作的有效证明：`,
    `它们不是经由本服务写入的（有人绕过服务直接写了数据库），没有任何检查点为其担保。`,
    ...listed,
    ...(total > listed.length ? [`另有 ${total - listed.length} 条，见核验报告。`] : []),
    `请立即核查：GET ${publicUrl}/audit/verify，或 npm run cli -- audit verify。`,
  ].join('\n');
  return { title, body, link: `${publicUrl}/console/audit` };
}
