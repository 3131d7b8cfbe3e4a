/**
 * Colours for terminal output, as a palette of plain string functions so every renderer stays a
 * pure function of its input: tests and CI logs get the plain palette, a terminal the ANSI one.
 */
export interface Palette {
  blue(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const same = (text: string) => text;

export const plain: Palette = { blue: same, green: same, red: same, yellow: same, dim: same, bold: same };

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const ansi: Palette = {
  blue: sgr(34, 39),
  green: sgr(32, 39),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTTY === true && !env.NO_COLOR;
}

export function paletteFor(colour: boolean): Palette {
  return colour ? ansi : plain;
}
