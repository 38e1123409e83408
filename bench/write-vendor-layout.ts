// `npx tsx bench/write-vendor-layout.ts <canonical data folder> <out folder>`: writes the vendor-layout
// copy that the bench's mapping row builds (<out>/raw and <out>/pulse.config.json), e.g. to build it by hand.
import { writeVendorLayout } from './vendor-layout.js';

const [canonicalDir, outDir] = process.argv.slice(2);
if (!canonicalDir || !outDir) {
  console.error('usage: npx tsx bench/write-vendor-layout.ts <canonical data folder> <out folder>');
  process.exit(2);
}
const started = performance.now();
const dataDir = await writeVendorLayout(canonicalDir, outDir);
console.log(`wrote ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
