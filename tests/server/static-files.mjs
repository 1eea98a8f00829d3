// Static files from the public folder, located the way Stellar does it
// (a directory means its index.html).
import fs from 'node:fs/promises';
import path from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain', '.css': 'text/css',
  '.js': 'application/javascript', '.mjs': 'application/javascript', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.webp': 'image/webp', '.pdf': 'application/pdf',
  '.xml': 'application/xml', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
};

export const DIRECTORY_FILE = 'index.html';

export function mimeFor(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// Resolves a public-relative path, first among the `generated` files (a Map
// of path -> { content, mtimeMs }, such as the docs pages), then in the
// folder; null when missing or outside it. Found files have `path` and
// `stats` (size, mtimeMs), generated ones their `content` too.
export async function findFile(publicDir, file, generated = new Map()) {
  const relative = path.posix.normalize(file).replace(/^(\.\/|\/)+/, '').replace(/\/$/, '');
  for (const candidate of [relative, path.posix.join(relative, DIRECTORY_FILE)]) {
    const entry = generated.get(candidate);
    if (entry) return { path: candidate, stats: { size: entry.content.length, mtimeMs: entry.mtimeMs }, content: entry.content };
  }
  const root = path.resolve(publicDir);
  let full = path.resolve(root, `.${path.sep}${file}`);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    let stats = await fs.stat(full);
    if (stats.isDirectory()) {
      full = path.join(full, DIRECTORY_FILE);
      stats = await fs.stat(full);
    }
    return stats.isFile() ? { path: full, stats } : null;
  } catch {
    return null;
  }
}

// The weak ETag of the `etag` package for file stats: W/"<size hex>-<mtime hex>".
export function etagFor(stats) {
  return `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}
