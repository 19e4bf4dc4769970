import { useQuery } from '@tanstack/react-query';
import { Alert, List, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { DossierDocument } from '../../api/types';
import { DownloadLink } from '../../components/Download';
import { formatDateTime } from '../../labels';

/** Văn bản: the receipt of each submission and every document the dossier produced, as PDFs. */
export const Documents = ({ dossierId, version }: { dossierId: string; version: number }) => {
  const documents = useQuery({
    // The version: a new receipt or decision shows once the dossier has moved.
    queryKey: ['dossier-documents', dossierId, version],
    queryFn: () =>
      unwrap(api.GET('/api/v1/dossiers/{id}/documents', { params: { path: { id: dossierId } } })),
  });
  return (
    <section aria-labelledby="documents-title">
      <Typography.Title level={2} id="documents-title" style={{ fontSize: 20 }}>
        Văn bản
      </Typography.Title>
      {documents.error && <Alert type="error" showIcon title={(documents.error as Error).message} />}
      <List<DossierDocument>
        loading={documents.isLoading}
        dataSource={documents.data ?? []}
        locale={{ emptyText: 'Hồ sơ chưa có văn bản nào (phiếu tiếp nhận có khi hồ sơ được nộp).' }}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={
                <DownloadLink url={d.url} fileName={d.fileName}>
                  {d.title} (PDF)
                </DownloadLink>
              }
              description={`Ban hành lúc ${formatDateTime(d.issuedAt)}`}
            />
          </List.Item>
        )}
      />
    </section>
  );
};
