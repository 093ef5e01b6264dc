// `npm run reminders:now`: asks the running local stack (`npm start`) to send today's deadline digests now.
const port = process.env.PORT ?? '3000';
const response = await fetch(`http://127.0.0.1:${port}/local/reminders/run`, { method: 'POST' }).catch(
  () => undefined,
);
if (response === undefined) {
  console.error(
    `Nothing answers on port ${port}. Start the local stack with \`npm start\` first (PORT moves it).`,
  );
  process.exit(1);
}
console.log(JSON.stringify(await response.json()));
process.exit(response.ok ? 0 : 1);

export {};
