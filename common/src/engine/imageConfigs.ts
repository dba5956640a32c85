import { inspectImageArgv } from './argv';
import type { ImageConfigView } from './parse';
import { parseImageInspect } from './parse';
import type { EngineConfig } from './runner';
import { runEngine } from './runner';

/**
 * The configs of images present in the local engine (docker or podman, DOCKER_HOST/context honoured through the
 * engine config), read with `image inspect` — never pulled. One read per name at a time, each bounded in time;
 * parsed configs are kept by image ID, so a retagged name is read again but the same image is parsed once.
 */

const READ_TIMEOUT_MS = 10_000;

export type ImageConfigLookup = (image: string) => ImageConfigView | undefined;

export class ImageConfigReader {
  readonly #byId = new Map<string, ImageConfigView>();

  constructor(private readonly engine: EngineConfig, private readonly log: (line: string) => void = () => undefined) {}

  /** The config of each image that exists locally; images that do not (or an engine that does not answer) are left out. */
  async read(images: readonly string[]): Promise<ReadonlyMap<string, ImageConfigView>> {
    const found = new Map<string, ImageConfigView>();
    await Promise.all([...new Set(images)].map(async (image) => {
      const config = await this.readOne(image);
      if (config !== undefined) found.set(image, config);
    }));
    return found;
  }

  private async readOne(image: string): Promise<ImageConfigView | undefined> {
    let stdout: string;
    try {
      stdout = (await runEngine(this.engine, inspectImageArgv(image), { signal: AbortSignal.timeout(READ_TIMEOUT_MS) })).stdout;
    } catch {
      return undefined; // not present locally, or no engine: the config stays unknown, as without an engine
    }
    let config: ImageConfigView;
    try {
      config = parseImageInspect(stdout);
    } catch (error) {
      this.log(`ignored a malformed \`image inspect\` answer for ${image}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (config.id === '') return config;
    const known = this.#byId.get(config.id);
    if (known !== undefined) return known;
    this.#byId.set(config.id, config);
    return config;
  }
}
