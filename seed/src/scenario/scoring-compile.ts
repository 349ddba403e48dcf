/**
 * Reads a stored `hyperparameters.scoring` spec back into arrays for the hot loop. Going
 * through the stored JSON (not the in-memory coefficients) keeps the graph the single source
 * of truth: what the seed scores with is exactly what a reproduction would read.
 */

/** One input's term of a linear scoring model. */
export interface ScoringTerm {
  name: string;
  coefficient: number;
  baseline: number;
  /** Divisor for numeric inputs. */
  scale: number;
  /** Codes for categorical inputs (undefined for numeric ones). */
  encoding: Record<string, number> | undefined;
}

export interface CompiledScoring {
  bias: number;
  terms: ScoringTerm[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberRecord(value: unknown, what: string): Record<string, number> {
  if (!isRecord(value)) throw new TypeError(`${what} must be an object`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number') throw new TypeError(`${what}.${k} must be a number`);
    out[k] = v;
  }
  return out;
}

/** Validates and compiles a scoring spec; throws with the version id on a malformed one. */
export function compileScoring(versionId: string, spec: unknown): CompiledScoring {
  const where = `${versionId}.hyperparameters.scoring`;
  if (!isRecord(spec) || typeof spec['bias'] !== 'number') throw new TypeError(`${where} must have a numeric bias`);
  const coefficients = numberRecord(spec['coefficients'], `${where}.coefficients`);
  const baselines = numberRecord(spec['baselines'], `${where}.baselines`);
  const scale = numberRecord(spec['scale'] ?? {}, `${where}.scale`);
  const encodings = spec['encoding'] ?? {};
  if (!isRecord(encodings)) throw new TypeError(`${where}.encoding must be an object`);
  const terms = Object.entries(coefficients).map(([name, coefficient]) => {
    const encoding = encodings[name] === undefined ? undefined : numberRecord(encodings[name], `${where}.encoding.${name}`);
    return { name, coefficient, baseline: baselines[name] ?? 0, scale: scale[name] ?? 1, encoding };
  });
  return { bias: spec['bias'], terms };
}

/** Writes the encoded value of each term's input into `out[termIndex]`. */
export function encodeInto(model: CompiledScoring, inputs: Readonly<Record<string, string | number | boolean>>, out: Float64Array): void {
  for (let t = 0; t < model.terms.length; t++) {
    const term = model.terms[t]!;
    const value = inputs[term.name];
    out[t] = term.encoding ? (term.encoding[String(value)] ?? 0) : Number(value) / term.scale;
  }
}
