/**
 * Group commit for statements that are each their own transaction (keyed appends). While fewer than `inFlight`
 * are at the database, each goes alone; the ones arriving meanwhile wait and go together as one transaction
 * (`together`): one round trip and one commit (one WAL flush) for all of them, where the commit and the round
 * trip cost more than the work. A quiet system never waits; a busy one pays a round trip and a commit per batch.
 *
 * `together` either answers every call or fails as a whole having written nothing (or not knowing, when the
 * connection dropped): then each call goes alone, so each meets its own outcome. Statements that are safe to
 * run again are required: a keyed append finds its stored answer the second time.
 */
export class GroupCommit<Call, Answer> {
  private readonly waiting: { call: Call; settle: (run: () => Promise<Answer>) => Promise<void> }[] = [];
  private running = 0;

  constructor(
    private readonly alone: (call: Call) => Promise<Answer>,
    private readonly together: (calls: readonly Call[]) => Promise<Answer[]>,
    private readonly inFlight: number,
    private readonly batchLimit: number,
  ) {}

  run(call: Call): Promise<Answer> {
    if (this.running < this.inFlight) {
      this.running++;
      return this.alone(call).finally(() => this.drain());
    }
    return new Promise((resolve, reject) =>
      this.waiting.push({ call, settle: (run) => run().then(resolve, reject) }),
    );
  }

  /** One place freed: the next batch of waiting calls takes it. */
  private drain(): void {
    this.running--;
    const batch = this.waiting.splice(0, this.batchLimit);
    if (batch.length === 0) return;
    this.running++;
    void this.send(batch).finally(() => this.drain());
  }

  private async send(batch: { call: Call; settle: (run: () => Promise<Answer>) => Promise<void> }[]) {
    if (batch.length === 1) return batch[0].settle(() => this.alone(batch[0].call));
    const rows = await this.together(batch.map((w) => w.call)).catch(() => null);
    // Without rows nothing of the batch is known to be written: each on its own finds its outcome.
    await Promise.all(
      batch.map((w, i) => w.settle(() => (rows ? Promise.resolve(rows[i]) : this.alone(w.call)))),
    );
  }
}
