import { eventStoreBench } from './event-store.bench';
import { surveyBench } from './survey.bench';
import { readModelsBench } from './read-models.bench';
import { httpBench } from './http.bench';
import { webBench } from './web.bench';

/** A benchmark: runs on its own, prints its own table, and throws if it cannot run. */
export interface Bench {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** Every benchmark `npm run bench` runs, in order. Add yours here. */
export const benches: Bench[] = [
  { name: 'event-store', run: eventStoreBench },
  { name: 'survey', run: surveyBench },
  { name: 'read-models', run: readModelsBench },
  { name: 'http', run: httpBench },
  { name: 'web', run: webBench },
];

/** `node dist/bench/run.js [name...]`: the named benches, or all of them. */
const main = async (names: string[]) => {
  const selected = names.length ? benches.filter((b) => names.includes(b.name)) : benches;
  if (selected.length === 0)
    throw new Error(`No bench named ${names.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  for (const bench of selected) {
    console.log(`\n== ${bench.name} ==`);
    await bench.run();
  }
};

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
