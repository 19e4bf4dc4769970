/** The only source of "now" for command metadata; tests replace it to control deadlines. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
