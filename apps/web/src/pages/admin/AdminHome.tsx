import { Link } from 'react-router-dom';
import { Alert, Card, Col, Row } from 'antd';
import { AdminPage, isStopped, SECTIONS, useProjections } from './shared';

/** Where the administrator lands: the sections, and a warning when data processing has stopped on an error. */
export default function AdminHome() {
  const projections = useProjections();
  const parked = projections.data?.items.filter(isStopped) ?? [];
  return (
    <AdminPage title="Quản trị hệ thống">
      {projections.error && <Alert type="error" showIcon role="alert" title={projections.error.message} />}
      {parked.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={`${parked.length} tiến trình xử lý dữ liệu đang dừng vì lỗi`}
          description={<Link to="/quan-tri/xu-ly-du-lieu">Xem tình trạng xử lý dữ liệu</Link>}
        />
      )}
      <Row gutter={[16, 16]}>
        {SECTIONS.map((s) => (
          <Col key={s.to} xs={24} md={12}>
            <Card
              title={
                <h2 className="card-title">
                  <Link to={s.to}>{s.name}</Link>
                </h2>
              }
              style={{ height: '100%' }}
            >
              {s.text}
            </Card>
          </Col>
        ))}
      </Row>
    </AdminPage>
  );
}
