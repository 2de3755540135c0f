/**
 * Output into a pipe that closes (`claimwatch claims list --json | head -1`) ends the command quietly: the reader has
 * all it wanted, so an EPIPE is not an error worth a stack trace. Anything else a stream reports stays fatal.
 */
export function endQuietlyWhenPipeCloses(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      // nothing more can be written; the database is consistent between writes (each transaction is synchronous)
      process.exit(0);
    });
  }
}
