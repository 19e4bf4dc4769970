import { useContext, useState } from 'react';
import { App, Progress, Upload, type UploadFile } from 'antd';
import { ApiError } from '../api/client';
import { postFile } from '../api/upload';
import type { StoredDocument } from '../api/types';
import { DownloadLink } from './Download';
import { UploadsContext } from './uploads';

/** What the server accepts (libs/documents): checked here before sending, checked again there by content. */
const ACCEPTED: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
};
export const MAX_BYTES = 20 * 1024 * 1024;

/** A file sent, as the dossier's commands cite it and the screen names it. */
export type UploadedDocument = Pick<StoredDocument, 'sha256' | 'fileName' | 'size'>;

/** A document already cited by the dossier, known by its hash only (its name is not kept with the citation). */
export const documentOf = (sha256: string): UploadedDocument => ({
  sha256,
  fileName: `Tài liệu ${sha256.slice(0, 10)}…`,
  size: 0,
});

/** Why a file cannot be sent, or null. */
export const checkFile = (file: { name: string; size: number }): string | null => {
  const ext = file.name.slice(file.name.lastIndexOf('.')).toLowerCase();
  if (!ACCEPTED[ext])
    return `Tệp "${file.name}" không đúng loại: chỉ nhận PDF, JPG, PNG, DOCX, XLSX, ODT, ODS.`;
  if (file.size > MAX_BYTES) return `Tệp "${file.name}" lớn hơn 20 MB.`;
  if (file.size === 0) return `Tệp "${file.name}" rỗng.`;
  return null;
};

/** Sends one evidence file with progress; the server answers its SHA-256. */
const send = async (file: File, onProgress: (percent: number) => void): Promise<UploadedDocument> => {
  const body = await postFile<Partial<UploadedDocument>>('/api/v1/documents', file, onProgress);
  if (!body.sha256) throw new ApiError(0, 'UPLOAD_FAILED', 'Không tải lên được tệp.');
  return { sha256: body.sha256, fileName: body.fileName ?? file.name, size: body.size ?? file.size };
};

/**
 * Evidence: drag and drop or choose files; each is checked (type, size) before sending, sent with a progress bar,
 * and becomes its SHA-256, which the dossier's commands cite. A form control: value is the list of documents.
 */
export const EvidenceUpload = ({
  value = [],
  onChange,
  id,
  label,
  compact,
}: {
  value?: UploadedDocument[];
  onChange?: (docs: UploadedDocument[]) => void;
  id?: string;
  label: string;
  /** A small drop zone (one per criterion). */
  compact?: boolean;
}) => {
  const { message } = App.useApp();
  const uploads = useContext(UploadsContext);
  const [files, setFiles] = useState<UploadFile[]>(
    value.map((d) => ({ uid: d.sha256, name: d.fileName, status: 'done', size: d.size })),
  );
  const [progress, setProgress] = useState<number | null>(null);
  let current = value;
  return (
    <div role="group" aria-label={label}>
      <Upload.Dragger
        id={id}
        multiple
        accept={Object.keys(ACCEPTED).join(',')}
        fileList={files}
        aria-label={label}
        showUploadList={{ showRemoveIcon: true }}
        beforeUpload={(file) => {
          const problem = checkFile(file);
          if (problem) {
            message.error(problem);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError, onProgress }) => {
          setProgress(0);
          uploads
            .track(
              send(file as File, (p) => {
                setProgress(p);
                onProgress?.({ percent: p });
              }),
            )
            .then((doc) => {
              current = [...current.filter((d) => d.sha256 !== doc.sha256), doc];
              onChange?.(current);
              onSuccess?.(doc);
              setProgress(null);
            })
            .catch((e: Error) => {
              message.error(e.message);
              onError?.(e);
              setProgress(null);
            });
        }}
        onChange={({ fileList }) => setFiles(fileList)}
        onRemove={(f) => {
          const sha = (f.response as UploadedDocument | undefined)?.sha256 ?? f.uid;
          current = value.filter((d) => d.sha256 !== sha);
          onChange?.(current);
        }}
      >
        {compact ? (
          <span>Kéo thả hoặc bấm để đính kèm minh chứng</span>
        ) : (
          <>
            <p style={{ fontSize: 16, margin: 0 }}>Kéo thả tệp vào đây, hoặc bấm để chọn tệp</p>
            <p style={{ color: '#595959', margin: 0 }}>
              PDF, ảnh JPG/PNG, DOCX, XLSX, ODT, ODS; mỗi tệp tối đa 20 MB
            </p>
          </>
        )}
      </Upload.Dragger>
      {progress !== null && (
        <Progress percent={progress} aria-label="Tiến độ tải tệp lên" style={{ marginTop: 8 }} />
      )}
    </div>
  );
};

/** Downloads a document by its hash. */
export const DocumentLink = ({ sha256, name }: { sha256: string; name?: string }) => (
  <DownloadLink url={`/api/v1/documents/${sha256}`} fileName={sha256.slice(0, 12)}>
    {name ?? `Tài liệu ${sha256.slice(0, 10)}…`}
  </DownloadLink>
);
