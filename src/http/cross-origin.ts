import cors from 'cors';

/**
 * Every response may be read from any origin: reads are public, and writes need a bearer token, never a cookie, so a
 * foreign page gains nothing a script elsewhere could not do. A preflight is answered before authentication.
 */
export const crossOrigin = () =>
  cors({
    origin: '*',
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Match'],
    // RateLimit, RateLimit-Policy and Retry-After let a page's script pace itself (capacity/client-limits.ts).
    exposedHeaders: ['ETag', 'Link', 'Location', 'Validation-Warnings', 'Server-Timing', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
    maxAge: 86_400,
  });
