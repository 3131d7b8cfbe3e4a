/**
 * A block of lines redrawn in place on a terminal: each frame moves the cursor back to the top of
 * the previous one and overwrites it, so the screen updates instead of scrolling. Frames are kept
 * narrower and shorter than the terminal, because a line that wraps or a frame that scrolls could
 * not be reached again to overwrite it.
 */
export class LiveScreen {
  private drawn = 0;
  /** After a resize the old frame may have rewrapped: start again from a clear screen. */
  private resized = false;
  private readonly onResize = () => {
    this.resized = true;
  };

  constructor(private readonly stream: NodeJS.WriteStream) {}

  get width(): number {
    // The last column is left free: some terminals wrap as soon as it is written.
    return Math.max(40, (this.stream.columns || 80) - 1);
  }

  get height(): number {
    return Math.max(10, (this.stream.rows || 24) - 1);
  }

  start(): void {
    this.stream.write('\x1b[?25l');
    this.stream.on('resize', this.onResize);
  }

  draw(lines: string[]): void {
    const up = this.resized ? '\x1b[H\x1b[2J' : this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
    this.resized = false;
    this.stream.write(`${up}${lines.map((line) => `${line}\x1b[K\n`).join('')}\x1b[J`);
    this.drawn = lines.length;
  }

  /** Leaves the last frame on the screen and the cursor below it, visible again. */
  stop(): void {
    this.stream.off('resize', this.onResize);
    this.stream.write('\x1b[?25h');
  }
}
