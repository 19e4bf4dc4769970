import { GroupCommit } from './group-commit';

/** A statement runner whose calls finish when the test says: records what went alone and what together. */
const database = () => {
  const pending: (() => void)[] = [];
  const log: string[] = [];
  let failNext = false;
  const later = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) =>
      pending.push(() => {
        try {
          resolve(value());
        } catch (e) {
          reject(e as Error);
        }
      }),
    );
  return {
    log,
    failTogether: () => (failNext = true),
    alone: (call: number) => {
      log.push(`alone ${call}`);
      return later(() => call * 10);
    },
    together: (calls: readonly number[]) => {
      log.push(`together ${calls.join(',')}`);
      const fail = failNext;
      failNext = false;
      return later(() => {
        if (fail) throw new Error('rolled back');
        return calls.map((c) => c * 10);
      });
    },
    /** Lets every statement sent so far finish, and the answers they release run. */
    finish: async () => {
      for (const done of pending.splice(0)) done();
      await new Promise((r) => setImmediate(r));
    },
  };
};

describe('GroupCommit', () => {
  it('sends calls alone while fewer than its places are taken; the ones that waited go together, at most the limit', async () => {
    const db = database();
    const commits = new GroupCommit(db.alone, db.together, 2, 3);
    const answers = [1, 2, 3, 4, 5, 6, 7].map((c) => commits.run(c));
    expect(db.log).toEqual(['alone 1', 'alone 2']);
    await db.finish();
    // Two places freed: the five waiting go as a batch of three and a batch of two.
    expect(db.log).toEqual(['alone 1', 'alone 2', 'together 3,4,5', 'together 6,7']);
    await db.finish();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40, 50, 60, 70]);
    // Quiet again: the next call goes alone at once.
    const next = commits.run(8);
    expect(db.log.at(-1)).toBe('alone 8');
    await db.finish();
    await expect(next).resolves.toBe(80);
  });

  it('a batch that fails sends each of its calls alone; one waiting call goes alone', async () => {
    const db = database();
    const commits = new GroupCommit(db.alone, db.together, 1, 10);
    const answers = [1, 2, 3].map((c) => commits.run(c));
    db.failTogether();
    await db.finish();
    expect(db.log).toEqual(['alone 1', 'together 2,3']);
    await db.finish();
    expect(db.log).toEqual(['alone 1', 'together 2,3', 'alone 2', 'alone 3']);
    await db.finish();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30]);
    const [a, b] = [4, 5].map((c) => commits.run(c));
    await db.finish();
    expect(db.log.slice(-2)).toEqual(['alone 4', 'alone 5']);
    await db.finish();
    await expect(Promise.all([a, b])).resolves.toEqual([40, 50]);
  });
});
