// Prints how long importing one module takes in this fresh process, in milliseconds.
const started = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - started));
