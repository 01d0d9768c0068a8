import { useQuery } from '@tanstack/react-query';
import { Card, Space } from 'antd';
import { api, data, ifMatch, type Declaration } from '../api/client';
import type { useDeclaration } from '../lib/useDeclaration';
import { BasicInfoEditor, type Revision } from './BasicInfoEditor';
import { ChecksPanel } from './ChecksPanel';
import { IndicatorTable } from './IndicatorTable';

/**
 * The form editor of a draft: basic information, funds and goals saved together; indicators row
 * by row. The findings of the checks and the server's field errors land on their cells.
 */
export function DraftEditor({
  declaration: d,
  state,
}: {
  declaration: Declaration;
  state: ReturnType<typeof useDeclaration>;
}) {
  const id = d.id;
  const checks = useQuery({
    queryKey: ['checks', id, d.version],
    queryFn: () => data(api.GET('/declarations/{id}/checks', { params: { path: { id } } })),
  });
  const findings = checks.data?.findings ?? [];
  const messages = {
    ...Object.fromEntries(findings.map((f) => [f.path, f.message])),
    ...state.errors,
  };
  const revise = (revision: Revision) =>
    state
      .write(
        (version) =>
          api.PATCH('/declarations/{id}', { params: { path: { id }, header: ifMatch(version) }, body: revision }),
        '已保存',
      )
      .then(() => undefined);
  const editable = {
    save: (indicatorId: string | null, fields: { level1: string; level2: string; name: string; target: string }) =>
      indicatorId === null
        ? state.write(
            (version) =>
              api.POST('/declarations/{id}/indicators', {
                params: { path: { id }, header: ifMatch(version) },
                body: fields,
              }),
            '已添加指标',
          )
        : state.write(
            (version) =>
              api.PATCH('/declarations/{id}/indicators/{indicatorId}', {
                params: { path: { id, indicatorId }, header: ifMatch(version) },
                body: fields,
              }),
            '已保存指标',
          ),
    remove: async (indicatorId: string) => {
      await state.write(
        (version) =>
          api.DELETE('/declarations/{id}/indicators/{indicatorId}', {
            params: { path: { id, indicatorId }, header: ifMatch(version) },
          }),
        '已删除指标',
      );
    },
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="送审前检查">
        <ChecksPanel findings={findings} />
      </Card>
      <BasicInfoEditor declaration={d} errors={messages} onSave={revise} saving={state.busy} />
      <Card size="small" title="绩效指标">
        <IndicatorTable indicators={d.indicators} messages={messages} opinions={d.opinions} editable={editable} />
      </Card>
    </Space>
  );
}
