import { ImageConfigReader } from '../../../common/src/engine/imageConfigs';
import type { ImageConfigView } from '../../../common/src/engine/parse';
import type { EngineConfig } from '../../../common/src/engine/runner';
import type { BaseCommandConfig } from '../explain/effectiveCommand';

/** A look-up is answered again from the engine at most this often (an image built or pulled since shows up). */
const REFRESH_MS = 30_000;

/**
 * The real configs of the base images open Dockerfiles start from, read from the local engine (`image inspect`,
 * never a pull) off the typing path: checks and hovers use what is known now and ask for the rest, and when an
 * answer changes what is known `onChange` runs (the server checks its documents again). Only with an engine
 * the client allows (a trusted workspace, the setting on); without one nothing is read and nothing waits.
 */
export class BaseImages {
  #reader: ImageConfigReader | undefined;
  readonly #known = new Map<string, { config: ImageConfigView | undefined; readAt: number }>();
  readonly #reading = new Set<string>();
  #version = 0;

  constructor(private readonly onChange: () => void, private readonly log: (line: string) => void) {}

  /** Which engine to read from; undefined turns reading off and forgets what was read. */
  setEngine(engine: EngineConfig | undefined): void {
    this.#reader = engine === undefined ? undefined : new ImageConfigReader(engine, this.log);
    if (this.#known.size > 0) {
      this.#known.clear();
      this.#version++;
      this.onChange();
    }
  }

  get enabled(): boolean {
    return this.#reader !== undefined;
  }

  /** Changes whenever what is known changes: checks that read the configs are redone for a new version. */
  get version(): number {
    return this.#version;
  }

  env(image: string): ReadonlyMap<string, string> | undefined {
    return this.#known.get(image)?.config?.env;
  }

  command(image: string): BaseCommandConfig | undefined {
    const config = this.#known.get(image)?.config;
    return config === undefined ? undefined : { image, id: config.id, entrypoint: config.entrypoint, cmd: config.cmd };
  }

  /** Asks the engine for the images not read in the last REFRESH_MS; returns at once. */
  request(images: readonly string[]): void {
    const reader = this.#reader;
    if (reader === undefined) return;
    const now = Date.now();
    const due = images.filter((image) => !this.#reading.has(image) && now - (this.#known.get(image)?.readAt ?? -Infinity) > REFRESH_MS);
    if (due.length === 0) return;
    for (const image of due) this.#reading.add(image);
    void reader.read(due).then((configs) => {
      let changed = false;
      for (const image of due) {
        this.#reading.delete(image);
        const config = configs.get(image);
        const before = this.#known.get(image)?.config;
        if ((before?.id ?? '') !== (config?.id ?? '') || (before === undefined) !== (config === undefined)) changed = true;
        this.#known.set(image, { config, readAt: Date.now() });
      }
      if (changed && this.#reader === reader) {
        this.#version++;
        this.onChange();
      }
    });
  }
}
