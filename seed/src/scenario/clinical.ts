/** The clinical values of a request (or a training row), drawn from the scenario's distributions. */
import { round, type Rng } from '../random';

const CHAPTERS = ['J', 'I', 'R', 'S', 'C', 'K'] as const;

/** One request's raw clinical values, rounded as the gateway logs them (scores use the rounded values). */
export function drawClinical(r: Rng) {
  const age = 18 + Math.floor(77 * Math.sqrt(r.next()));
  const sex = r.next() < 0.5 ? 'F' : 'M';
  const opacity = round(r.next() ** 1.5, 3);
  const nodule = round(0.9 * r.next() ** 3, 3);
  const wbc = round(4 + 14 * r.next() ** 1.3, 1);
  const crp = round(150 * r.next() ** 2.2, 1);
  const dDimer = round(0.2 + 3 * r.next() ** 2.5, 2);
  const severity = round(r.next(), 3);
  const redFlags = Math.floor(5 * r.next() ** 2);
  const chapter = CHAPTERS[Math.floor(r.next() * CHAPTERS.length)]!;
  const contrastOk = r.next() < 0.88;
  return { age, sex, opacity, nodule, wbc, crp, dDimer, severity, redFlags, chapter, contrastOk };
}
