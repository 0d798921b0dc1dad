-- CreateEnum
CREATE TYPE "CockpitRole" AS ENUM ('principal', 'team_lead', 'marketing', 'service_advisor');

-- CreateTable
CREATE TABLE "cockpit_users" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "CockpitRole" NOT NULL,
    "locationIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "language" "Language" NOT NULL DEFAULT 'de',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cockpit_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cockpit_sessions" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cockpit_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cockpit_users_email_key" ON "cockpit_users"("email");

-- CreateIndex
CREATE INDEX "cockpit_users_dealerId_idx" ON "cockpit_users"("dealerId");

-- CreateIndex
CREATE UNIQUE INDEX "cockpit_sessions_tokenHash_key" ON "cockpit_sessions"("tokenHash");

-- CreateIndex
CREATE INDEX "cockpit_sessions_userId_idx" ON "cockpit_sessions"("userId");

-- AddForeignKey
ALTER TABLE "cockpit_users" ADD CONSTRAINT "cockpit_users_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cockpit_sessions" ADD CONSTRAINT "cockpit_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cockpit_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
