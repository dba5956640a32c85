import '../helpers/useBuildkitEngine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildkitCheck, buildkitCheckAvailable, withBuiltinFrontend, withoutDigests } from '../helpers/buildkitCheck';
import { CORPUS, CORPUS_DOCKERFILES } from '../helpers/paths';
import { dockerEngineConfig, ensureEngine } from '../helpers/engine';
import { compareWithBuildkit, tallyByRule } from './buildkitParity';
import { ImageConfigReader } from '../../common/src/engine/imageConfigs';
import { externalBaseImages } from '../../server/src/cli/lint';
import { buildModel } from '../../server/src/model';
import type { FileParity } from './buildkitParity';

/**
 * `node out/test/parity/report.js [--json FILE]`: BuildKit's checks against `stagecraft lint` over the whole
 * corpus, on the current engine (started when it is not running); prints the per-rule table (Markdown) and every difference.
 */

async function main(): Promise<void> {
  const started = await ensureEngine();
  if (!started.ok) throw new Error(started.reason);
  const available = buildkitCheckAvailable();
  if (!available.ok) throw new Error(available.reason);
  const reader = new ImageConfigReader(dockerEngineConfig());
  const results: FileParity[] = [];
  for (const file of CORPUS_DOCKERFILES) {
    const text = withoutDigests(withBuiltinFrontend(fs.readFileSync(path.join(CORPUS, 'files', file), 'utf8')));
    const buildkit = buildkitCheck(text);
    const configs = await reader.read(externalBaseImages(buildModel({ uri: file, version: 0, text })));
    results.push(compareWithBuildkit(file, text, buildkit, (image) => configs.get(image)?.env));
  }
  const checked = results.filter((r) => r.buildkitError === undefined);
  const lines = [`${results.length} files, ${checked.length} checked by BuildKit, ${results.length - checked.length} refused`, ''];
  lines.push('| rule | BuildKit | agreed | missed | extra |', '|---|---|---|---|---|');
  let total = { agreed: 0, missed: 0, extra: 0 };
  for (const [rule, row] of tallyByRule(results)) {
    lines.push(`| ${rule} | ${row.agreed + row.missed} | ${row.agreed} | ${row.missed} | ${row.extra} |`);
    total = { agreed: total.agreed + row.agreed, missed: total.missed + row.missed, extra: total.extra + row.extra };
  }
  lines.push(`| all | ${total.agreed + total.missed} | ${total.agreed} | ${total.missed} | ${total.extra} |`, '');
  for (const r of checked) {
    if (r.missed.length > 0 || r.extra.length > 0) lines.push(`${r.file}: missed ${r.missed.join(' ')} | extra ${r.extra.join(' ')}`);
    if (r.stagecraftErrors.length > 0) lines.push(`${r.file}: errors where BuildKit accepts: ${r.stagecraftErrors.join(' ')}`);
  }
  for (const r of results) {
    if (r.buildkitError === undefined) continue;
    const at = `@${r.buildkitError.line}`;
    const right = r.stagecraftErrors.some((e) => e.endsWith(at));
    if (!right) lines.push(`${r.file}: BuildKit refuses${at} (${r.buildkitError.message.slice(0, 160)}); Stagecraft errors: ${r.stagecraftErrors.join(' ') || 'none'}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1] !== undefined) fs.writeFileSync(process.argv[jsonAt + 1] as string, JSON.stringify(results, null, 1));
}

void main();
