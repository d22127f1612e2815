import request from 'supertest';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';

/** Logs a customer in through the fake WeChat (`dev-<name>`) and returns the bearer header. */
export async function customerAuth(
  baseUrl: string,
  name: string,
): Promise<{ authorization: string; memberId: number }> {
  const response = await request(baseUrl)
    .post('/api/v1/auth/wechat/login')
    .send({ code: `dev-${name}` })
    .expect(200);
  return { authorization: `Bearer ${response.body.token}`, memberId: response.body.member.id };
}

/** Logs a demo staff member in (`manager1`, `optometrist2`, `clerk3`, `admin`). */
export async function staffAuth(baseUrl: string, username: string): Promise<{ authorization: string }> {
  const response = await request(baseUrl)
    .post('/api/v1/auth/staff/login')
    .send({ username, password: DEMO_STAFF_PASSWORD })
    .expect(200);
  return { authorization: `Bearer ${response.body.token}` };
}
