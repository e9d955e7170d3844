// GET /icons/:file: the app's PNG icons, drawn from app/icon.svg with sharp on first request and
// kept in memory: the manifest's 192 and 512, a maskable 512 (the glyph inside the safe circle on
// a full-bleed square) and the monochrome badge notifications show in the status bar.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const ACCENT = '#4f46e5';
const GLYPH = 'M11 8h6.5a5.5 5.5 0 0 1 1.6 10.76L23 24h-4.2l-3.4-4.8H14.6V24H11zm3.6 3.1v5.1h2.8a2.55 2.55 0 0 0 0-5.1z';

/** The "R" of icon.svg centred at `scale` of a square, on `background` (none: transparent). */
function glyphSvg(scale: number, fill: string, background: string | null): Buffer {
  const offset = (32 - 32 * scale) / 2;
  const rect = background ? `<rect width="32" height="32" fill="${background}"/>` : '';
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${rect}<g transform="translate(${offset} ${offset}) scale(${scale})"><path d="${GLYPH}" fill="${fill}"/></g></svg>`,
  );
}

const icons: Record<string, { size: number; source: () => Promise<Buffer> }> = {
  'icon-192.png': { size: 192, source: () => readFile(path.join(process.cwd(), 'app', 'icon.svg')) },
  'icon-512.png': { size: 512, source: () => readFile(path.join(process.cwd(), 'app', 'icon.svg')) },
  // Launchers crop a maskable icon to any shape inside the central 80 %: the glyph keeps well within it.
  'maskable-512.png': { size: 512, source: async () => glyphSvg(0.8, '#fff', ACCENT) },
  // Android draws a badge from its alpha channel alone.
  'badge-72.png': { size: 72, source: async () => glyphSvg(1.6, '#fff', null) },
};

const drawn = new Map<string, Promise<Buffer>>();

function draw(file: string): Promise<Buffer> {
  let png = drawn.get(file);
  if (!png) {
    const icon = icons[file];
    png = icon
      .source()
      .then((svg) =>
        sharp(svg, { density: Math.ceil((72 * icon.size) / 32) })
          .resize(icon.size, icon.size)
          .png()
          .toBuffer(),
      )
      .catch((e: unknown) => {
        drawn.delete(file);
        throw e;
      });
    drawn.set(file, png);
  }
  return png;
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!Object.hasOwn(icons, file)) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  return new Response(new Uint8Array(await draw(file)), {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' },
  });
}
