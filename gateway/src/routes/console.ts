import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The admin console's built files (CORPHUB_CONSOLE_DIR) under /console. Scripts, styles and data come from the hub
 * alone (the CSP says so to the browser) and the console talks to /graphql and /oauth only; any path that is not
 * a file is the single-page app, whose router shows the screen.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts and React set element styles
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function consoleRoutes(folder: string): Router {
  const index = path.join(folder, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`CORPHUB_CONSOLE_DIR "${folder}" has no index.html: build the console (npm run build)`);
  const router = Router();
  const secure: express.RequestHandler = (_req, res, next) => {
    res.set({ 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    next();
  };
  router.use('/console', secure);
  // hashed file names: cached for good; index.html never, so a new build is picked up at once
  router.use('/console/assets', express.static(path.join(folder, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.get(['/console', '/console/*rest'], (_req, res) => {
    res.set('cache-control', 'no-store').sendFile(index);
  });
  return router;
}
