// A node:test reporter that ends the run with the plain line CI reads: "N passed, N failed, N skipped".
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const type = event.data?.details?.type;
    if (type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (event.data.skip !== undefined || event.data.todo !== undefined) skipped++;
      else passed++;
    } else if (event.type === 'test:fail') {
      failed++;
    }
  }
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
