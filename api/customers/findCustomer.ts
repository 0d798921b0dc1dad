import type { Prisma, PrismaClient } from '../../db/generated/client';
import { notFound } from '../problems';

/** The dealer's customer with this id, or a 404 that says so. */
export async function findCustomer(prisma: PrismaClient | Prisma.TransactionClient, dealerId: string, customerId: string) {
  const customer = await prisma.customer.findFirst({ where: { id: customerId, dealerId } });
  if (!customer) throw notFound(`customer ${customerId} not found`);
  return customer;
}
