import type { TestApp } from './harness';

/** Registers Bắc Kạn (06), thành phố Bắc Kạn (058) and its communes of the test data, as the administrator. */
export const registerBacKan = async (t: TestApp, adminToken: string): Promise<void> => {
  const res = await t.http
    .put('/api/v1/admin/units/06')
    .set('authorization', `Bearer ${adminToken}`)
    .send({
      name: 'Tỉnh Bắc Kạn',
      districts: [{ code: '058', name: 'Thành phố Bắc Kạn' }],
      communes: [
        { code: '01840', name: 'xã Dương Quang', districtCode: '058' },
        { code: '01843', name: 'xã Nông Thượng', districtCode: '058' },
      ],
    });
  if (res.status !== 200) throw new Error(`registering Bắc Kạn: ${res.status} ${JSON.stringify(res.body)}`);
};
