import { demoEmulationBoard } from '../../apps/cli/src/demo-data';
import type { TestApp } from '../support/harness';
import { DossierDriver, tokensFor, type Place } from '../support/dossier-driver';

export const PROVINCE = '06';
export const BASE = `/api/v1/emulation/provinces/${PROVINCE}`;

/** Sends commendation requests over HTTP; `ok` expects success, `send` returns whatever came back. */
export class EmulationDriver {
  constructor(private readonly t: TestApp) {}

  send(method: 'get' | 'post', path: string, token: string, body?: object) {
    const req = this.t.http[method](path).set('authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body);
  }

  async ok(method: 'get' | 'post', path: string, token: string, body?: object) {
    const res = await this.send(method, path, token, body);
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** Takes a commune through the recognition procedure over HTTP, up to the announced decision. */
export const recognise = async (
  t: TestApp,
  place: Place,
  decisionNumber: string,
  decidedOn = '2025-12-15',
) => {
  const tokens = await tokensFor(t, place);
  const d = new DossierDriver(t, tokens, place);
  const announced = await d.recognise(decisionNumber, decidedOn);
  return { dossier: d, tokens, position: announced.position as string };
};

/** The demo's council, appointed by the chairman over HTTP (`emulation-board` its secretary); both their tokens. */
export const appointDemoCouncil = async (t: TestApp) => {
  const chairman = await t.token('chairman', { provinceCode: PROVINCE });
  const { id, name } = demoEmulationBoard.members[0];
  const secretary = await t.token('emulation_secretary', { sub: id, name, provinceCode: PROVINCE });
  await new EmulationDriver(t).ok('post', `${BASE}/board`, chairman, demoEmulationBoard);
  return { chairman, secretary };
};
