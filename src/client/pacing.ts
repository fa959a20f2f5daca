import type { Clock } from './types.js';

export interface PacerSettings {
  maxCallsPerWindow: number;
  windowMs: number;
  maxConcurrentCalls: number;
  clock: Clock;
  /** Called each time the queue has to wait for the window, with the wait in milliseconds. */
  onWait?: (waitMs: number) => void;
}

/** Releases the slot taken by {@link CallPacer.acquire}. Calling it again does nothing. */
export type ReleaseSlot = () => void;

/** One admitted call. `endedAt` is Infinity while the call is in flight. */
interface Slot {
  endedAt: number;
}

/**
 * Admits calls in FIFO order so that at most `maxCallsPerWindow` fall within any sliding window of
 * `windowMs`, and at most `maxConcurrentCalls` are in flight at once.
 *
 * Marketo counts a call when it arrives, which is some time after the client starts it and before
 * the response ends. So a call keeps its place in the window from its start until `windowMs` after
 * it ended: the client's count can only be higher than Marketo's, whatever the network delay.
 */
export class CallPacer {
  private slots: Slot[] = [];
  private readonly waiting: Array<(release: ReleaseSlot) => void> = [];
  private inFlight = 0;
  private timerDueAt: number | undefined;

  constructor(private readonly settings: PacerSettings) {}

  /** Resolves with a release function once the call may start. */
  acquire(): Promise<ReleaseSlot> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.admit();
    });
  }

  /** Calls in flight now. */
  get callsInFlight(): number {
    return this.inFlight;
  }

  private admit(): void {
    const { clock, maxCallsPerWindow, maxConcurrentCalls, windowMs } = this.settings;
    while (this.waiting.length > 0 && this.inFlight < maxConcurrentCalls) {
      const now = clock.now();
      this.slots = this.slots.filter((slot) => slot.endedAt > now - windowMs);
      if (this.slots.length >= maxCallsPerWindow) {
        // Wait for the earliest ended call to leave the window. When every counted call is still
        // in flight, the next release calls admit() instead.
        const earliestEnd = Math.min(...this.slots.map((slot) => slot.endedAt));
        if (Number.isFinite(earliestEnd)) this.armTimer(earliestEnd + windowMs);
        return;
      }
      const grant = this.waiting.shift();
      if (grant === undefined) return;
      const slot: Slot = { endedAt: Number.POSITIVE_INFINITY };
      this.slots.push(slot);
      this.inFlight += 1;
      grant(this.releaseOnce(slot));
    }
  }

  private releaseOnce(slot: Slot): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      slot.endedAt = this.settings.clock.now();
      this.inFlight -= 1;
      this.admit();
    };
  }

  private armTimer(dueAt: number): void {
    if (this.timerDueAt !== undefined && this.timerDueAt <= dueAt) return;
    this.timerDueAt = dueAt;
    const waitMs = Math.max(1, dueAt - this.settings.clock.now());
    this.settings.onWait?.(waitMs);
    void this.settings.clock.sleep(waitMs).then(() => {
      if (this.timerDueAt === dueAt) this.timerDueAt = undefined;
      this.admit();
    });
  }
}
