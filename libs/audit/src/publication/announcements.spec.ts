import { describe, expect, it } from '@jest/globals';
import { checkpointFileText, parseCheckpointFile } from '@app/event-store';
import { ALERT_LISTS_AT_MOST, checkpointAnnouncement, unprovenAlert } from './announcements.js';

const checkpoint = {
  treeSize: 1234,
  rootHash: 'ab'.repeat(32),
  keyId: 'k-2026',
  issuedAt: '2026-12-07T06:00:00.000Z',
  body: '{"treeSize":1234}',
  signature: 'cd'.repeat(32),
};

describe('a checkpoint sent to the auditors', () => {
  it('carries the signed file exactly as CHECKPOINT_DIR holds it, and says what it covers in Chinese', () => {
    const words = checkpointAnnouncement(checkpoint, 'https://pta.example.gov.cn');
    expect(words.fileName).toBe('checkpoint-000000001234.json');
    expect(words.file).toBe(checkpointFileText(checkpoint));
    expect(parseCheckpointFile(words.file)).toEqual({ body: checkpoint.body, signature: checkpoint.signature });
    expect(words.title).toBe('【审计检查点】事件日志前 1234 条事件的签名树头');
    expect(words.body).toContain('2026-12-07 14:00:00（北京时间）');
    expect(words.body).toContain(`根哈希 ${checkpoint.rootHash}`);
    expect(words.body).toContain('https://pta.example.gov.cn/audit/keys');
  });
});

describe("the admins' alert about events without valid proof", () => {
  const leaf = (i: number) => ({
    leafIndex: i,
    streamId: `declaration-${i}`,
    streamVersion: 2,
    globalPosition: `${i + 1}`,
  });

  it('names each event up to a limit and counts the rest', () => {
    const leaves = Array.from({ length: 25 }, (_, i) => leaf(i));
    const alert = unprovenAlert(500, leaves, 25, 'https://pta.example.gov.cn');
    expect(alert.title).toBe('【审计告警】事件日志中有 25 条事件没有有效证明');
    expect(alert.body).toContain('- declaration-0 第 2 版（日志位置 1）');
    expect(alert.body).not.toContain(`declaration-${ALERT_LISTS_AT_MOST} `);
    expect(alert.body).toContain(`另有 ${25 - ALERT_LISTS_AT_MOST} 条`);
    expect(alert.link).toBe('https://pta.example.gov.cn/console/audit');
  });
});
