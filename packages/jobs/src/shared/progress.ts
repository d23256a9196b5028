// A one-line progress display on stderr, only when stderr is a terminal (never in a pod's log).
// Hand-written: redrawing one line with \r is all a job needs, less than a progress library's setup.

export interface Progress {
  update(text: string): void
  /** Clears the line, leaving `text` on its own line when given. */
  done(text?: string): void
}

const REDRAW_MS = 100

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} }
  let last = 0
  return {
    update(text) {
      const now = Date.now()
      if (now - last < REDRAW_MS) return
      last = now
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 80) - 1)}`)
    },
    done(text) {
      stream.write(`\r\x1b[2K${text === undefined ? '' : `${text}\n`}`)
    },
  }
}
