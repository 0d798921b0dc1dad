// Placeholder: replaced by the database foundation (starts a throwaway PostgreSQL when DATABASE_URL is unset).
export default async function globalSetup(): Promise<void> {}
