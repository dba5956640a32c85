import { l10n } from '../../locale/l10n';
import { expandVariables } from '../../model';
import { lookupResultOf } from '../../model/variables';
import type { Finding, Rule } from '../rule';
import { stagesToCheck } from '../rule';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/** `port`, `port/proto`, `from-to/proto`; the builder also tolerates `ip:host:container` (a BuildKit check warns). */
export function exposeProblem(spec: string): string | undefined {
  const [portPart = '', protocol, ...extra] = spec.split('/');
  if (extra.length > 0) return l10n.t`\`${spec}\` has more than one \`/\``;
  if (protocol !== undefined && !PROTOCOLS.includes(protocol.toLowerCase())) {
    return l10n.t`unknown protocol \`${protocol}\` in \`${spec}\`; use tcp, udp or sctp`;
  }
  const containerPart = portPart.split(':').pop() ?? '';
  const match = /^(\d+)(?:-(\d+))?$/.exec(containerPart);
  if (match === null) return l10n.t`\`${spec}\` is not a port number or range`;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (low > 65535 || high > 65535) return l10n.t`port ${Math.max(low, high)} in \`${spec}\` is out of range (0–65535)`;
  if (high < low) return l10n.t`the range \`${containerPart}\` ends before it starts`;
  return undefined;
}

export const invalidExposePort: Rule = {
  id: 'InvalidExposePort',
  defaultSeverity: 'error',
  perStage: true,
  get summary() { return l10n.t('EXPOSE takes ports 0–65535, optionally with `/tcp`, `/udp` or `/sctp`.'); },
  // Stage by stage (a port may be an ARG of the stage); an EXPOSE above the first FROM gets InstructionBeforeFrom.
  check(model, context) {
    const found: Finding[] = [];
    for (const instruction of stagesToCheck(model, context).flatMap((stage) => stage.instructions)) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const arg of instruction.args) {
        let spec = arg.value;
        if (spec.includes('$')) {
          const expansion = expandVariables(spec, (name) => lookupResultOf(model.lookupVariable(name, instruction.index)), model.escapeChar);
          if (!expansion.exact || expansion.text.trim() === '') continue;
          spec = expansion.text;
        }
        for (const part of spec.split(/\s+/).filter(Boolean)) {
          const problem = exposeProblem(part);
          if (problem !== undefined) found.push({ range: arg.range, message: l10n.t`Invalid EXPOSE: ${problem}.` });
        }
      }
    }
    return found;
  },
};
