import type { OutputStream } from './output.js';

export interface Colors {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const plain = (text: string) => text;
const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

/** ANSI colours on a terminal only, and never when NO_COLOR is set (https://no-color.org). */
export function colorsFor(stream: OutputStream, env: NodeJS.ProcessEnv): Colors {
  if (!stream.isTTY || env.NO_COLOR) {
    return { red: plain, green: plain, yellow: plain, bold: plain, dim: plain };
  }
  return { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}
