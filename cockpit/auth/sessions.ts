import crypto from 'node:crypto';
import type { CockpitSession, CockpitUser, PrismaClient } from '../../db/generated/client';

/** Sessions live 12 hours; the cookie holds a random token, the database only its SHA-256. */
export const SESSION_HOURS = 12;
export const SESSION_COOKIE = 'stammkunde_session';

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type ActiveSession = { session: CockpitSession; user: CockpitUser };

export async function openSession(prisma: PrismaClient, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await prisma.cockpitSession.create({
    data: { userId, tokenHash: sha256(token), csrfToken: crypto.randomBytes(24).toString('base64url'), expiresAt, createdAt: now },
  });
  return { token, expiresAt };
}

export async function findSession(prisma: PrismaClient, token: string | undefined, now: Date): Promise<ActiveSession | undefined> {
  if (!token) return undefined;
  const session = await prisma.cockpitSession.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session || session.expiresAt <= now || session.user.disabledAt) return undefined;
  const { user, ...rest } = session;
  return { session: rest, user };
}

export async function closeSession(prisma: PrismaClient, token: string | undefined): Promise<void> {
  if (token) await prisma.cockpitSession.deleteMany({ where: { tokenHash: sha256(token) } });
}

/** Constant-time comparison of a presented CSRF token with the session's (or the login cookie's). */
export function tokensMatch(presented: unknown, expected: string | undefined): boolean {
  if (typeof presented !== 'string' || !expected) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
