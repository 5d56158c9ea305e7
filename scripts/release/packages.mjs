// The workspace's packages, found the way pnpm finds them (the globs of pnpm-workspace.yaml), so
// that a package added on another branch (`@sms-partner/bullmq`, `@sms-partner/cli`) is checked
// and released as soon as it lands, with no list to update.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

/** `[{ name, dir (relative, POSIX), path (absolute), manifest }]` for every workspace package. */
export function workspacePackages(root) {
  const { packages: globs = [] } = yaml.load(
    readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8'),
  );
  const dirs = [];
  for (const glob of globs) {
    if (glob.startsWith('!')) continue;
    if (glob.endsWith('/*')) {
      const parent = glob.slice(0, -2);
      if (!existsSync(join(root, parent))) continue;
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
      }
    } else if (!glob.includes('*')) {
      dirs.push(glob);
    } else {
      throw new Error(
        `pnpm-workspace.yaml: the release scripts do not understand the glob ${glob}`,
      );
    }
  }
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .sort()
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return { name: manifest.name, dir, path: join(root, dir), manifest };
    });
}

/** The packages that get published: every workspace package not marked `private`. */
export function publishedPackages(root) {
  return workspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}
