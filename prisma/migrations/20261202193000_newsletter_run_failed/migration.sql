-- A newsletter run whose batch gave up is recorded as failed, not left "running".
ALTER TYPE "NewsletterRunStatus" ADD VALUE 'failed';
